// Implements the ToolRunner port by spawning already-resolved helm and kustomize binaries.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { UnavailableError } from '@driftless/api';
import type { RenderToolName, ToolRunner, ToolRunOptions, ToolRunResult } from '../tool-runner.js';

/**
 * A binary ready to run: spawn `command` with `[...args, ...renderArgs]`. kustomize may be served by
 * `kubectl kustomize` (`args: ['kustomize']`); its leading `build` argument is then dropped.
 */
export interface ExecCommand {
  command: string;
  args: readonly string[];
}

/** Options of the exec runner. */
export interface ExecToolRunnerOptions {
  /**
   * Base environment of every child; `ToolRunOptions.env` is added on top.
   * @defaultValue `process.env`
   */
  env?: NodeJS.ProcessEnv;
  /**
   * Time between SIGTERM and SIGKILL once a child must stop.
   * @defaultValue 5000
   */
  killGraceMs?: number;
  /**
   * Most bytes kept from stdout and from stderr each; beyond it the child is stopped.
   * @defaultValue 67108864 (64 MiB)
   */
  maxOutputBytes?: number;
}

const DEFAULT_KILL_GRACE_MS = 5_000;
const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/**
 * Builds a ToolRunner that spawns the given binaries. A run resolves after the child exited: on timeout
 * the child gets SIGTERM, then SIGKILL after `killGraceMs`, and the result has `timedOut: true`. Rejects
 * with `UnavailableError` only when the binary cannot be started.
 */
export function createExecToolRunner(tools: Readonly<Record<RenderToolName, ExecCommand>>, options: ExecToolRunnerOptions = {}): ToolRunner {
  return {
    run: (tool, args, runOptions) => execute(tool, tools[tool], args, runOptions, options),
  };
}

function execute(name: RenderToolName, tool: ExecCommand, args: readonly string[], run: ToolRunOptions, options: ExecToolRunnerOptions): Promise<ToolRunResult> {
  const killGraceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  return new Promise<ToolRunResult>((resolve, reject) => {
    const child = spawn(tool.command, [...tool.args, ...toolArgs(tool, args)], {
      cwd: run.cwd,
      env: { ...(options.env ?? process.env), ...run.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout = new Capped(maxOutputBytes);
    const stderr = new Capped(maxOutputBytes);
    let timedOut = false;
    let outputLimitExceeded = false;
    let stopping = false;
    let graceTimer: NodeJS.Timeout | undefined;
    // Politely first: Go binaries exit on SIGTERM; SIGKILL covers one that ignores it.
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      child.kill('SIGTERM');
      graceTimer = setTimeout(() => child.kill('SIGKILL'), killGraceMs);
    };
    const deadline = setTimeout(() => {
      timedOut = true;
      stop();
    }, run.timeoutMs);
    const onData = (buffer: Capped) => (chunk: Buffer) => {
      if (buffer.push(chunk)) return;
      outputLimitExceeded = true;
      stop();
    };
    child.stdout.on('data', onData(stdout));
    child.stderr.on('data', onData(stderr));
    child.on('error', (error) => {
      clearTimeout(deadline);
      clearTimeout(graceTimer);
      if (child.pid === undefined) reject(new UnavailableError(`cannot start ${name} (${tool.command})`, { cause: error, context: { tool: name } }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(deadline);
      clearTimeout(graceTimer);
      const exitCode = code ?? 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0));
      resolve({ stdout: stdout.text(), stderr: stderr.text(), exitCode, timedOut, outputLimitExceeded });
    });
  });
}

// The port speaks standalone kustomize (`kustomize build <dir>`); `kubectl kustomize <dir>` has no `build`.
function toolArgs(tool: ExecCommand, args: readonly string[]): readonly string[] {
  const viaKubectl = tool.args[tool.args.length - 1] === 'kustomize';
  return viaKubectl && args[0] === 'build' ? args.slice(1) : args;
}

/** Collects chunks up to a byte cap; `push` answers false once the cap is exceeded. */
class Capped {
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
