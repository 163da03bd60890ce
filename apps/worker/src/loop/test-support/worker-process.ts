// The worker as a real process (`src/main.ts` through tsx's loader, so a SIGKILL hits the worker itself,
// not a wrapper), with its JSON log kept for the test's failure messages.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../main.ts', import.meta.url));
const WORKER_DIR = fileURLToPath(new URL('../../../', import.meta.url));

/** A running worker process. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Resolves once it logged `worker running`; rejects if it exits first. */
  readonly running: Promise<void>;
  /** Resolves with the exit code (or the signal's name) when it exits. */
  readonly exited: Promise<number | string>;
  /** Everything it printed so far. */
  log(): string;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<void>;
  /** SIGTERM (graceful) and wait for the exit. */
  stop(): Promise<number | string>;
}

/** Starts `npm run worker`'s entry point with `env` added to this process's environment. */
export function spawnWorker(env: Readonly<Record<string, string>>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { cwd: WORKER_DIR, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const running = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"msg":"worker running"')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`worker exited (${code}) before running:\n${output.slice(-4000)}`)));
  });
  running.catch(() => undefined);
  return {
    child,
    running,
    exited,
    log: () => output,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
