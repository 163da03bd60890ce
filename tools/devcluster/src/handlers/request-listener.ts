// The node:http request listener: authentication, routing, fault injection, error mapping, logging.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../errors/api-error.js';
import { sendError } from '../http/respond.js';
import { route } from '../http/router.js';
import type { Logger } from '../server/logger.js';
import { handleNonResource, OpenApiCache } from './discovery-handler.js';
import { handleResource } from './resource-handler.js';
import type { ServerContext } from './server-context.js';

const UNAUTHORIZED = new ApiError(401, 'Unauthorized', 'Unauthorized');

/** Whether a request carries the configured bearer token; paths public upstream need none (D13). */
function authorized(req: IncomingMessage, token: string | undefined, publicPath: boolean): boolean {
  if (token === undefined) return true;
  const header = req.headers.authorization;
  if (header === undefined) return publicPath;
  return header === `Bearer ${token}`;
}

/** Builds the listener for node:http / node:https createServer. */
export function createRequestListener(server: ServerContext, options: { token?: string; logger: Logger }): (req: IncomingMessage, res: ServerResponse) => void {
  const openapi = new OpenApiCache(server.deps.registry);
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://devcluster');
    const started = Date.now();
    res.on('finish', () => options.logger.debug({ method: req.method, url: req.url, status: res.statusCode, ms: Date.now() - started }, 'request'));
    void (async () => {
      const target = route(url.pathname);
      if (!authorized(req, options.token, target.kind === 'version' || target.kind === 'health')) throw UNAUTHORIZED;
      if (handleNonResource(server, openapi, req, res, target, url.searchParams)) return;
      if (target.kind !== 'resource') return;
      const injected = await server.faults.beforeResourceRequest();
      if (injected !== undefined) throw injected;
      await handleResource(server, req, res, target, url.searchParams);
    })().catch((err: unknown) => {
      if (!(err instanceof ApiError)) options.logger.error({ err, method: req.method, url: req.url }, 'request failed');
      sendError(res, err);
    });
  };
}
