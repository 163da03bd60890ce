// Aggregated discovery (apidiscovery.k8s.io/v2 only, D21): every group's resources in one document.
import type { JsonObject } from '../model/json.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import type { Registry } from '../registry/registry.js';
import { subresourceEntries } from './legacy-discovery.js';

/** The Content-Type an aggregated discovery answer must carry. */
export const AGGREGATED_DISCOVERY_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

function resourceEntry(d: ResourceDescriptor): JsonObject {
  const entry: JsonObject = {
    resource: d.resource,
    responseKind: { group: d.group, version: d.version, kind: d.kind },
    scope: d.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: d.singular,
    verbs: [...d.verbs],
  };
  if (d.shortNames.length > 0) entry['shortNames'] = [...d.shortNames];
  if (d.categories.length > 0) entry['categories'] = [...d.categories];
  const subs = subresourceEntries(d);
  if (subs.length > 0) {
    entry['subresources'] = subs.map((s) => ({
      subresource: s.name,
      responseKind: { group: s.group ?? d.group, version: s.version ?? d.version, kind: s.kind },
      verbs: s.verbs,
    }));
  }
  return entry;
}

function groupEntry(registry: Registry, name: string, versions: readonly string[]): JsonObject {
  return {
    metadata: { name, creationTimestamp: null },
    versions: versions.map((version) => ({ version, resources: registry.resourcesOf(name, version).map(resourceEntry), freshness: 'Current' })),
  };
}

/** The APIGroupDiscoveryList for /api (legacy core group) or /apis (all named groups). */
export function aggregatedDiscovery(registry: Registry, legacy: boolean): JsonObject {
  const items = legacy ? [groupEntry(registry, '', ['v1'])] : registry.groups().map((g) => groupEntry(registry, g.name, g.versions));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}
