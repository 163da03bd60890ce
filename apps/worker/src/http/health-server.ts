// The worker's HTTP endpoint for Prometheus and the kubelet: `/metrics`, `/healthz` (liveness) and
// `/readyz` (readiness), on Argo CD's application-controller metrics port by default.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkerMetrics } from '../metrics/worker-metrics.js';

/** Options of {@link startHealthServer}. */
export interface HealthServerOptions {
  /** 0 picks a free port (see `address()`). */
  readonly port: number;
  /** @defaultValue all interfaces, as Prometheus and the kubelet reach the pod from outside */
  readonly host?: string;
  readonly metrics: Pick<WorkerMetrics, 'scrape' | 'contentType'>;
  /**
   * Whether the worker can do its work now. `false` answers 503 "not ready"; a rejection answers 503 with
   * its message as the reason, so a check can say what it waits for.
   */
  readonly ready: () => boolean | Promise<boolean>;
  /** A readiness check slower than this answers 503 (a probe must not hang on a stuck dependency). @defaultValue 2000 */
  readonly readyTimeoutMs?: number;
}

/** A listening health server. */
export interface HealthServer {
  /** The bound address; `port` is the real one when 0 was asked for. */
  address(): { readonly host: string; readonly port: number };
  /** Stops listening and ends open connections (keep-alive scrapers included). */
  close(): Promise<void>;
}

/** Starts listening; rejects when the port cannot be bound (in use, no permission). */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 2000;
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, `internal error: ${messageOf(error)}\n`);
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://worker').pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return send(response, 405, 'method not allowed\n');
    }
    if (path === '/healthz') return send(response, 200, 'ok\n');
    if (path === '/readyz') {
      const reason = await notReadyReason(options.ready, readyTimeoutMs);
      if (reason === undefined) return send(response, 200, 'ok\n');
      return send(response, 503, reason === '' ? 'not ready\n' : `not ready: ${reason}\n`);
    }
    if (path === '/metrics') return send(response, 200, await options.metrics.scrape(), options.metrics.contentType);
    return send(response, 404, 'not found\n');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    address() {
      const bound = server.address() as AddressInfo;
      return { host: bound.address, port: bound.port };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}

// undefined when ready, else why not ('' when the check gave no reason).
async function notReadyReason(ready: () => boolean | Promise<boolean>, timeoutMs: number): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`readiness check took longer than ${timeoutMs}ms`), timeoutMs);
  });
  const check = (async () => ((await ready()) ? undefined : ''))().catch(messageOf);
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function send(response: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  response.end(body);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
