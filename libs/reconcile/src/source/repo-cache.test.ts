import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFile, readlink, readdir, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { HttpClient } from 'isomorphic-git';
import nodeHttp from 'isomorphic-git/http/node';
import { InvalidInputError, NotFoundError } from '@driftless/api';
import { startGitServer } from '@driftless/gitserver';
import type { GitServer } from '@driftless/gitserver';
import { createServedRepo, tempDir, waitFor } from '@driftless/testing';
import type { ServedRepo, TempDir } from '@driftless/testing';
import { createRepoCache, repoCacheFolder } from './repo-cache.js';
import type { RepoCache, RepoCacheOptions } from './repo-cache.js';

/** isomorphic-git's client, counting ref advertisements (one per fetch). */
function countingHttp(): { http: HttpClient; fetches: () => number } {
  let fetches = 0;
  return {
    http: {
      request: (request) => {
        if (request.url.includes('/info/refs')) fetches++;
        return nodeHttp.request(request);
      },
    },
    fetches: () => fetches,
  };
}

describe('repo cache over smart HTTP', () => {
  let temp: TempDir;
  let server: GitServer;
  let repo: ServedRepo;
  let first: string;
  let cacheDir: string;
  let counter: ReturnType<typeof countingHttp>;
  let cache: RepoCache;
  let n = 0;

  const newCache = (extra: Partial<RepoCacheOptions> = {}): RepoCache =>
    createRepoCache({ dir: cacheDir, allowHttp: true, http: counter.http, ...extra });

  beforeAll(async () => {
    temp = await tempDir('repo-cache');
    server = await startGitServer({ root: temp.path });
    repo = await createServedRepo(server, 'apps.git', { 'guestbook/deploy.yaml': 'image: guestbook:1\n', 'README.md': 'apps\n' });
    first = await repo.head();
  });

  afterAll(async () => {
    await repo.cleanup();
    await server.stop();
    await temp.cleanup();
  });

  beforeEach(() => {
    cacheDir = join(temp.path, `cache-${++n}`);
    counter = countingHttp();
    cache = newCache();
  });

  it('resolves HEAD and an empty revision to the default branch tip', async () => {
    expect(await cache.resolveRevision(repo.url, 'HEAD')).toEqual({ sha: first, ref: 'refs/heads/main' });
    expect(await cache.resolveRevision(repo.url, '')).toEqual({ sha: first, ref: 'refs/heads/main' });
  });

  it('resolves branches, tags, annotated tags and full and short shas', async () => {
    await repo.branch('feature');
    const featureSha = await repo.commit({ 'feature.txt': 'on feature\n' }, 'feature work');
    await repo.tag('v1.0.0');
    const tagObject = await repo.tag('release-1', { annotated: true });
    await repo.checkout('main');
    await repo.push();
    expect(tagObject).not.toBe(featureSha);

    expect(await cache.resolveRevision(repo.url, 'feature')).toEqual({ sha: featureSha, ref: 'refs/heads/feature' });
    expect(await cache.resolveRevision(repo.url, 'refs/heads/feature')).toEqual({ sha: featureSha, ref: 'refs/heads/feature' });
    expect(await cache.resolveRevision(repo.url, 'v1.0.0')).toEqual({ sha: featureSha, ref: 'refs/tags/v1.0.0' });
    expect(await cache.resolveRevision(repo.url, 'release-1')).toEqual({ sha: featureSha, ref: 'refs/tags/release-1' });
    expect(await cache.resolveRevision(repo.url, featureSha)).toEqual({ sha: featureSha });
    expect(await cache.resolveRevision(repo.url, featureSha.toUpperCase())).toEqual({ sha: featureSha });
    expect(await cache.resolveRevision(repo.url, featureSha.slice(0, 7))).toEqual({ sha: featureSha });
    expect(await cache.resolveRevision(repo.url, first.slice(0, 12))).toEqual({ sha: first });
  });

  it('reports a missing revision as NotFoundError naming the revision and the repository', async () => {
    for (const revision of ['no-such-branch', 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef', 'abcdef0']) {
      const error = await cache.resolveRevision(repo.url, revision).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as Error).message).toBe(`revision ${revision} not found in ${repo.url}`);
    }
  });

  it('refuses revisions that are not valid ref names', async () => {
    await expect(cache.resolveRevision(repo.url, '../../config')).rejects.toThrow(InvalidInputError);
  });

  it('sees a new commit and a new tag on the tip after the next fetch', async () => {
    const before = await cache.resolveRevision(repo.url, 'main');
    const next = await repo.commit({ 'guestbook/deploy.yaml': 'image: guestbook:2\n' }, 'bump');
    await repo.tag('tip-tag');
    await repo.tag('tip-annotated', { annotated: true });
    await repo.push();
    expect(before.sha).not.toBe(next);
    expect(await cache.resolveRevision(repo.url, 'main')).toEqual({ sha: next, ref: 'refs/heads/main' });
    expect(await cache.resolveRevision(repo.url, 'tip-tag')).toEqual({ sha: next, ref: 'refs/tags/tip-tag' });
    expect(await cache.resolveRevision(repo.url, 'tip-annotated')).toEqual({ sha: next, ref: 'refs/tags/tip-annotated' });
  });

  it('sees a moved tag and forgets a deleted branch after the next fetch', async () => {
    await repo.branch('short-lived');
    await repo.checkout('main');
    await repo.tag('moving', { ref: first });
    await repo.push();
    expect((await cache.resolveRevision(repo.url, 'moving')).sha).toBe(first);
    await cache.resolveRevision(repo.url, 'short-lived');
    await repo.tag('moving', { force: true });
    await repo.git(['branch', '-D', 'short-lived']);
    await repo.push();
    expect((await cache.resolveRevision(repo.url, 'moving')).sha).toBe(await repo.head());
    await expect(cache.resolveRevision(repo.url, 'short-lived')).rejects.toThrow(NotFoundError);
  });

  it('coalesces 20 concurrent resolves of one repository into one fetch', async () => {
    // Requested at one instant (a fixed clock): one fetch serves them all.
    cache = newCache({ now: () => 5_000 });
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.resolveRevision(repo.url, 'main')));
    expect(new Set(results.map((r) => r.sha)).size).toBe(1);
    expect(counter.fetches()).toBe(1);
  });

  it('does not answer a fresh request with a fetch that started before it, and coalesces the follow-up', async () => {
    // Given a fetch that started at t=1000
    let clock = 1_000;
    cache = newCache({ now: () => clock });
    const early = cache.resolveRevision(repo.url, 'main');
    await waitFor(() => counter.fetches() === 1, { description: 'the first fetch reaches the server' });
    // When 10 requests come later (after a push they know of), while it runs
    clock = 2_000;
    const late = Array.from({ length: 10 }, () => cache.resolveRevision(repo.url, 'main'));
    await Promise.all([early, ...late]);
    // Then they wait for it and share one more fetch
    expect(counter.fetches()).toBe(2);
  });

  it('fetches once per refresh cycle and skips the fetch for a cached full sha', async () => {
    let clock = 1_000;
    cache = newCache({ now: () => clock });
    expect(await cache.fetchOnce(repo.url, 60_000)).toBe(true);
    expect(await cache.fetchOnce(`${repo.url}/`, 60_000)).toBe(false);
    await cache.resolveRevision(repo.url, 'main', { maxAgeMs: 60_000 });
    await cache.resolveRevision(repo.url, first);
    expect(counter.fetches()).toBe(1);
    clock += 60_000;
    expect(await cache.fetchOnce(repo.url, 60_000)).toBe(true);
    expect(counter.fetches()).toBe(2);
  });

  it('fetches again for a branch a reused fetch predates, instead of reporting it missing', async () => {
    // Given a fetch a moment ago
    cache = newCache();
    await cache.resolveRevision(repo.url, 'main');
    // When a branch is pushed and resolved with a fetch younger than the allowed age
    await repo.branch('fresh-branch');
    await repo.push();
    await repo.checkout('main');
    const resolved = await cache.resolveRevision(repo.url, 'fresh-branch', { maxAgeMs: 60_000 });
    // Then it is found with one more fetch
    expect(resolved.ref).toBe('refs/heads/fresh-branch');
    expect(counter.fetches()).toBe(2);
  });

  it('tells onFetch of every fetch that reached the server, with its duration and outcome', async () => {
    // Given a listener and a clock that moves 250 ms while the fetch runs
    const events: { repoURL: string; durationMs: number; ok: boolean }[] = [];
    let clock = 1_000;
    cache = newCache({
      now: () => clock,
      http: {
        request: (request) => {
          clock += 250;
          return counter.http.request(request);
        },
      },
      onFetch: (event) => events.push({ ...event }),
    });
    // When a fetch runs, a fresh-enough request is served from the cache, and a missing repository is asked for
    await cache.fetchOnce(repo.url, 60_000);
    await cache.resolveRevision(repo.url, 'main', { maxAgeMs: 60_000 });
    const missing = repo.url.replace(/apps\.git$/, 'missing.git');
    await expect(cache.resolveRevision(missing, 'main')).rejects.toThrow();
    // Then the two fetches that went to the server are told, the cached request is not
    expect(events).toEqual([
      { repoURL: repo.url, durationMs: expect.any(Number), ok: true },
      { repoURL: missing, durationMs: expect.any(Number), ok: false },
    ]);
    expect(events[0]?.durationMs).toBeGreaterThanOrEqual(250);
  });

  it('fetches normally when the onFetch listener throws', async () => {
    cache = newCache({
      onFetch: () => {
        throw new Error('listener bug');
      },
    });
    expect(await cache.resolveRevision(repo.url, 'main')).toEqual({ sha: await repo.head(), ref: 'refs/heads/main' });
  });

  it('keeps at most maxRepos repositories, evicting the least recently used folder', async () => {
    const other = await createServedRepo(server, 'other.git', { 'a.txt': 'a\n' });
    const third = await createServedRepo(server, 'third.git', { 'b.txt': 'b\n' });
    try {
      cache = newCache({ maxRepos: 2 });
      await cache.resolveRevision(repo.url, 'HEAD');
      await cache.resolveRevision(other.url, 'HEAD');
      await cache.resolveRevision(repo.url, 'HEAD');
      await cache.resolveRevision(third.url, 'HEAD');
      const folders = [repoCacheFolder(repo.url), repoCacheFolder(third.url)];
      expect(await cache.cachedRepos()).toEqual(folders);
      expect((await readdir(cacheDir)).sort()).toEqual([...folders].sort());
      // A new cache over the same folder reuses what is on disk.
      const reopened = newCache({ maxRepos: 2 });
      expect(await reopened.cachedRepos()).toHaveLength(2);
      await reopened.resolveRevision(repo.url, first);
      expect(counter.fetches()).toBe(4);
      // Repositories in use are never removed under a running resolve; the surplus goes afterwards.
      const tight = newCache({ maxRepos: 1 });
      const resolved = await Promise.all([other.url, third.url, repo.url].map((url) => tight.resolveRevision(url, 'HEAD')));
      expect(resolved.map((r) => r.sha)).toEqual([await other.head(), await third.head(), await repo.head()]);
      expect(await readdir(cacheDir)).toHaveLength(1);
    } finally {
      await other.cleanup();
      await third.cleanup();
    }
  });

  it('checks out the files of a commit into a fresh folder', async () => {
    const sha = await repo.commit({ 'bin/run.sh': '#!/bin/sh\necho hi\n', 'guestbook/deploy.yaml': 'image: guestbook:3\n' }, 'script');
    await repo.git(['update-index', '--chmod=+x', 'bin/run.sh']);
    await repo.git(['commit', '--quiet', '-m', 'make executable']);
    const exec = await repo.head();
    await repo.push();
    const { sha: resolved } = await cache.resolveRevision(repo.url, 'main');
    expect(resolved).toBe(exec);

    const dest = join(temp.path, `checkout-${n}`);
    await cache.checkout(repo.url, sha, dest);
    expect(await readFile(join(dest, 'guestbook/deploy.yaml'), 'utf8')).toBe('image: guestbook:3\n');
    expect(await readFile(join(dest, 'README.md'), 'utf8')).toBe('apps\n');
    expect(await readdir(join(dest, 'bin'))).toEqual(['run.sh']);

    const execDest = join(temp.path, `checkout-exec-${n}`);
    await cache.checkout(repo.url, exec, execDest);
    expect((await stat(join(execDest, 'bin/run.sh'))).mode & 0o111).not.toBe(0);

    await expect(cache.checkout(repo.url, exec, execDest)).rejects.toThrow(/not empty/);
    await expect(cache.checkout(repo.url, 'abc1234', join(temp.path, 'x'))).rejects.toThrow(InvalidInputError);
  });

  it('writes symlinks as symlinks with their stored target', async () => {
    await symlink('../outside', join(repo.dir, 'link'));
    await repo.git(['add', '--all']);
    await repo.git(['commit', '--quiet', '-m', 'link']);
    await repo.push();
    const head = await repo.head();
    const dest = join(temp.path, `checkout-link-${n}`);
    await cache.checkout(repo.url, head, dest);
    expect(await readlink(join(dest, 'link'))).toBe('../outside');
  });

  it('refuses file:// URLs, local paths and disabled plain http before touching the network', async () => {
    await expect(cache.resolveRevision('file:///etc', 'HEAD')).rejects.toThrow(InvalidInputError);
    await expect(cache.resolveRevision('/srv/git/repo.git', 'HEAD')).rejects.toThrow(InvalidInputError);
    await expect(newCache({ allowHttp: false }).resolveRevision(repo.url, 'HEAD')).rejects.toThrow(/plain http is disabled/);
    expect(counter.fetches()).toBe(0);
  });
});
