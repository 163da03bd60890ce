// Runs a program asynchronously and collects its output. Never spawnSync: the test process may be
// serving the very connection the program makes.
import { spawn } from 'node:child_process';
import { UnavailableError } from '@driftless/api';

/** What a finished program printed. */
export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `command args` with stdin closed and resolves with its output when it exits 0. Rejects with an
 * UnavailableError naming the command, its exit status and stderr when it exits otherwise or cannot start.
 */
export function runCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const context = { command, args: args.join(' ') };
    child.on('error', (cause) => reject(new UnavailableError(`${command} could not start: ${cause.message}`, { context, cause })));
    child.on('close', (code, signal) => {
      const output = { stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') };
      if (code === 0) {
        resolve(output);
        return;
      }
      const status = signal ?? `exit ${String(code)}`;
      reject(new UnavailableError(`${command} failed (${status}): ${output.stderr.trim()}`, { context: { ...context, stderr: output.stderr } }));
    });
  });
}
