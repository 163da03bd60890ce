// A Helm chart repository for tests: charts packaged with the real `helm package`, an `index.yaml`
// written by `helm repo index`, served over HTTP on 127.0.0.1 with optional Basic authentication.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runHelm, writeInlineChart } from './helm-cli.js';
import type { InlineChart } from './helm-cli.js';
import { tempDir } from '../temp-dir.js';

/** A chart to publish: a chart folder on disk, or one written from plain data. */
export type ChartToPublish = { readonly dir: string } | InlineChart;

/** Options of {@link startChartRepo}. */
export interface ChartRepoOptions {
  /** Charts packaged and indexed before the server starts. @defaultValue none */
  readonly charts?: readonly ChartToPublish[];
  /** When set, every request needs these Basic credentials; others get 401 with a challenge. */
  readonly auth?: { readonly username: string; readonly password: string };
}

/** A running chart repository. */
export interface ChartRepo {
  /** Repository URL without a trailing slash, e.g. `http://127.0.0.1:40123` (what `repoURL` names). */
  readonly url: string;
  /** `METHOD /path` of every request received, in order, including refused ones. */
  readonly requests: readonly string[];
  /** Packages `chart` into the repository and rewrites `index.yaml`. */
  publish(chart: ChartToPublish): Promise<void>;
  /** Stops listening and removes the served folder. */
  stop(): Promise<void>;
}

/**
 * Starts a chart repository on a free port of 127.0.0.1 and resolves once it listens and every chart
 * of `options.charts` is published. Serves `index.yaml` and the `.tgz` archives at the root (404 for
 * anything else, 405 for methods other than GET and HEAD). Rejects with helm's message when a chart
 * cannot be packaged.
 */
export async function startChartRepo(options: ChartRepoOptions = {}): Promise<ChartRepo> {
  const folder = await tempDir('driftless-chart-repo');
  const served = join(folder.path, 'served');
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
    handle(req, res, served, options.auth).catch(() => reply(res, 500, 'internal error'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let inlineCount = 0;
  const publish = async (chart: ChartToPublish): Promise<void> => {
    const dir = 'dir' in chart ? chart.dir : await writeInlineChart(join(folder.path, `inline-${++inlineCount}`), chart);
    await runHelm(['package', dir, '--destination', served], folder.path);
    await runHelm(['repo', 'index', served, '--url', url], folder.path);
  };
  try {
    for (const chart of options.charts ?? []) await publish(chart);
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    await folder.cleanup();
    throw error;
  }
  return {
    url,
    requests,
    publish,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await folder.cleanup();
    },
  };
}

const ARCHIVE_OR_INDEX = /^\/(?:index\.yaml|[A-Za-z0-9][A-Za-z0-9._+-]*\.tgz)$/;

async function handle(req: IncomingMessage, res: ServerResponse, served: string, auth: ChartRepoOptions['auth']): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'method not allowed');
  if (auth !== undefined && !authorized(req.headers.authorization, auth)) {
    return reply(res, 401, 'unauthorized', { 'WWW-Authenticate': 'Basic realm="charts"' });
  }
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  // Only plain file names at the root: no way out of the served folder.
  if (!ARCHIVE_OR_INDEX.test(path)) return reply(res, 404, 'not found');
  const file = join(served, path.slice(1));
  if ((await stat(file).catch(() => undefined))?.isFile() !== true) return reply(res, 404, 'not found');
  const body = await readFile(file);
  const type = path.endsWith('.tgz') ? 'application/gzip' : 'text/yaml';
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function reply(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end(`${message}\n`);
}

// Hashing first gives equal-length inputs, so the comparison time reveals neither content nor length.
const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

function authorized(header: string | undefined, expected: { username: string; password: string }): boolean {
  const match = header === undefined ? null : /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (match?.[1] === undefined) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const userOk = timingSafeEqual(digest(decoded.slice(0, colon)), digest(expected.username));
  const passwordOk = timingSafeEqual(digest(decoded.slice(colon + 1)), digest(expected.password));
  return userOk && passwordOk;
}
