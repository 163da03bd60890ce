// Runs the git CLI as a child process that an abort signal can end, for the transports isomorphic-git
// lacks (ssh). Asynchronous only: tests serve git from the same process, so a blocking call would hang.
import { spawn } from 'node:child_process';

/** How one git command ran. */
export interface GitProcessResult {
  /** Exit code; null when a signal ended it. */
  readonly exitCode: number | null;
  /** The last {@link MAX_OUTPUT_BYTES} bytes at most, as for stderr. */
  readonly stdout: string;
  readonly stderr: string;
}

/** Options for {@link runGitProcess}. */
export interface GitProcessOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Aborting ends git and everything it started (ssh): SIGTERM, then SIGKILL after `killGraceMs`. */
  readonly signal: AbortSignal;
  /** @defaultValue 2000 */
  readonly killGraceMs?: number;
}

/** Output kept per stream: enough for ls-remote of HEAD and any error text, bounded against a chatty server. */
export const MAX_OUTPUT_BYTES = 1024 * 1024;

/**
 * Runs `git <args>` with stdin closed and resolves with its exit code and output, whatever the code.
 * Rejects with the spawn error when git cannot start, and with `signal.reason` once git and its
 * children are gone when the signal aborts (also when it was aborted before the call).
 */
export function runGitProcess(args: readonly string[], options: GitProcessOptions): Promise<GitProcessResult> {
  const { signal } = options;
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    // A process group of its own, so ending it also ends the ssh that git started.
    const child = spawn('git', args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const stdout = collector();
    const stderr = collector();
    child.stdout.on('data', stdout.add);
    child.stderr.on('data', stderr.add);
    let killTimer: NodeJS.Timeout | undefined;
    const killGroup = (kill: NodeJS.Signals): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, kill);
      } catch {
        // The group is gone already.
      }
    };
    const onAbort = (): void => {
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), options.killGraceMs ?? 2000);
    };
    const settle = (): void => {
      signal.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => {
      settle();
      reject(error);
    });
    child.on('close', (exitCode) => {
      settle();
      if (signal.aborted) reject(signal.reason);
      else resolve({ exitCode, stdout: stdout.text(), stderr: stderr.text() });
    });
  });
}

function collector(): { add: (chunk: Buffer) => void; text: () => string } {
  let chunks: Buffer[] = [];
  let size = 0;
  return {
    add: (chunk) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > 2 * MAX_OUTPUT_BYTES) {
        const kept = Buffer.concat(chunks).subarray(-MAX_OUTPUT_BYTES);
        chunks = [kept];
        size = kept.length;
      }
    },
    text: () => Buffer.concat(chunks).subarray(-MAX_OUTPUT_BYTES).toString('utf8'),
  };
}
