// Non-resource endpoints: /version, health, discovery (legacy and aggregated) and OpenAPI v3.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AGGREGATED_DISCOVERY_TYPE, aggregatedDiscovery } from '../discovery/aggregated-discovery.js';
import { apiGroup, apiGroupList, apiResourceList, apiVersions } from '../discovery/legacy-discovery.js';
import { documentHash, openApiDocument, openApiRoot } from '../discovery/openapi.js';
import { ApiError } from '../errors/api-error.js';
import { negotiate } from '../http/negotiation.js';
import { sendJson } from '../http/respond.js';
import type { Route } from '../http/router.js';
import type { JsonObject } from '../model/json.js';
import type { Registry } from '../registry/registry.js';
import type { ServerContext } from './server-context.js';

/** The Kubernetes version the dev cluster reports (it also selects the kubectl binary, research §0). */
export const SERVER_VERSION: JsonObject = {
  major: '1',
  minor: '33',
  gitVersion: 'v1.33.1',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-05-15T00:00:00Z',
  goVersion: 'go1.24.2',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const NOT_FOUND = new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});

/**
 * Strategic merge patch is never advertised in OpenAPI: our schemas carry no patch-merge-key
 * extensions, so kubectl must use its compiled-in types instead (research §1.3, D7).
 */
const NO_SMP = (): boolean => false;

/** OpenAPI documents memoized per registry generation. */
export class OpenApiCache {
  private generation = -1;
  private root: JsonObject = {};
  private readonly docs = new Map<string, JsonObject | undefined>();

  constructor(private readonly registry: Registry) {}

  private refresh(): void {
    if (this.generation === this.registry.generation) return;
    this.generation = this.registry.generation;
    this.docs.clear();
    this.root = openApiRoot(this.registry, NO_SMP);
  }

  /** GET /openapi/v3. */
  rootDocument(): JsonObject {
    this.refresh();
    return this.root;
  }

  /** GET /openapi/v3/{gv}. */
  document(group: string, version: string): JsonObject | undefined {
    this.refresh();
    const key = `${group}/${version}`;
    if (!this.docs.has(key)) this.docs.set(key, openApiDocument(this.registry, group, version, NO_SMP));
    return this.docs.get(key);
  }
}

/** Serves a non-resource route; returns false when `route` is a resource route. */
export function handleNonResource(server: ServerContext, openapi: OpenApiCache, req: IncomingMessage, res: ServerResponse, target: Route, query: URLSearchParams): boolean {
  const { registry } = server.deps;
  switch (target.kind) {
    case 'version':
      sendJson(res, 200, SERVER_VERSION);
      return true;
    case 'health':
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      res.end('ok');
      return true;
    case 'core-versions':
    case 'groups': {
      const legacy = target.kind === 'core-versions';
      if (negotiate(req.headers.accept, { tableOk: false, discoveryOk: true }) === 'aggregated-discovery') {
        sendJson(res, 200, aggregatedDiscovery(registry, legacy), { contentType: AGGREGATED_DISCOVERY_TYPE });
      } else sendJson(res, 200, legacy ? apiVersions(server.settings.serverAddress) : apiGroupList(registry));
      return true;
    }
    case 'group': {
      const doc = apiGroup(registry, target.group);
      if (doc === undefined) throw NOT_FOUND;
      sendJson(res, 200, doc);
      return true;
    }
    case 'resource-list': {
      const doc = apiResourceList(registry, target.group, target.version);
      if (doc === undefined) throw NOT_FOUND;
      sendJson(res, 200, doc);
      return true;
    }
    case 'openapi-root':
      sendJson(res, 200, openapi.rootDocument());
      return true;
    case 'openapi-doc': {
      const doc = openapi.document(target.group, target.version);
      if (doc === undefined) throw NOT_FOUND;
      const immutable = query.get('hash') === documentHash(doc);
      sendJson(res, 200, doc, { headers: { 'Cache-Control': immutable ? 'public, immutable' : 'no-cache, private' } });
      return true;
    }
    case 'openapi-v2':
    case 'unknown':
      throw NOT_FOUND;
    case 'resource':
      return false;
  }
}
