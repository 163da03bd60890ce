// Public API of the render stage: repository directory + Application source → Kubernetes objects.
export { renderSource } from './render-source.js';
export { renderCacheKey, canonicalJson } from './cache-key.js';
export type { RenderCacheContext } from './cache-key.js';
export { detectSourceType, KUSTOMIZATION_FILE_NAMES } from './detect-source-type.js';
export { DEFAULT_RENDER_LIMITS } from './render-types.js';
export type { RenderLimits, RenderOptions, RenderResult, RenderSourceType } from './render-types.js';
export type { RenderToolName, ToolRunner, ToolRunOptions, ToolRunResult } from './tool-runner.js';
export { compileGlob, matchGlob } from './glob.js';
