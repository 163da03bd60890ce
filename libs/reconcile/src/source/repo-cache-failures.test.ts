import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { NotFoundError, PermissionDeniedError, UnavailableError } from '@driftless/api';
import type { RepositoryCredentials } from '@driftless/api';
import { startGitServer } from '@driftless/gitserver';
import type { GitServer } from '@driftless/gitserver';
import { createServedRepo, tempDir } from '@driftless/testing';
import type { ServedRepo, TempDir } from '@driftless/testing';
import { createRepoCache } from './repo-cache.js';
import type { RepoCacheOptions } from './repo-cache.js';

const PASSWORD = 's3cret-t0ken-value';

function credentials(username: string, password: string): RepositoryCredentials {
  return {
    secret: { namespace: 'argocd', name: 'private-repo' },
    url: 'http://127.0.0.1',
    type: 'git',
    insecure: false,
    enableLfs: false,
    enableOCI: false,
    forceHttpBasicAuth: false,
    username,
    password,
  };
}

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error('expected a rejection');
  return error;
}

describe('repo cache failures', () => {
  let temp: TempDir;
  let server: GitServer;
  let repo: ServedRepo;
  let n = 0;

  const cache = (extra: Partial<RepoCacheOptions> = {}) =>
    createRepoCache({ dir: join(temp.path, `cache-${++n}`), allowHttp: true, ...extra });

  beforeAll(async () => {
    temp = await tempDir('repo-cache-failures');
    server = await startGitServer({ root: temp.path, auth: { username: 'deploy', password: PASSWORD } });
    repo = await createServedRepo(server, 'private.git', { 'app.yaml': 'kind: ConfigMap\n' });
  });

  afterAll(async () => {
    await repo.cleanup();
    await server.stop();
    await temp.cleanup();
  });

  it('fetches a private repository with the right credentials', async () => {
    const repoCache = cache({ credentials: () => credentials('deploy', PASSWORD) });
    expect((await repoCache.resolveRevision(repo.url, 'HEAD')).sha).toBe(await repo.head());
  });

  it('sends Basic credentials up front with forceHttpBasicAuth', async () => {
    const repoCache = cache({ credentials: () => ({ ...credentials('deploy', PASSWORD), forceHttpBasicAuth: true }) });
    expect((await repoCache.resolveRevision(repo.url, 'HEAD')).sha).toBe(await repo.head());
  });

  it('reports a wrong password as PermissionDeniedError without the password', async () => {
    const wrong = `${PASSWORD}-wrong`;
    const error = await caught(cache({ credentials: () => credentials('deploy', wrong) }).resolveRevision(repo.url, 'HEAD'));
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.message).toContain(repo.url);
    const everything = `${error.message} ${JSON.stringify(error)} ${String(error.stack)} ${String(error.cause)}`;
    expect(everything).not.toContain(wrong);
    expect(everything).not.toContain(PASSWORD);
  });

  it('reports missing credentials as PermissionDeniedError', async () => {
    await expect(cache().resolveRevision(repo.url, 'HEAD')).rejects.toThrow(PermissionDeniedError);
  });

  it('reports an unknown repository as NotFoundError', async () => {
    const error = await caught(cache({ credentials: () => credentials('deploy', PASSWORD) }).resolveRevision(server.repoUrl('nope.git'), 'HEAD'));
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it('reports a closed port as UnavailableError naming the URL and the reason', async () => {
    const closed = createServer();
    const base = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await caught(cache().resolveRevision(`${base}/gone.git`, 'HEAD'));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.message).toContain(`${base}/gone.git`);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('aborts a fetch that outlives fetchTimeoutMs', async () => {
    const sockets = new Set<Socket>();
    const silent = createTcpServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    const base = await listen(silent);
    try {
      const error = await caught(cache({ fetchTimeoutMs: 50 }).resolveRevision(`${base}/slow.git`, 'HEAD'));
      expect(error).toBeInstanceOf(UnavailableError);
      expect(error.message).toBe(`fetching ${base}/slow.git timed out after 50 ms`);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('aborts a fetch that downloads more than maxPackBytes', async () => {
    await repo.commit({ 'big.bin': randomBytes(64 * 1024).toString('base64') }, 'big file');
    await repo.push();
    const error = await caught(
      cache({ maxPackBytes: 16 * 1024, credentials: () => credentials('deploy', PASSWORD) }).resolveRevision(repo.url, 'HEAD'),
    );
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.message).toContain('exceeded the size limit of 16384 bytes');
  });

  it('never follows a redirect to another host, so credentials stay home', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const elsewhere = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(404).end();
    });
    const elsewhereUrl = (await listen(elsewhere)).replace('127.0.0.1', 'localhost');
    const redirector = createServer((req, res) => {
      if (req.headers.authorization === undefined) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="x"' }).end();
        return;
      }
      res.writeHead(302, { Location: `${elsewhereUrl}${req.url ?? '/'}` }).end();
    });
    const base = await listen(redirector);
    try {
      const error = await caught(cache({ credentials: () => credentials('deploy', PASSWORD) }).resolveRevision(`${base}/moved.git`, 'HEAD'));
      expect(error).toBeInstanceOf(UnavailableError);
      expect(error.message).toContain('redirected to another host');
      expect(seen).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => redirector.close(() => resolve()));
      await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
    }
  });
});
