// Public API of @driftless/reconcile: the GitOps engine (source → render → diff → health → sync).
export * from './source/index.js';
export * from './render/index.js';
export * from './match/index.js';
export * from './diff/index.js';
export * from './health/index.js';
export * from './tree/index.js';
export * from './engine/index.js';
export * from './sync/index.js';
