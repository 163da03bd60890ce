// Public API of @driftless/gitserver: a smart-HTTP git server over `git http-backend`, and the async
// git runner it and the test helpers use.
export { startGitServer } from './git-server.js';
export type { GitServer, GitServerOptions } from './git-server.js';
export type { BasicCredentials } from './basic-auth.js';
export { createBareRepo } from './bare-repo.js';
export type { CreateBareRepoOptions } from './bare-repo.js';
export { runGit, isolatedGitEnv, GitCommandError } from './run-git.js';
export type { RunGitOptions } from './run-git.js';
