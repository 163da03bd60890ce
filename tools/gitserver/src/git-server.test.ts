import { afterAll, beforeAll, describe, it, expect } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InvalidInputError } from '@driftless/api';
import { createBareRepo } from './bare-repo.js';
import { startGitServer } from './git-server.js';
import type { GitServer } from './git-server.js';
import { runGit } from './run-git.js';
import { commitFile, initWorkRepo, makeTempDir, rawGet } from './test-support.js';

describe('git server with the git CLI as client', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let server: GitServer;
  let work: string;

  beforeAll(async () => {
    temp = await makeTempDir();
    await createBareRepo(join(temp.path, 'root'), 'demo.git');
    server = await startGitServer({ root: join(temp.path, 'root') });
    work = join(temp.path, 'work');
    await initWorkRepo(work, 'app.yaml', 'replicas: 1\n');
    await runGit(['remote', 'add', 'origin', server.repoUrl('demo.git')], { cwd: work });
    await runGit(['push', '--quiet', 'origin', 'main'], { cwd: work });
  });

  afterAll(async () => {
    await server.stop();
    await temp.cleanup();
  });

  it('clones what was pushed through it', async () => {
    const clone = join(temp.path, 'clone-1');
    await runGit(['clone', '--quiet', server.repoUrl('demo.git'), clone]);
    expect(await readFile(join(clone, 'app.yaml'), 'utf8')).toBe('replicas: 1\n');
  });

  it('serves a nested repository name and a name without .git', async () => {
    await createBareRepo(server.root, 'team/app.git');
    await runGit(['push', '--quiet', server.repoUrl('team/app.git'), 'main'], { cwd: work });
    const refs = await runGit(['ls-remote', server.repoUrl('team/app')]);
    expect(refs).toContain('refs/heads/main');
  });

  it('makes new commits, tags and annotated tags visible to a fetch', async () => {
    const sha = await commitFile(work, 'app.yaml', 'replicas: 2\n', 'scale up');
    await runGit(['tag', 'v1.0.0'], { cwd: work });
    await runGit(['tag', '-a', 'v1.1.0', '-m', 'release 1.1'], { cwd: work });
    await runGit(['push', '--quiet', 'origin', 'main', '--tags'], { cwd: work });

    const refs = await runGit(['ls-remote', server.repoUrl('demo.git')]);
    expect(refs).toContain(`${sha}\trefs/heads/main`);
    expect(refs).toContain(`${sha}\trefs/tags/v1.0.0`);
    expect(refs).toContain(`${sha}\trefs/tags/v1.1.0^{}`);
    const clone = join(temp.path, 'clone-2');
    await runGit(['clone', '--quiet', '--branch', 'v1.1.0', server.repoUrl('demo.git'), clone]);
    expect(await readFile(join(clone, 'app.yaml'), 'utf8')).toBe('replicas: 2\n');
  });

  it('answers 404 for an unknown repository and for paths leaving the root', async () => {
    for (const path of ['/missing.git/info/refs?service=git-upload-pack', '/../root/demo.git/info/refs', '/%2e%2e/root/demo.git/info/refs', '/demo.git/../../etc/passwd']) {
      expect({ path, status: (await rawGet(server.url, path)).status }).toEqual({ path, status: 404 });
    }
    await expect(runGit(['ls-remote', server.repoUrl('missing.git')])).rejects.toThrow(/not found/);
  });

  it('inflates gzip request bodies like the ones git clients send', async () => {
    const head = (await runGit(['rev-parse', 'HEAD'], { cwd: work })).trim();
    const body = gzipSync(Buffer.from(`0032want ${head}\n00000009done\n`));
    const res = await fetch(`${server.url}/demo.git/git-upload-pack`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-git-upload-pack-request', 'Content-Encoding': 'gzip' },
      body,
    });
    expect(res.status).toBe(200);
    const answer = Buffer.from(await res.arrayBuffer());
    expect(answer.subarray(0, 8).toString()).toBe('0008NAK\n');
    expect(answer.subarray(8, 12).toString()).toBe('PACK');
  });

  it('refuses to start on a root that is not a directory', async () => {
    await expect(startGitServer({ root: join(temp.path, 'nope') })).rejects.toThrow(InvalidInputError);
  });
});

describe('git server with receivePack off', () => {
  it('serves clones but rejects pushes', async () => {
    const temp = await makeTempDir();
    const server = await startGitServer({ root: temp.path, receivePack: false });
    try {
      await createBareRepo(temp.path, 'ro.git');
      const work = join(temp.path, 'work');
      await initWorkRepo(work);
      await expect(runGit(['push', '--quiet', server.repoUrl('ro.git'), 'main'], { cwd: work })).rejects.toThrow(/403/);
      await runGit(['clone', '--quiet', server.repoUrl('ro.git'), join(temp.path, 'clone')]);
    } finally {
      await server.stop();
      await temp.cleanup();
    }
  });
});
