// Public API of @driftless/gitserver: a smart-HTTP git server over `git http-backend`, a real sshd
// serving git over ssh, and the async git runner they and the test helpers use.
export { startGitServer } from './git-server.js';
export type { GitServer, GitServerOptions } from './git-server.js';
export type { BasicCredentials } from './basic-auth.js';
export { createBareRepo } from './bare-repo.js';
export type { CreateBareRepoOptions } from './bare-repo.js';
export { runGit, isolatedGitEnv, GitCommandError } from './run-git.js';
export type { RunGitOptions } from './run-git.js';
export { startSshGitServer } from './ssh/ssh-server.js';
export type { SshGitServer, SshGitServerOptions } from './ssh/ssh-server.js';
export { generateSshKeyPair } from './ssh/ssh-keys.js';
export type { SshKeyPair } from './ssh/ssh-keys.js';
