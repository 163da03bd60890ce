// OpenAPI v3 discovery: the root index and one document per group-version, generated from the registry.
import { createHash } from 'node:crypto';
import type { JsonObject } from '../model/json.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import type { Registry } from '../registry/registry.js';
import { componentSchemas, schemaRef } from './openapi-schemas.js';

const VERSION = 'v1.33.1';

function queryParam(name: string, type = 'string'): JsonObject {
  return { name, in: 'query', description: `${name} query parameter`, schema: { type, uniqueItems: true } };
}

/**
 * The PATCH operation. kubectl reads two things from it (research §1.3): the fieldValidation
 * parameter (→ server-side validation) and the requestBody media types; strategic merge patch is
 * listed only when the server applies it, otherwise kubectl computes SMP from its compiled-in types.
 */
function patchOp(d: ResourceDescriptor, gvk: JsonObject, smp: boolean): JsonObject {
  const body = { schema: { type: 'object' } };
  const content: JsonObject = { 'application/json-patch+json': body, 'application/merge-patch+json': body };
  if (smp) content['application/strategic-merge-patch+json'] = body;
  return {
    operationId: `patch${d.kind}`,
    parameters: [queryParam('dryRun'), queryParam('fieldManager'), queryParam('fieldValidation'), queryParam('force', 'boolean')],
    requestBody: { content, required: true },
    responses: { '200': { description: 'OK', content: { 'application/json': { schema: schemaRef(d) } } } },
    'x-kubernetes-action': 'patch',
    'x-kubernetes-group-version-kind': gvk,
  };
}

function op(action: string, d: ResourceDescriptor, gvk: JsonObject, params: JsonObject[], withBody: boolean): JsonObject {
  const out: JsonObject = {
    operationId: `${action}${d.kind}`,
    parameters: params,
    responses: { '200': { description: 'OK', content: { 'application/json': { schema: schemaRef(d) } } } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
  };
  if (withBody) out['requestBody'] = { content: { '*/*': { schema: schemaRef(d) } }, required: true };
  return out;
}

function pathsFor(d: ResourceDescriptor, smp: boolean): Record<string, JsonObject> {
  const root = d.group === '' ? `/api/${d.version}` : `/apis/${d.group}/${d.version}`;
  const scoped = d.namespaced ? `${root}/namespaces/{namespace}/${d.resource}` : `${root}/${d.resource}`;
  const gvk: JsonObject = { group: d.group, version: d.version, kind: d.kind };
  const writeParams = [queryParam('dryRun'), queryParam('fieldManager'), queryParam('fieldValidation')];
  const paths: Record<string, JsonObject> = {
    [scoped]: {
      get: op('list', d, gvk, [queryParam('labelSelector'), queryParam('fieldSelector'), queryParam('limit', 'integer'), queryParam('continue'), queryParam('watch', 'boolean')], false),
      post: op('post', d, gvk, writeParams, true),
      delete: op('deletecollection', d, gvk, [queryParam('dryRun')], false),
    },
    [`${scoped}/{name}`]: {
      get: op('get', d, gvk, [], false),
      put: op('put', d, gvk, writeParams, true),
      patch: patchOp(d, gvk, smp),
      delete: op('delete', d, gvk, [queryParam('dryRun')], false),
    },
  };
  if (d.statusSubresource) paths[`${scoped}/{name}/status`] = { get: op('get', d, gvk, [], false), put: op('put', d, gvk, writeParams, true) };
  return paths;
}

/** The OpenAPI v3 document of one group-version, or undefined when it serves nothing. */
export function openApiDocument(registry: Registry, group: string, version: string, smpFor: (d: ResourceDescriptor) => boolean): JsonObject | undefined {
  const descriptors = registry.resourcesOf(group, version);
  if (descriptors.length === 0) return undefined;
  const paths: Record<string, JsonObject> = {};
  for (const d of descriptors) Object.assign(paths, pathsFor(d, smpFor(d)));
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: VERSION }, paths, components: { schemas: componentSchemas(descriptors) } };
}

/** A stable content hash for a document, used in serverRelativeURL. */
export function documentHash(doc: JsonObject): string {
  return createHash('sha512').update(JSON.stringify(doc)).digest('hex').toUpperCase();
}

/** The key of a group-version in the root index ('api/v1', 'apis/apps/v1'). */
export function gvPath(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

/** GET /openapi/v3: every served group-version with its hashed URL. */
export function openApiRoot(registry: Registry, smpFor: (d: ResourceDescriptor) => boolean): JsonObject {
  const paths: JsonObject = {};
  const gvs = [{ group: '', version: 'v1' }, ...registry.groups().flatMap((g) => g.versions.map((version) => ({ group: g.name, version })))];
  for (const { group, version } of gvs) {
    const doc = openApiDocument(registry, group, version, smpFor);
    if (doc === undefined) continue;
    const key = gvPath(group, version);
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${documentHash(doc)}` };
  }
  return { paths };
}
