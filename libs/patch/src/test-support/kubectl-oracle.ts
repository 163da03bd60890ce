// Real kubectl as an offline referee for strategic merge patch: `kubectl patch --local` runs upstream's code.
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { isJsonObject } from '../json.js';
import type { JsonObject } from '../json.js';

/** What kubectl made of a patch: the patched object, or its error output. */
export type OracleResult = { readonly ok: true; readonly object: JsonObject } | { readonly ok: false; readonly stderr: string };

/** The machine image's kubectl (Google Cloud SDK's dispatcher, which runs kubectl 1.32 offline). */
export const SYSTEM_KUBECTL = '/usr/bin/kubectl';

/**
 * The kubectl binary to referee with: `@driftless/toolchain`'s `resolveTool('kubectl')` when that
 * exists and succeeds, else {@link SYSTEM_KUBECTL}. Rejects with a message naming both when
 * neither is available — the oracle must fail loudly, never skip.
 */
export async function findKubectl(): Promise<string> {
  const fromToolchain = await resolveFromToolchain();
  if (fromToolchain !== undefined) return fromToolchain;
  try {
    await access(SYSTEM_KUBECTL, constants.X_OK);
    return SYSTEM_KUBECTL;
  } catch (err) {
    throw new Error(
      `kubectl not found: @driftless/toolchain has no working resolveTool('kubectl') and ${SYSTEM_KUBECTL} is not executable; ` +
        'the strategic-merge-patch oracle needs a real kubectl (install the Debian package `kubectl` or finish libs/toolchain)',
      { cause: err },
    );
  }
}

async function resolveFromToolchain(): Promise<string | undefined> {
  try {
    // Loaded by name at run time: the toolchain library is being written alongside this one.
    const toolchain = (await import('@driftless/toolchain')) as Record<string, unknown>;
    const resolveTool = toolchain['resolveTool'];
    if (typeof resolveTool !== 'function') return undefined;
    const resolved: unknown = await (resolveTool as (name: string) => unknown)('kubectl');
    if (typeof resolved === 'string') return resolved;
    if (isJsonObject(resolved) && typeof resolved['command'] === 'string') return resolved['command'];
    return undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `kubectl patch --local -f <originalFile> --type=<type> -p <patch> -o json`. No cluster is
 * contacted: KUBECONFIG points nowhere, so the dispatcher falls back to its default kubectl.
 */
export function kubectlPatch(kubectl: string, originalFile: string, patch: JsonObject, type: 'strategic' | 'merge' = 'strategic'): Promise<OracleResult> {
  const args = ['patch', '--local', '-f', originalFile, `--type=${type}`, '-p', JSON.stringify(patch), '-o', 'json'];
  return new Promise((resolve, reject) => {
    execFile(kubectl, args, { env: { ...process.env, KUBECONFIG: '/dev/null' }, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err !== null) {
        if (typeof err.code === 'number') resolve({ ok: false, stderr: stderr.trim() });
        else reject(new Error(`running ${kubectl} failed: ${err.message}`, { cause: err }));
        return;
      }
      const object: unknown = JSON.parse(stdout);
      if (isJsonObject(object)) resolve({ ok: true, object });
      else reject(new Error(`kubectl printed something other than an object: ${stdout.slice(0, 200)}`));
    });
  });
}
