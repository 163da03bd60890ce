// Dispatches a resource endpoint (collection, item, subresource) by HTTP method to the pipeline.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyObject } from '../api/apply.js';
import { createObject } from '../api/create.js';
import { deleteCollection, deleteObject, parseDeleteOptions } from '../api/delete.js';
import { PATCH_CONTENT_TYPES, patchObject } from '../api/patch.js';
import { getObject, listObjects } from '../api/read.js';
import { getScale, patchScale, replaceScale } from '../api/scale.js';
import { replaceObject } from '../api/update.js';
import type { WriteTarget } from '../api/system-meta.js';
import { ApiError } from '../errors/api-error.js';
import { invalid, methodNotAllowed, notImplemented, unsupportedMediaType } from '../errors/statuses.js';
import { decodeBody, mediaType, readBody } from '../http/body.js';
import { PROTOBUF_TYPE } from '../protobuf/decode-protobuf.js';
import { negotiate } from '../http/negotiation.js';
import { listOptions, writeContext } from '../http/request-options.js';
import { sendJson } from '../http/respond.js';
import type { ResourceRoute } from '../http/router.js';
import { toTable } from '../http/table.js';
import type { IncludeObject } from '../http/table.js';
import type { JsonObject } from '../model/json.js';
import { apiVersionOf } from '../registry/descriptor.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import type { ServerContext } from './server-context.js';
import { serveWatch } from './watch-handler.js';

const WRITE_TYPES = ['application/json', 'application/yaml', PROTOBUF_TYPE];
const UNSUPPORTED_SUBRESOURCES = new Set(['log', 'exec', 'attach', 'portforward', 'proxy', 'eviction', 'binding', 'ephemeralcontainers', 'resize', 'token', 'approval']);
const NOT_FOUND = new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});

function requireVerb(desc: ResourceDescriptor, verb: string): void {
  if (!desc.verbs.includes(verb)) throw methodNotAllowed('the server does not allow this method on the requested resource');
}

function checkSubresource(desc: ResourceDescriptor, sub: string | undefined): WriteTarget | 'scale' | undefined {
  if (sub === undefined) return undefined;
  if (sub === 'status' && desc.statusSubresource) return 'status';
  if (sub === 'scale' && desc.scale !== undefined) return 'scale';
  if (sub === 'finalize' && desc.group === '' && desc.resource === 'namespaces') return 'finalize';
  if (UNSUPPORTED_SUBRESOURCES.has(sub)) throw notImplemented(`the dev cluster does not implement the ${desc.resource}/${sub} subresource (D10)`);
  throw NOT_FOUND;
}

