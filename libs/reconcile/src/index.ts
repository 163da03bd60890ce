// Public API of @driftless/reconcile: the GitOps engine (source → render → diff → health → sync).
export * from './source/repo-url.js';
