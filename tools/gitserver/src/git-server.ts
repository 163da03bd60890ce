// A smart-HTTP git server: node:http in front of `git http-backend`, serving bare repositories from one
// root folder. Used by `npm start` for the demo repository and by every test that needs a remote.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { InvalidInputError } from '@driftless/api';
import { authenticate, BASIC_CHALLENGE } from './basic-auth.js';
import type { BasicCredentials } from './basic-auth.js';
import { serveWithHttpBackend } from './http-backend.js';
import { findRepoDir, parseGitRequestPath } from './repo-path.js';

/** Options for {@link startGitServer}. */
export interface GitServerOptions {
  /** Folder holding the bare repositories; a repo `<root>/team/app.git` is served at `/team/app.git`. */
  readonly root: string;
  /** TCP port. @defaultValue 0 (a free port, see `url`) */
  readonly port?: number;
  /** Interface to listen on. @defaultValue '127.0.0.1' */
  readonly host?: string;
  /** When set, every request needs these Basic credentials; others get 401 with a challenge. */
  readonly auth?: BasicCredentials;
  /** Accept pushes (`git-receive-pack`). @defaultValue true (tests push through the server) */
  readonly receivePack?: boolean;
  /** Receives diagnostics such as the backend's stderr. @defaultValue ignore them */
  readonly log?: (message: string) => void;
}

/** A running git server. */
export interface GitServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Absolute root folder of the served repositories. */
  readonly root: string;
  /** Clone URL of repository `name` (a path relative to the root, `/` allowed). */
  repoUrl(name: string): string;
  /** Stops listening, drops open connections and kills running backends; resolves once closed. */
  stop(): Promise<void>;
}

function reply(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end(`${message}\n`);
}

/**
 * Starts a git server and resolves once it listens. Rejects with an InvalidInputError when `root` is
 * not a directory. Requests outside the root (`..`, also encoded) and unknown repositories get 404;
 * methods other than GET, HEAD and POST get 405.
 */
export async function startGitServer(options: GitServerOptions): Promise<GitServer> {
  const root = resolve(options.root);
  const info = await stat(root).catch(() => undefined);
  if (info?.isDirectory() !== true) {
    throw new InvalidInputError(`git server root ${root} is not a directory`, { context: { root } });
  }
  const receivePack = options.receivePack ?? true;
  const log = options.log ?? (() => undefined);
  const children = new Set<ChildProcess>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let remoteUser: string | undefined;
    if (options.auth !== undefined) {
      remoteUser = authenticate(req.headers.authorization, options.auth);
      if (remoteUser === undefined) {
        reply(res, 401, 'authentication required', { 'WWW-Authenticate': BASIC_CHALLENGE });
        return;
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'POST') {
      reply(res, 405, `method ${req.method ?? ''} not allowed`, { Allow: 'GET, HEAD, POST' });
      return;
    }
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const target = parseGitRequestPath(queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt));
    if (target === undefined || (await findRepoDir(root, target.repo)) === undefined) {
      reply(res, 404, 'repository not found');
      return;
    }
    const query = queryAt < 0 ? '' : rawUrl.slice(queryAt + 1);
    const child = serveWithHttpBackend(req, res, { root, pathInfo: target.pathInfo, query, remoteUser, receivePack, log });
    children.add(child);
    child.on('close', () => children.delete(child));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`${req.method ?? 'GET'} ${req.url ?? ''}: ${String(error)}`);
      if (!res.headersSent) reply(res, 500, 'internal error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  return {
    url,
    root,
    repoUrl: (name) => `${url}/${name.split('/').map(encodeURIComponent).join('/')}`,
    stop: () =>
      new Promise<void>((resolveStop, rejectStop) => {
        server.close((error) => (error === undefined ? resolveStop() : rejectStop(error)));
        server.closeAllConnections();
        for (const child of children) child.kill();
      }),
  };
}
