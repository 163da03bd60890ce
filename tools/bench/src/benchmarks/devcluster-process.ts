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
  /** Requests the server finished so far, by method (with `countRequests`; all zero without). */
  requests(): RequestCounts;
  stop(): Promise<void>;
}

/** Finished API requests counted from the dev cluster's own request log. */
export interface RequestCounts {
  readonly total: number;
  /** POST, PUT, PATCH and DELETE. */
  readonly writes: number;
  readonly byMethod: Readonly<Record<string, number>>;
}

/** Options of {@link startDevClusterProcess}. */
export interface DevClusterProcessOptions {
  /** Serve HTTPS with a generated CA (written into the kubeconfig), as `--tls`. @defaultValue false */
  readonly tls?: boolean;
  /**
   * Count every request the server finishes: runs it with `--verbose` (one debug line per request on
   * stderr) and parses those lines; other stderr lines pass through. @defaultValue false
   */
  readonly countRequests?: boolean;
}

/**
 * Starts `tools/devcluster/src/cli.ts` on a free port with `dataDir` and waits for its ready line.
 * With `tls`, the URL is `https://…` and the CA is in the kubeconfig written to `kubeconfig`.
 */
export async function startDevClusterProcess(dataDir: string, kubeconfig: string, options: DevClusterProcessOptions = {}): Promise<DevClusterProcess> {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const args = [tsx, path.join(workspaceRoot, 'tools/devcluster/src/cli.ts'), '--port', '0', '--kubeconfig', kubeconfig, '--data-dir', dataDir, ...(options.tls === true ? ['--tls'] : []), ...(options.countRequests === true ? ['--verbose'] : [])];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', options.countRequests === true ? 'pipe' : 'inherit'],
  });
  const byMethod: Record<string, number> = {};
  if (options.countRequests === true) countRequestLines(child, byMethod);
  const url = await readyUrl(child);
  return {
    url,
    pid: child.pid ?? 0,
    requests: () => {
      const counts = { ...byMethod };
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
      const writes = ['POST', 'PUT', 'PATCH', 'DELETE'].reduce((sum, m) => sum + (counts[m] ?? 0), 0);
      return { total, writes, byMethod: counts };
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Counts the `"msg":"request"` debug lines by method; passes every other stderr line through. */
function countRequestLines(child: ChildProcess, byMethod: Record<string, number>): void {
  let rest = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.includes('"msg":"request"')) {
        if (line.trim() !== '' && !/"level":(20|30),/.test(line)) process.stderr.write(line + '\n');
        continue;
      }
      const method = /"method":"([A-Z]+)"/.exec(line)?.[1] ?? 'OTHER';
      byMethod[method] = (byMethod[method] ?? 0) + 1;
    }
  });
}

/** Requests finished between two counts. */
export function requestsBetween(before: RequestCounts, after: RequestCounts): RequestCounts {
  const byMethod: Record<string, number> = {};
  for (const [method, n] of Object.entries(after.byMethod)) byMethod[method] = n - (before.byMethod[method] ?? 0);
  return { total: after.total - before.total, writes: after.writes - before.writes, byMethod };
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
