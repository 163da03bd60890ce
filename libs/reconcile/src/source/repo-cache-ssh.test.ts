import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { join } from 'node:path';
import { InvalidInputError, NotFoundError, PermissionDeniedError, UnavailableError } from '@driftless/api';
import type { RepositoryCredentials } from '@driftless/api';
import { generateSshKeyPair, startSshGitServer } from '@driftless/gitserver';
import type { SshGitServer, SshKeyPair } from '@driftless/gitserver';
import { createServedRepo, tempDir } from '@driftless/testing';
import type { ServedRepo, TempDir } from '@driftless/testing';
import { createRepoCache, repoCacheFolder } from './repo-cache.js';
import type { RepoCache, RepoCacheOptions } from './repo-cache.js';

function sshCredentials(sshPrivateKey: string | undefined, insecure = false): RepositoryCredentials {
  return {
    secret: { namespace: 'argocd', name: 'ssh-repo' },
    url: 'ssh://127.0.0.1',
    type: 'git',
    insecure,
    enableLfs: false,
    enableOCI: false,
    forceHttpBasicAuth: false,
    ...(sshPrivateKey === undefined ? {} : { sshPrivateKey }),
  };
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error('expected a rejection');
  return error;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

// Everything an error exposes: message, fields, stack and cause.
function everythingOf(error: Error): string {
  return `${error.message} ${JSON.stringify(error)} ${String(error.stack)} ${String(error.cause)}`;
}

describe('repo cache over ssh', () => {
  let temp: TempDir;
  let server: SshGitServer;
  let repo: ServedRepo;
  let wrongKey: SshKeyPair;
  let first: string;
  let cacheDir: string;
  let n = 0;

  const newCache = (extra: Partial<RepoCacheOptions> = {}): RepoCache =>
    createRepoCache({ dir: cacheDir, credentials: () => sshCredentials(server.clientPrivateKey), knownHosts: () => server.knownHosts, ...extra });
  // The cache folder holds the repository folders and nothing else: no key folder outlives a fetch.
  const cacheFolderEntries = async (): Promise<string[]> => (await readdir(cacheDir)).sort();
  // After one fetch, further resolves in a test read the cache: each fetch costs two ssh connections.
  const cached = { maxAgeMs: 60_000 };
  const uploadPacks = async (): Promise<number> => (await server.commands()).filter((c) => c.startsWith('git-upload-pack')).length;

  beforeAll(async () => {
    temp = await tempDir('repo-cache-ssh');
    const root = join(temp.path, 'root');
    await mkdir(root);
    server = await startSshGitServer({ root });
    repo = await createServedRepo(server, 'team/apps.git', { 'guestbook/deploy.yaml': 'image: guestbook:1\n' });
    first = await repo.head();
    wrongKey = await generateSshKeyPair();
  });

  afterAll(async () => {
    await repo.cleanup();
    await server.stop();
    await temp.cleanup();
  });

  beforeEach(() => {
    cacheDir = join(temp.path, `cache-${++n}`);
  });

  it('resolves HEAD, branches, tags, annotated tags and shas of an ssh:// URL', async () => {
    await repo.branch('feature');
    const featureSha = await repo.commit({ 'feature.txt': 'on feature\n' }, 'feature work');
    await repo.tag('v1.0.0');
    const tagObject = await repo.tag('release-1', { annotated: true });
    await repo.checkout('main');
    await repo.push();
    expect(tagObject).not.toBe(featureSha);
    const cache = newCache();

    expect(repo.url).toBe(`ssh://${server.user}@127.0.0.1:${server.port}${server.root}/team/apps.git`);
    expect(await cache.resolveRevision(repo.url, 'HEAD')).toEqual({ sha: first, ref: 'refs/heads/main' });
    expect(await cache.resolveRevision(repo.url, '', cached)).toEqual({ sha: first, ref: 'refs/heads/main' });
    expect(await cache.resolveRevision(repo.url, 'feature', cached)).toEqual({ sha: featureSha, ref: 'refs/heads/feature' });
    expect(await cache.resolveRevision(repo.url, 'v1.0.0', cached)).toEqual({ sha: featureSha, ref: 'refs/tags/v1.0.0' });
    expect(await cache.resolveRevision(repo.url, 'release-1', cached)).toEqual({ sha: featureSha, ref: 'refs/tags/release-1' });
    expect(await cache.resolveRevision(repo.url, featureSha, cached)).toEqual({ sha: featureSha });
    expect(await cache.resolveRevision(repo.url, featureSha.slice(0, 7), cached)).toEqual({ sha: featureSha });
    await expect(cache.resolveRevision(repo.url, 'no-such-branch', cached)).rejects.toThrow(`revision no-such-branch not found in ${repo.url}`);
    expect(await cacheFolderEntries()).toEqual([repoCacheFolder(repo.url)]);
  });

  it('follows a default branch other than main, and a detached HEAD on no branch', async () => {
    const trunk = await createServedRepo(server, 'trunk.git', { 'a.txt': 'a\n' }, { branch: 'trunk' });
    try {
      const cache = newCache();
      const tip = await trunk.head();
      expect(await cache.resolveRevision(trunk.url, 'HEAD')).toEqual({ sha: tip, ref: 'refs/heads/trunk' });
      await trunk.branch('side');
      const side = await trunk.commit({ 'a.txt': 'side\n' }, 'side');
      await trunk.push();
      await trunk.git(['--git-dir', trunk.remote, 'update-ref', '--no-deref', 'HEAD', side]);
      await trunk.git(['--git-dir', trunk.remote, 'update-ref', '-d', 'refs/heads/side']);
      expect(await cache.resolveRevision(trunk.url, 'HEAD')).toEqual({ sha: side });
      await expect(cache.resolveRevision(trunk.url, 'side', cached)).rejects.toThrow(NotFoundError);
      // Dropping the old symref must not have taken the branch it pointed at along.
      expect(await cache.resolveRevision(trunk.url, 'trunk', cached)).toEqual({ sha: tip, ref: 'refs/heads/trunk' });
    } finally {
      await trunk.cleanup();
    }
  });

  it('checks out the files of a commit', async () => {
    const cache = newCache();
    const { sha } = await cache.resolveRevision(repo.url, 'main');
    expect(sha).toBe(first);
    const dest = join(temp.path, `checkout-${n}`);
    await cache.checkout(repo.url, sha, dest);
    expect(await readFile(join(dest, 'guestbook/deploy.yaml'), 'utf8')).toBe('image: guestbook:1\n');
  });

  it('sees a new commit, a moved tag and a deleted branch on the next resolve', async () => {
    const cache = newCache();
    await repo.branch('short-lived');
    await repo.checkout('main');
    await repo.push();
    expect((await cache.resolveRevision(repo.url, 'main')).sha).toBe(first);
    expect((await cache.resolveRevision(repo.url, 'short-lived', cached)).sha).toBe(first);
    const next = await repo.commit({ 'guestbook/deploy.yaml': 'image: guestbook:2\n' }, 'bump');
    await repo.tag('v1.0.0', { force: true });
    await repo.git(['branch', '-D', 'short-lived']);
    await repo.push();
    expect(await cache.resolveRevision(repo.url, 'main')).toEqual({ sha: next, ref: 'refs/heads/main' });
    expect(await cache.resolveRevision(repo.url, 'v1.0.0', cached)).toEqual({ sha: next, ref: 'refs/tags/v1.0.0' });
    await expect(cache.resolveRevision(repo.url, 'short-lived', cached)).rejects.toThrow(NotFoundError);
    first = next;
  });

  it('coalesces concurrent resolves into the server work of one', async () => {
    const before = await uploadPacks();
    await newCache().resolveRevision(repo.url, 'main');
    const one = (await uploadPacks()) - before;
    cacheDir = join(temp.path, `cache-${++n}`);
    // Requested at one instant (a fixed clock): a fetch that started later than a request would not serve it.
    const cache = newCache({ now: () => 5_000 });
    const results = await Promise.all(Array.from({ length: 5 }, () => cache.resolveRevision(repo.url, 'main')));
    expect(new Set(results.map((r) => r.sha))).toEqual(new Set([first]));
    expect((await uploadPacks()) - before - one).toBe(one);
  });

  it('refuses a host whose key is not in knownHosts, naming the ConfigMap to fix', async () => {
    for (const knownHosts of [() => undefined, () => '', () => 'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n']) {
      const error = await caught(newCache({ knownHosts }).resolveRevision(repo.url, 'HEAD'));
      expect(error).toBeInstanceOf(PermissionDeniedError);
      expect(error.message).toBe(`host key of 127.0.0.1:${server.port} is not known: add it to argocd-ssh-known-hosts-cm (ssh_known_hosts)`);
    }
    expect(await cacheFolderEntries()).toEqual([repoCacheFolder(repo.url)]);
  });

  it('refuses a host whose key does not match knownHosts', async () => {
    const knownHosts = `[127.0.0.1]:${server.port} ${wrongKey.publicKey}\n`;
    const error = await caught(newCache({ knownHosts: () => knownHosts }).resolveRevision(repo.url, 'HEAD'));
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.message).toMatch(new RegExp(`^host key of 127\\.0\\.0\\.1:${server.port} does not match the one in argocd-ssh-known-hosts-cm \\(ssh_known_hosts\\)`));
  });

  it('skips host key checking for insecure credentials', async () => {
    const cache = newCache({ knownHosts: () => undefined, credentials: () => sshCredentials(server.clientPrivateKey, true) });
    expect((await cache.resolveRevision(repo.url, 'HEAD')).sha).toBe(first);
  });

  it('reports a wrong key as an authentication failure that holds neither the key nor its file', async () => {
    const error = await caught(newCache({ credentials: () => sshCredentials(wrongKey.privateKey) }).resolveRevision(repo.url, 'HEAD'));
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.message).toBe(`authentication failed for ${repo.url}: check sshPrivateKey in its repository Secret`);
    const everything = everythingOf(error);
    for (const line of wrongKey.privateKey.split('\n').filter((l) => l.length > 0)) expect(everything).not.toContain(line);
    expect(everything).not.toContain(cacheDir);
    expect(await cacheFolderEntries()).toEqual([repoCacheFolder(repo.url)]);
  });

  it('reports missing credentials and an unusable key', async () => {
    const missing = await caught(newCache({ credentials: () => undefined }).resolveRevision(repo.url, 'HEAD'));
    expect(missing).toBeInstanceOf(PermissionDeniedError);
    expect(missing.message).toBe(`authentication failed for ${repo.url}: no repository Secret with an sshPrivateKey matches it`);
    const garbage = '-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbCwganVzdCB0ZXh0\n-----END OPENSSH PRIVATE KEY-----\n';
    const invalid = await caught(newCache({ credentials: () => sshCredentials(garbage) }).resolveRevision(repo.url, 'HEAD'));
    expect(invalid).toBeInstanceOf(InvalidInputError);
    expect(invalid.message).toBe(`the sshPrivateKey for ${repo.url} is not a usable private key (OpenSSH or PEM format, no passphrase)`);
    expect(everythingOf(invalid)).not.toContain('bm90IGEga2V5IGF0IGFsbCwganVzdCB0ZXh0');
    expect(everythingOf(invalid)).not.toContain(cacheDir);
  });

  it('reports an unknown repository as NotFoundError', async () => {
    const url = server.url('missing.git');
    const error = await caught(newCache().resolveRevision(url, 'HEAD'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(`repository ${url} not found`);
  });

  it('reports a closed port as UnavailableError naming the host and the reason', async () => {
    const closed = createServer();
    const port = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const url = `ssh://git@127.0.0.1:${port}/team/apps.git`;
    const error = await caught(newCache().resolveRevision(url, 'HEAD'));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.message).toBe(`cannot reach 127.0.0.1:${port} for ${url}: Connection refused`);
  });

  it('kills a fetch that outlives fetchTimeoutMs and removes its key', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    const port = await listen(silent);
    const url = `ssh://git@127.0.0.1:${port}/slow.git`;
    try {
      const error = await caught(newCache({ fetchTimeoutMs: 300 }).resolveRevision(url, 'HEAD'));
      expect(error).toBeInstanceOf(UnavailableError);
      expect(error.message).toBe(`fetching ${url} timed out after 300 ms`);
      expect(await cacheFolderEntries()).toEqual([repoCacheFolder(url)]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('removes key folders a crashed process left behind', async () => {
    await mkdir(join(cacheDir, '.ssh-leftover'), { recursive: true });
    await writeFile(join(cacheDir, '.ssh-leftover', 'key'), server.clientPrivateKey, { mode: 0o600 });
    expect(await newCache().cachedRepos()).toEqual([]);
    expect(await cacheFolderEntries()).toEqual([]);
  });
});
