// Test harness: run the real kubectl against a dev cluster with its own kubeconfig and a fresh cache dir.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What one kubectl run produced. */
export interface KubectlResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** A kubectl bound to one cluster. */
export interface Kubectl {
  /** Runs kubectl with `args` (and `input` on stdin) using a fresh --cache-dir. */
  run(args: readonly string[], input?: string): Promise<KubectlResult>;
  /** Like run, but throws unless the exit code is 0; returns stdout. */
  ok(args: readonly string[], input?: string): Promise<string>;
  /** Removes the temporary kubeconfig and cache directories. */
  dispose(): void;
}

/** Binds kubectl (resolved by @driftless/toolchain) to `kubeconfig`. */
export async function kubectlFor(kubeconfig: string): Promise<Kubectl> {
  // Loaded lazily, as elsewhere in this project (nx forbids mixing static and lazy imports of a lib).
  const { resolveTool, runTool } = await import('@driftless/toolchain');
  const tool = await resolveTool('kubectl');
  const dir = mkdtempSync(join(tmpdir(), 'devcluster-kubectl-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  writeFileSync(kubeconfigPath, kubeconfig, { mode: 0o600 });
  let runs = 0;
  const run = async (args: readonly string[], input?: string): Promise<KubectlResult> => {
    // A fresh discovery cache per run: CRDs come and go between runs (research §2.14).
    const cacheDir = join(dir, `cache-${runs++}`);
    const result = await runTool(tool, ['--kubeconfig', kubeconfigPath, '--cache-dir', cacheDir, ...args], { timeoutMs: 60000, ...(input === undefined ? {} : { input }) });
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
  };
  return {
    run,
    async ok(args, input) {
      const result = await run(args, input);
      if (result.exitCode !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${result.exitCode}: ${result.stderr}`);
      return result.stdout;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
