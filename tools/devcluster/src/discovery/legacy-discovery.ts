// Discovery documents: /api, /apis, /apis/{group} and the per-group-version APIResourceList.
import type { JsonObject } from '../model/json.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import type { Registry } from '../registry/registry.js';

const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];

/** GET /api. */
export function apiVersions(serverAddress: string): JsonObject {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupJson(name: string, versions: readonly string[], preferred: string): JsonObject {
  return {
    name,
    versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${name}/${preferred}`, version: preferred },
  };
}

/** GET /apis. */
export function apiGroupList(registry: Registry): JsonObject {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: registry.groups().map((g) => groupJson(g.name, g.versions, g.preferredVersion)) };
}

/** GET /apis/{group}, or undefined for an unknown group. */
export function apiGroup(registry: Registry, group: string): JsonObject | undefined {
  const info = registry.groups().find((g) => g.name === group);
  return info === undefined ? undefined : { kind: 'APIGroup', apiVersion: 'v1', ...groupJson(info.name, info.versions, info.preferredVersion) };
}

function resourceJson(d: ResourceDescriptor): JsonObject {
  const out: JsonObject = { name: d.resource, singularName: d.singular, namespaced: d.namespaced, kind: d.kind, verbs: [...d.verbs] };
  if (d.shortNames.length > 0) out['shortNames'] = [...d.shortNames];
  if (d.categories.length > 0) out['categories'] = [...d.categories];
  return out;
}

/**
 * The subresource entries of a descriptor. They follow the main resource, because client-node
 * picks the first entry whose kind matches (research §1.1).
 */
function subresourcesJson(d: ResourceDescriptor): JsonObject[] {
  const out: JsonObject[] = [];
  if (d.statusSubresource) out.push({ name: `${d.resource}/status`, singularName: '', namespaced: d.namespaced, kind: d.kind, verbs: SUBRESOURCE_VERBS });
  if (d.scale !== undefined) out.push({ name: `${d.resource}/scale`, singularName: '', namespaced: d.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: SUBRESOURCE_VERBS });
  if (d.group === '' && d.resource === 'namespaces') out.push({ name: 'namespaces/finalize', singularName: '', namespaced: false, kind: 'Namespace', verbs: ['update'] });
  return out;
}

/** GET /api/v1 or /apis/{group}/{version}, or undefined when nothing is served there. */
export function apiResourceList(registry: Registry, group: string, version: string): JsonObject | undefined {
  const descriptors = registry.resourcesOf(group, version);
  if (descriptors.length === 0) return undefined;
  const resources = descriptors.flatMap((d) => [resourceJson(d), ...subresourcesJson(d)]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group === '' ? version : `${group}/${version}`, resources };
}

/** Subresource entries for aggregated discovery (shared shape helper). */
export function subresourceEntries(d: ResourceDescriptor): { name: string; kind: string; group?: string; version?: string; verbs: string[] }[] {
  return subresourcesJson(d).map((s) => ({
    name: String(s['name']).split('/')[1] ?? '',
    kind: String(s['kind']),
    ...(typeof s['group'] === 'string' ? { group: s['group'] } : {}),
    ...(typeof s['version'] === 'string' ? { version: s['version'] } : {}),
    verbs: Array.isArray(s['verbs']) ? s['verbs'].map(String) : [],
  }));
}
