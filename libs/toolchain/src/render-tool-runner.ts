// Adapts runTool to the render stage's ToolRunner port (libs/reconcile `render/tool-runner.ts`), so
// rendering runs helm and kustomize through the one process runner with its deadline and output cap.
import { ToolOutputLimitError, ToolTimeoutError } from './errors.js';
import { runTool } from './run-tool.js';
import type { ResolvedTool } from './tool-types.js';

/** The tools rendering needs. */
export type RenderTools = Readonly<Record<'helm' | 'kustomize', ResolvedTool>>;

/** One render tool run's outcome, in the shape of reconcile's `ToolRunResult`. */
export interface RenderToolResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  timedOut?: boolean;
  outputLimitExceeded?: boolean;
}

/** Structurally reconcile's `ToolRunner`: declared there, implemented here. */
export interface RenderToolRunner {
  run(
    tool: 'helm' | 'kustomize',
    args: readonly string[],
    options: { cwd: string; timeoutMs: number; env?: Readonly<Record<string, string>> },
  ): Promise<RenderToolResult>;
}

/**
 * A ToolRunner over resolved binaries. A timeout or an output overflow becomes `timedOut` /
 * `outputLimitExceeded` in the result (the render stage words the error); a binary that cannot start
 * rejects with ToolSpawnError. `env` is added to this process's environment. When kustomize is served
 * by `kubectl kustomize`, the leading `build` argument of `kustomize build DIR` is dropped.
 */
export function createRenderToolRunner(tools: RenderTools, options: { killGraceMs?: number; maxOutputBytes?: number } = {}): RenderToolRunner {
  return {
    async run(name, args, run) {
      const tool = tools[name];
      const viaKubectl = name === 'kustomize' && tool.args.at(-1) === 'kustomize';
      const finalArgs = viaKubectl && args[0] === 'build' ? args.slice(1) : args;
      try {
        return await runTool(tool, finalArgs, { cwd: run.cwd, timeoutMs: run.timeoutMs, env: { ...process.env, ...run.env }, ...options });
      } catch (error) {
        if (error instanceof ToolTimeoutError) return { stdout: '', stderr: error.message, exitCode: 124, timedOut: true };
        if (error instanceof ToolOutputLimitError) return { stdout: '', stderr: error.message, exitCode: 1, outputLimitExceeded: true };
        throw error;
      }
    },
  };
}
