// Test support: the real kubectl (from @driftless/toolchain) against a dev cluster's kubeconfig,
// as the referee for client-side apply.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTool, runTool } from '@driftless/toolchain';
import type { ResolvedTool } from '@driftless/toolchain';

/** Runs kubectl against one cluster; resolves with stdout, rejects with stderr on a nonzero exit. */
export type Kubectl = (args: readonly string[], input?: string) => Promise<string>;

/** A {@link Kubectl} for the cluster of `kubeconfigYaml` (written to a temporary file). */
export async function kubectlFor(kubeconfigYaml: string): Promise<Kubectl> {
  const tool: ResolvedTool = await resolveTool('kubectl');
  const file = join(mkdtempSync(join(tmpdir(), 'kubectl-')), 'kubeconfig');
  writeFileSync(file, kubeconfigYaml);
  return async (args, input) => {
    const result = await runTool(tool, ['--kubeconfig', file, ...args], { ...(input === undefined ? {} : { input }), timeoutMs: 60_000 });
    if (result.exitCode !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };
}
