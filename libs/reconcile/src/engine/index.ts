// Public surface of engine/: `createEngine` and the ports it composes.
export { createEngine, formatTimestamp, trackingName } from './create-engine.js';
export type { Engine, EngineCharts, EngineOptions, EngineRender, EngineRenderArgs, EngineRepos, EngineTempDir, LiveRequest, LiveState, RefreshOptions, RefreshResult, RenderCache } from './engine-types.js';
export { collectImages, imagesOf } from './images.js';
export { syncWaveOf } from './compare-resources.js';
export { serverSideDiffEnabled } from './compare-settings.js';
export type { CompareSettings } from './compare-settings.js';