/** Handles one resource request; throws ApiError for the caller to send. */
export async function handleResource(server: ServerContext, req: IncomingMessage, res: ServerResponse, routeInfo: ResourceRoute, query: URLSearchParams): Promise<void> {
  const { deps } = server;
  const desc = deps.registry.lookup(routeInfo.group, routeInfo.version, routeInfo.resource);
  if (desc === undefined || (routeInfo.namespace !== undefined && !desc.namespaced)) throw NOT_FOUND;
  const ns = routeInfo.namespace;
  const name = routeInfo.name;
  const sub = checkSubresource(desc, routeInfo.subresource);
  const method = req.method ?? 'GET';
  if (method === 'GET') {
    const watching = routeInfo.legacyWatch || query.get('watch') === 'true' || query.get('watch') === '1';
    const representation = negotiate(req.headers.accept, { tableOk: sub === undefined, discoveryOk: false });
    const include = (query.get('includeObject') ?? 'Metadata') as IncludeObject;
    if (watching) {
      requireVerb(desc, 'watch');
      if (name !== undefined) query.set('fieldSelector', [query.get('fieldSelector'), `metadata.name=${name}`].filter((s) => s !== null && s !== '').join(','));
      serveWatch(server, res, desc, ns, query, representation === 'table');
      return;
    }
    if (name === undefined) {
      requireVerb(desc, 'list');
      const list = listObjects(deps, desc, ns, listOptions(desc, query));
      if (representation === 'table') {
        const items = (list['items'] as JsonObject[]).map((o) => ({ ...o, kind: desc.kind, apiVersion: apiVersionOf(desc) }));
        sendJson(res, 200, toTable(desc, items, list['metadata'] as JsonObject, include, deps.clock.now()));
      } else sendJson(res, 200, list);
      return;
    }
    requireVerb(desc, 'get');
    if (sub === 'scale') return sendJson(res, 200, getScale(deps, desc, ns, name));
    const obj = getObject(deps, desc, ns, name);
    if (representation === 'table') {
      const meta = obj['metadata'] as JsonObject;
      return sendJson(res, 200, toTable(desc, [obj], { resourceVersion: meta['resourceVersion'] ?? '' }, include, deps.clock.now()));
    }
    return sendJson(res, 200, obj);
  }
  const body = await readBody(req);
  const ctx = writeContext(req, query);
  const send = (code: number, body: JsonObject): void => sendJson(res, code, body, { warnings: ctx.warnings });
  if (method === 'POST') {
    if (name !== undefined || (desc.namespaced && ns === undefined)) throw methodNotAllowed('the server does not allow this method on the requested resource');
    requireVerb(desc, 'create');
    return send(201, createObject(deps, desc, ns, decodeBody(body, req.headers['content-type'], WRITE_TYPES) ?? null, ctx));
  }
  if (method === 'PUT') {
    if (name === undefined) throw methodNotAllowed('the server does not allow this method on the requested resource');
    requireVerb(desc, 'update');
    const decoded = decodeBody(body, req.headers['content-type'], WRITE_TYPES) ?? null;
    if (sub === 'scale') return send(200, replaceScale(deps, desc, ns, name, decoded, ctx));
    return send(200, replaceObject(deps, desc, ns, name, decoded, ctx, sub ?? 'main'));
  }
  if (method === 'PATCH') {
    if (name === undefined || sub === 'finalize') throw methodNotAllowed('the server does not allow this method on the requested resource');
    requireVerb(desc, 'patch');
    const type = PATCH_CONTENT_TYPES[mediaType(req.headers['content-type'])];
    if (type === undefined) {
      throw unsupportedMediaType('the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json');
    }
    const patch = decodeBody(body, req.headers['content-type'], Object.keys(PATCH_CONTENT_TYPES)) ?? null;
    const force = query.get('force');
    if (type === 'apply') {
      if (sub === 'scale') throw notImplemented('server-side apply to /scale is not supported by the dev cluster (D3)');
      if ((query.get('fieldManager') ?? '') === '') {
        throw invalid('meta.k8s.io', 'PatchOptions', '', [{ type: 'FieldValueRequired', field: 'fieldManager', detail: 'is required for apply patch' }]);
      }
      const applied = applyObject(deps, desc, ns, name, patch, ctx, sub ?? 'main', force === 'true');
      return send(applied.created ? 201 : 200, applied.object);
    }
    if (force !== null) throw invalid('meta.k8s.io', 'PatchOptions', '', [{ type: 'FieldValueForbidden', field: 'force', detail: 'may not be specified for non-apply patch' }]);
    if (sub === 'scale') return send(200, patchScale(deps, desc, ns, name, type, patch, ctx));
    return send(200, patchObject(deps, desc, ns, name, type, patch, ctx, sub ?? 'main'));
  }
  if (method === 'DELETE') {
    if (sub !== undefined) throw methodNotAllowed('the server does not allow this method on the requested resource');
    const options = parseDeleteOptions(decodeBody(body, req.headers['content-type'], WRITE_TYPES), query);
    if (name !== undefined) {
      requireVerb(desc, 'delete');
      const result = deleteObject(deps, desc, ns, name, options, ctx);
      return send(result.code, result.body);
    }
    requireVerb(desc, 'deletecollection');
    const list = listObjects(deps, desc, ns, listOptions(desc, query));
    const targets = (list['items'] as JsonObject[]).map((o) => {
      const meta = o['metadata'] as JsonObject;
      return { namespace: typeof meta['namespace'] === 'string' ? meta['namespace'] : undefined, name: String(meta['name']) };
    });
    const items = deleteCollection(deps, desc, targets, options, ctx);
    return send(200, { kind: desc.listKind, apiVersion: apiVersionOf(desc), metadata: { resourceVersion: String(deps.store.revision) }, items });
  }
  throw methodNotAllowed(`the server does not allow method ${method} on the requested resource`);
}
