// Runs the dev cluster as a child process (its own core, as with `npm start`) for benchmarks.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** A dev cluster child process. */
export interface DevClusterProcess {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** Options of {@link startDevClusterProcess}. */
export interface DevClusterProcessOptions {
  /** Serve HTTPS with a generated CA (written into the kubeconfig), as `--tls`. @defaultValue false */
  readonly tls?: boolean;
}

/**
 * Starts `tools/devcluster/src/cli.ts` on a free port with `dataDir` and waits for its ready line.
 * With `tls`, the URL is `https://…` and the CA is in the kubeconfig written to `kubeconfig`.
 */
export async function startDevClusterProcess(dataDir: string, kubeconfig: string, options: DevClusterProcessOptions = {}): Promise<DevClusterProcess> {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const args = [tsx, path.join(workspaceRoot, 'tools/devcluster/src/cli.ts'), '--port', '0', '--kubeconfig', kubeconfig, '--data-dir', dataDir, ...(options.tls === true ? ['--tls'] : [])];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await readyUrl(child);
  return {
    url,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function readyUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /devcluster ready at (\S+)/.exec(seen);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`devcluster exited (${code}) before it was ready: ${seen}`)));
  });
}
