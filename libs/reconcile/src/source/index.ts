// Public API of the Git source: repository URL policy, the shared repository cache, revision resolution.
export * from './repo-url.js';
export { createRepoCache, repoCacheFolder } from './repo-cache.js';
export type { RepoCache, RepoCacheOptions, ResolveOptions } from './repo-cache.js';
export type { ResolvedRevision } from './resolve-revision.js';
