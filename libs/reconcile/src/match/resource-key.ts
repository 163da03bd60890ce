// Identity of a Kubernetes object for matching desired against live state: group, kind, namespace, name.

import type { KubeObject } from '@driftless/api';

/** Identifies one object. `group` is `''` for the core group; `namespace` is `''` for cluster-scoped kinds. */
export interface ResourceKey {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/** Tells whether a kind is namespaced; `undefined` when discovery does not know the kind. */
export type IsNamespaced = (group: string, kind: string) => boolean | undefined;

/** The API group of an `apiVersion`: `apps/v1` → `apps`, `v1` → `''`. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/**
 * The key of an object exactly as it carries its namespace (live objects). Never throws; a missing name
 * yields `''`.
 */
export function keyOf(obj: KubeObject): ResourceKey {
  return {
    group: groupOf(obj.apiVersion),
    kind: obj.kind,
    namespace: obj.metadata.namespace ?? '',
    name: obj.metadata.name ?? '',
  };
}

/**
 * The key of a desired object, with Argo's namespace rules: a namespaced kind without a namespace lands in
 * the application's destination namespace; a cluster-scoped kind has no namespace even if the manifest
 * gives one. Kinds discovery does not know keep their namespace, or take the destination's.
 */
export function desiredKeyOf(obj: KubeObject, isNamespaced: IsNamespaced, destinationNamespace: string): ResourceKey {
  const key = keyOf(obj);
  const namespaced = isNamespaced(key.group, key.kind);
  if (namespaced === false) return { ...key, namespace: '' };
  if (key.namespace === '') return { ...key, namespace: destinationNamespace };
  return key;
}

/** A stable string form for maps and messages: `apps/Deployment/default/web`, `/Namespace//team-a`. */
export function formatKey(key: ResourceKey): string {
  return `${key.group}/${key.kind}/${key.namespace}/${key.name}`;
}

/** Whether two keys name the same object. */
export function sameKey(a: ResourceKey, b: ResourceKey): boolean {
  return a.group === b.group && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
}
