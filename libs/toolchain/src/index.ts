// Public API of @driftless/toolchain: finds kubectl, kustomize and helm (env override, PATH, or the
// packaged linux/x64 binaries) and runs them as async child processes with deadlines.
export type { ToolName, ToolSource, ResolvedTool, ResolveOptions, RunToolOptions, RunToolResult } from './tool-types.js';
export { TOOL_NAMES } from './tool-types.js';
export { resolveTool } from './resolve-tool.js';
export { runTool } from './run-tool.js';
export { describeTools, formatTool } from './describe-tools.js';
export { ToolNotFoundError, ToolOutputLimitError, ToolSpawnError, ToolTimeoutError } from './errors.js';
export { createRenderToolRunner } from './render-tool-runner.js';
export type { RenderToolResult, RenderToolRunner, RenderTools } from './render-tool-runner.js';
