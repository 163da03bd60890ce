import { afterAll, beforeAll, describe, it, expect } from '@jest/globals';
import * as fs from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { createBareRepo } from './bare-repo.js';
import { startGitServer } from './git-server.js';
import type { GitServer } from './git-server.js';
import { runGit } from './run-git.js';
import { commitFile, initWorkRepo, makeTempDir } from './test-support.js';

describe('git server with isomorphic-git as client', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let server: GitServer;
  let work: string;
  let firstSha: string;

  beforeAll(async () => {
    temp = await makeTempDir();
    await createBareRepo(join(temp.path, 'root'), 'app.git');
    server = await startGitServer({ root: join(temp.path, 'root'), auth: { username: 'bot', password: 'token' } });
    work = join(temp.path, 'work');
    firstSha = await initWorkRepo(work, 'deploy.yaml', 'image: app:1\n');
    const pushUrl = new URL(server.repoUrl('app.git'));
    pushUrl.username = 'bot';
    pushUrl.password = 'token';
    await runGit(['remote', 'add', 'origin', pushUrl.toString()], { cwd: work });
    await runGit(['push', '--quiet', 'origin', 'main'], { cwd: work });
  });

  afterAll(async () => {
    await server.stop();
    await temp.cleanup();
  });

  const onAuth = (): { username: string; password: string } => ({ username: 'bot', password: 'token' });

  it('clones, then fetches new commits and tags incrementally', async () => {
    const dir = join(temp.path, 'iso');
    await git.clone({ fs, http, dir, url: server.repoUrl('app.git'), ref: 'main', singleBranch: true, onAuth });
    expect(fs.readFileSync(join(dir, 'deploy.yaml'), 'utf8')).toBe('image: app:1\n');
    expect(await git.resolveRef({ fs, dir, ref: 'refs/remotes/origin/main' })).toBe(firstSha);

    const secondSha = await commitFile(work, 'deploy.yaml', 'image: app:2\n', 'bump image');
    await runGit(['tag', 'v2'], { cwd: work });
    await runGit(['tag', '-a', 'release-2', '-m', 'release 2'], { cwd: work });
    await runGit(['push', '--quiet', 'origin', 'main', '--tags'], { cwd: work });

    const result = await git.fetch({ fs, http, dir, url: server.repoUrl('app.git'), ref: 'main', tags: true, onAuth });
    expect(result.fetchHead).toBe(secondSha);
    expect(await git.resolveRef({ fs, dir, ref: 'refs/remotes/origin/main' })).toBe(secondSha);
    expect(await git.resolveRef({ fs, dir, ref: 'refs/tags/v2' })).toBe(secondSha);
    const annotated = await git.resolveRef({ fs, dir, ref: 'refs/tags/release-2' });
    expect((await git.readTag({ fs, dir, oid: annotated })).tag.object).toBe(secondSha);
    const { blob } = await git.readBlob({ fs, dir, oid: secondSha, filepath: 'deploy.yaml' });
    expect(Buffer.from(blob).toString('utf8')).toBe('image: app:2\n');
  });

  it('fails without credentials', async () => {
    const dir = join(temp.path, 'iso-anonymous');
    await expect(git.clone({ fs, http, dir, url: server.repoUrl('app.git') })).rejects.toThrow(/401/);
  });
});
