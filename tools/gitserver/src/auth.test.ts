import { afterAll, beforeAll, describe, it, expect } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createBareRepo } from './bare-repo.js';
import { startGitServer } from './git-server.js';
import type { GitServer } from './git-server.js';
import { runGit } from './run-git.js';
import { initWorkRepo, makeTempDir } from './test-support.js';

const withCredentials = (url: string, user: string, password: string): string => {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
};

describe('git server with Basic authentication', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let server: GitServer;

  beforeAll(async () => {
    temp = await makeTempDir();
    await createBareRepo(temp.path, 'private.git');
    server = await startGitServer({ root: temp.path, auth: { username: 'deploy', password: 'p@ss word' } });
  });

  afterAll(async () => {
    await server.stop();
    await temp.cleanup();
  });

  it('challenges requests without credentials', async () => {
    const res = await fetch(`${server.repoUrl('private.git')}/info/refs?service=git-upload-pack`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="driftless"');
  });

  it('rejects a wrong password', async () => {
    const url = withCredentials(server.repoUrl('private.git'), 'deploy', 'guess');
    await expect(runGit(['ls-remote', url])).rejects.toThrow(/Authentication failed/);
  });

  it('lets the right credentials push and clone', async () => {
    const url = withCredentials(server.repoUrl('private.git'), 'deploy', 'p@ss word');
    const work = join(temp.path, 'work');
    await initWorkRepo(work, 'secret.txt', 'only for deploy\n');
    await runGit(['push', '--quiet', url, 'main'], { cwd: work });
    const clone = join(temp.path, 'clone');
    await runGit(['clone', '--quiet', url, clone]);
    expect(await readFile(join(clone, 'secret.txt'), 'utf8')).toBe('only for deploy\n');
  });
});
