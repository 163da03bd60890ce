// Runs a resolved tool as an async child process with a deadline and an output cap, so a hung or chatty
// binary can never stall or exhaust the worker that called it.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { ToolOutputLimitError, ToolSpawnError, ToolTimeoutError } from './errors.js';
import type { ResolvedTool, RunToolOptions, RunToolResult } from './tool-types.js';

const DEFAULT_TIMEOUT_MS = 90_000;
const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
const DEFAULT_KILL_GRACE_MS = 5_000;

/**
 * Spawns `tool.command` with `[...tool.args, ...args]` and collects its output.
 *
 * Resolves with stdout, stderr and the exit code once the child has exited, whatever the code: a nonzero
 * exit is the caller's to interpret. Rejects with `ToolTimeoutError` when `timeoutMs` passes (the child
 * gets SIGTERM, then SIGKILL after `killGraceMs`; the promise settles once it is gone), with
 * `ToolOutputLimitError` when a stream exceeds `maxOutputBytes`, and with `ToolSpawnError` when the
 * binary cannot be started. Never blocks the event loop.
 */
export function runTool(tool: ResolvedTool, args: readonly string[], options: RunToolOptions = {}): Promise<RunToolResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const killGraceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const fullArgs = [...tool.args, ...args];

  return new Promise<RunToolResult>((resolve, reject) => {
    const child = spawn(tool.command, fullArgs, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const stdout = new OutputBuffer(maxOutputBytes);
    const stderr = new OutputBuffer(maxOutputBytes);
    let stopReason: Error | undefined;
    let settled = false;
    let graceTimer: NodeJS.Timeout | undefined;

    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(graceTimer);
      outcome();
    };
    // Stop once, politely first: Go binaries exit on SIGTERM; SIGKILL covers one that traps or ignores it.
    const stop = (reason: Error): void => {
      if (stopReason !== undefined) return;
      stopReason = reason;
      child.kill('SIGTERM');
      graceTimer = setTimeout(() => child.kill('SIGKILL'), killGraceMs);
    };

    const deadline = setTimeout(() => stop(new ToolTimeoutError(tool.name, fullArgs, timeoutMs, stderr.text())), timeoutMs);

    child.stdout.on('data', (chunk: Buffer) => {
      if (!stdout.push(chunk)) stop(new ToolOutputLimitError(tool.name, fullArgs, 'stdout', maxOutputBytes));
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (!stderr.push(chunk)) stop(new ToolOutputLimitError(tool.name, fullArgs, 'stderr', maxOutputBytes));
    });
    // A child that exits without reading its input makes the write fail with EPIPE; its exit status says more.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input);

    child.on('error', (error) => {
      // 'error' also fires when a kill fails; only a failure to start ends the run here.
      if (child.pid === undefined) settle(() => reject(new ToolSpawnError(tool.name, tool.command, fullArgs, error)));
    });
    // Once we killed it, 'exit' is enough: a grandchild may still hold the pipes open and delay 'close'.
    child.on('exit', () => {
      if (stopReason === undefined) return;
      const reason = stopReason;
      child.stdout.destroy();
      child.stderr.destroy();
      settle(() => reject(reason));
    });
    child.on('close', (code, signal) => {
      if (stopReason !== undefined) return settle(() => reject(stopReason));
      settle(() => resolve({ stdout: stdout.text(), stderr: stderr.text(), exitCode: exitCodeOf(code, signal) }));
    });
  });
}

/** Collects chunks up to a byte cap; `push` answers false once the cap is exceeded and stops keeping data. */
class OutputBuffer {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): boolean {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return false;
    this.chunks.push(chunk);
    return true;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0));
}
