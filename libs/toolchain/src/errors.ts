// Typed failures of resolving and running external tools; each maps through its base class's code
// (NotFound, Unavailable, InvalidInput) like every other Driftless error.
import { InvalidInputError, NotFoundError, UnavailableError } from '@driftless/api';
import type { ErrorContext } from '@driftless/api';
import type { ToolName } from './tool-types.js';

/** No usable binary for `tool` on this machine; the message says what to install or set. */
export class ToolNotFoundError extends NotFoundError {
  readonly tool: ToolName;
  /** Why each place searched had nothing, e.g. `no helm on PATH`. */
  readonly reasons: readonly string[];

  constructor(tool: ToolName, message: string, options: { reasons?: readonly string[]; context?: ErrorContext; cause?: unknown } = {}) {
    super(message, { context: { tool, ...options.context }, cause: options.cause });
    this.tool = tool;
    this.reasons = options.reasons ?? [message];
  }
}

/** The child ran longer than `timeoutMs` and was killed (SIGTERM, then SIGKILL after a grace period). */
export class ToolTimeoutError extends UnavailableError {
  readonly tool: ToolName;
  readonly args: readonly string[];
  readonly timeoutMs: number;

  constructor(tool: ToolName, args: readonly string[], timeoutMs: number, stderr: string) {
    super(`${tool} ${formatArgs(args)} timed out after ${timeoutMs} ms and was killed${tailOf(stderr)}`, {
      context: { tool, args: formatArgs(args), timeoutMs },
    });
    this.tool = tool;
    this.args = args;
    this.timeoutMs = timeoutMs;
  }
}

/** The child wrote more than `maxOutputBytes` on one stream and was killed; retrying the same input cannot help. */
export class ToolOutputLimitError extends InvalidInputError {
  readonly tool: ToolName;
  readonly args: readonly string[];
  readonly maxOutputBytes: number;

  constructor(tool: ToolName, args: readonly string[], stream: 'stdout' | 'stderr', maxOutputBytes: number) {
    super(`${tool} ${formatArgs(args)} wrote more than ${maxOutputBytes} bytes on ${stream} and was killed`, {
      context: { tool, args: formatArgs(args), stream, maxOutputBytes },
    });
    this.tool = tool;
    this.args = args;
    this.maxOutputBytes = maxOutputBytes;
  }
}

/** The binary could not be started at all (missing, not executable, bad working directory). */
export class ToolSpawnError extends UnavailableError {
  readonly tool: ToolName;

  constructor(tool: ToolName, command: string, args: readonly string[], cause: unknown) {
    const reason = messageOf(cause);
    super(`${tool} could not be started (${command} ${formatArgs(args)}): ${reason}`, {
      context: { tool, command, args: formatArgs(args) },
      cause,
    });
    this.tool = tool;
  }
}

/** Arguments as a shell-like line for messages: quoted only where a reader would otherwise misread them. */
export function formatArgs(args: readonly string[]): string {
  return args.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : JSON.stringify(arg))).join(' ');
}

// Not `instanceof Error`: spawn errors may come from another realm (jest's VM contexts do this).
function messageOf(cause: unknown): string {
  if (typeof cause === 'object' && cause !== null && 'message' in cause && typeof cause.message === 'string') return cause.message;
  return String(cause);
}

// The last stderr line usually names the cause (e.g. a hung connection); a long dump would drown the message.
function tailOf(stderr: string): string {
  const lines = stderr.trim().split('\n');
  const last = lines[lines.length - 1]?.trim() ?? '';
  return last === '' ? '' : `; last stderr line: ${last.slice(0, 300)}`;
}
