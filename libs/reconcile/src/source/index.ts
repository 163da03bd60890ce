// Public API of the sources: Git (repository URL policy, the shared repository cache, revision
// resolution) and Helm chart repositories (the shared chart cache).
export * from './repo-url.js';
export { createRepoCache, repoCacheFolder } from './repo-cache.js';
export type { RepoCache, RepoCacheOptions, ResolveOptions } from './repo-cache.js';
export type { ResolvedRevision } from './resolve-revision.js';
export { createHelmChartCache } from './adapters/helm-chart-cache.js';
export type { HelmChartCache, HelmChartCacheOptions, ResolveChartOptions } from './adapters/helm-chart-cache.js';
export { isExactChartVersion } from './chart-source.js';
