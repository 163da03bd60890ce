// The port through which rendering runs helm and kustomize: declared here, implemented by an adapter.

/** The binaries the render stage runs. */
export type RenderToolName = 'helm' | 'kustomize';

/** Options of one tool run. */
export interface ToolRunOptions {
  /** Working directory of the child (always a private temporary copy of the source). */
  cwd: string;
  /** After this long the child is stopped (SIGTERM, then SIGKILL) and the run reports `timedOut`. */
  timeoutMs: number;
  /** Extra environment variables for the child, added to the runner's base environment. */
  env?: Readonly<Record<string, string>>;
}

/** What a finished run produced. A nonzero `exitCode` is a result, not an error. */
export interface ToolRunResult {
  stdout: string;
  stderr: string;
  /** The exit code; a child ended by a signal reports 128 + the signal number. */
  exitCode: number;
  /** True when the child was stopped because `timeoutMs` passed. */
  timedOut?: boolean;
  /** True when the child was stopped because it wrote more output than the runner accepts. */
  outputLimitExceeded?: boolean;
}

/**
 * Runs a render tool. Resolves once the child has exited, whatever its exit code; rejects only when the
 * binary cannot be started at all.
 */
export interface ToolRunner {
  run(tool: RenderToolName, args: readonly string[], options: ToolRunOptions): Promise<ToolRunResult>;
}
