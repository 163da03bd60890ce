// The kinds a CustomResourceDefinition asks the API server to serve, read from the plain manifest, so
// that discovery can be polled until they appear.
import type { UnstructuredObject } from '@driftless/api';
import type { GroupVersionKind } from '@driftless/kube';

interface CrdSpec {
  group?: unknown;
  names?: { kind?: unknown };
  versions?: { name?: unknown; served?: unknown }[];
}

/**
 * One GVK per served version of `crd` (`spec.group`, `spec.names.kind`, `spec.versions[].name` with
 * `served: true`). A malformed manifest yields fewer or none: the API server rejects it anyway.
 * Example: group `example.com`, kind `Widget`, versions v1 (served) and v2 (not) → `[example.com/v1 Widget]`.
 */
export function servedKindsOfCrd(crd: UnstructuredObject): GroupVersionKind[] {
  const spec = (crd['spec'] ?? {}) as CrdSpec;
  const group = spec.group;
  const kind = spec.names?.kind;
  if (typeof group !== 'string' || typeof kind !== 'string') return [];
  return (spec.versions ?? []).flatMap((v) => (v.served === true && typeof v.name === 'string' ? [{ group, version: v.name, kind }] : []));
}
