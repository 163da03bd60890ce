// Group/version/kind identities and the resource a GVK maps to: the vocabulary of discovery.
import type { KubeObject } from '@driftless/api';

/** A kind in one API group version; `group` is `''` for the core group. */
export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** What discovery knows about one resource of a group version (subresources excluded). */
export interface ApiResource extends GroupVersionKind {
  /** The plural used in URLs, e.g. `deployments`. */
  readonly resource: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
  /** Whether `version` is the group's preferred version. */
  readonly preferred: boolean;
}

/** `v1` for the core group, else `group/version`. */
export function apiVersionOf(gvk: Pick<GroupVersionKind, 'group' | 'version'>): string {
  return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
}

/** Splits an `apiVersion` (`apps/v1`, `v1`) and pairs it with `kind`. */
export function gvkOf(object: Pick<KubeObject, 'apiVersion' | 'kind'>): GroupVersionKind {
  const slash = object.apiVersion.lastIndexOf('/');
  return slash < 0
    ? { group: '', version: object.apiVersion, kind: object.kind }
    : { group: object.apiVersion.slice(0, slash), version: object.apiVersion.slice(slash + 1), kind: object.kind };
}

/** A stable key for maps and status reports: `apps/v1/Deployment`, `v1/ConfigMap`. */
export function gvkKey(gvk: GroupVersionKind): string {
  return `${apiVersionOf(gvk)}/${gvk.kind}`;
}
