// Public surface of engine/: `createEngine` (refresh, prepareSync) and the ports it composes.
export { createEngine, formatTimestamp } from './create-engine.js';
export { trackingName } from './compare-app.js';
export type {
  Engine,
  EngineCharts,
  EngineOptions,
  EngineRender,
  EngineRenderArgs,
  EngineRepos,
  EngineTempDir,
  LiveRequest,
  LiveState,
  PrepareSyncOptions,
  PrepareSyncResult,
  RefreshOptions,
  RefreshResult,
  RenderCache,
} from './engine-types.js';
export { collectImages, imagesOf } from './images.js';
export { syncWaveOf } from './compare-resources.js';
export { serverSideDiffEnabled } from './compare-settings.js';
export type { CompareSettings } from './compare-settings.js';
