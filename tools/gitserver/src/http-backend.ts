// Answers one HTTP request by running `git http-backend` as a CGI program and streaming its answer.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCgiHead } from './cgi-head.js';
import { isolatedGitEnv } from './run-git.js';

/** What the backend needs to know about one request beyond the HTTP message itself. */
export interface BackendRequest {
  /** Absolute root folder of the served repositories (GIT_PROJECT_ROOT). */
  readonly root: string;
  /** Decoded, already validated request path (PATH_INFO). */
  readonly pathInfo: string;
  /** The raw query string without `?` (QUERY_STRING). */
  readonly query: string;
  /** The authenticated user, passed as REMOTE_USER. */
  readonly remoteUser: string | undefined;
  /** Whether pushes are accepted (`http.receivepack`). */
  readonly receivePack: boolean;
  /** Receives diagnostics (backend stderr, failures). */
  readonly log: (message: string) => void;
}

/** The CGI environment for one request; only headers git's backend reads are passed through. */
function cgiEnv(req: IncomingMessage, backend: BackendRequest): NodeJS.ProcessEnv {
  const optional: Record<string, string> = {};
  const header = (name: string): string | undefined => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  const pass = (variable: string, value: string | undefined): void => {
    if (value !== undefined) optional[variable] = value;
  };
  pass('CONTENT_LENGTH', header('content-length'));
  // http-backend inflates gzip request bodies itself when told the encoding (git clients gzip large
  // upload-pack requests).
  pass('HTTP_CONTENT_ENCODING', header('content-encoding'));
  pass('GIT_PROTOCOL', header('git-protocol'));
  pass('REMOTE_USER', backend.remoteUser);
  pass('REMOTE_ADDR', req.socket.remoteAddress);
  return isolatedGitEnv({
    ...optional,
    GIT_PROJECT_ROOT: backend.root,
    GIT_HTTP_EXPORT_ALL: '1',
    REQUEST_METHOD: req.method ?? 'GET',
    PATH_INFO: backend.pathInfo,
    QUERY_STRING: backend.query,
    CONTENT_TYPE: header('content-type') ?? '',
    // Command-line config: receive-pack is otherwise only on with REMOTE_USER; the root was chosen by
    // whoever started the server, so repositories owned by another user are served too.
    GIT_CONFIG_COUNT: '2',
    GIT_CONFIG_KEY_0: 'http.receivepack',
    GIT_CONFIG_VALUE_0: backend.receivePack ? 'true' : 'false',
    GIT_CONFIG_KEY_1: 'safe.directory',
    GIT_CONFIG_VALUE_1: '*',
  });
}

/**
 * Runs `git http-backend` for `req` and streams its response into `res`: the request body is piped to
 * its stdin, its `Status:` and headers become the HTTP status line and headers. Answers 502 when the
 * backend dies before writing a head. Returns the child so the caller can kill it on shutdown; the
 * child is killed when the client goes away early.
 */
export function serveWithHttpBackend(req: IncomingMessage, res: ServerResponse, backend: BackendRequest): ChildProcess {
  const child = spawn('git', ['http-backend'], { env: cgiEnv(req, backend), stdio: 'pipe' });
  const stderr: Buffer[] = [];
  let pending: Buffer = Buffer.alloc(0);
  // Set once a head was forwarded or the request already failed: from then on the body only streams.
  let headSent = false;

  const fail = (status: number, message: string): void => {
    backend.log(`${req.method ?? 'GET'} ${backend.pathInfo}: ${message}`);
    if (!res.headersSent) res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${message}\n`);
    else res.destroy();
  };

  const onData = (chunk: Buffer): void => {
    pending = Buffer.concat([pending, chunk]);
    let head;
    try {
      head = parseCgiHead(pending);
    } catch (error) {
      headSent = true;
      child.stdout.off('data', onData);
      child.kill();
      fail(502, `git http-backend answered badly: ${(error as Error).message}`);
      return;
    }
    if (head === undefined) return;
    headSent = true;
    child.stdout.off('data', onData);
    res.statusCode = head.status;
    if (head.statusMessage !== undefined) res.statusMessage = head.statusMessage;
    for (const [name, value] of head.headers) res.appendHeader(name, value);
    res.write(pending.subarray(head.bodyOffset));
    child.stdout.pipe(res);
  };

  child.stdout.on('data', onData);
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  // The backend may answer (403, 415) without reading the body; a broken pipe then is expected.
  child.stdin.on('error', () => undefined);
  req.pipe(child.stdin);
  child.on('error', (error) => fail(500, `git http-backend could not start: ${error.message}`));
  child.on('close', (code, signal) => {
    const message = Buffer.concat(stderr).toString('utf8').trim();
    if (!headSent) fail(502, `git http-backend exited (${signal ?? `exit ${String(code)}`}) without answering: ${message}`);
    else if (code !== 0 || message !== '') backend.log(`git http-backend ${backend.pathInfo}: exit ${String(code)} ${message}`);
  });
  res.on('close', () => {
    if (!res.writableFinished && child.exitCode === null) child.kill();
  });
  return child;
}
