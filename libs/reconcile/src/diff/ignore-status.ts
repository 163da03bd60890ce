// Whether a resource's `status` is left out of the comparison (argocd-cm `resource.compareoptions`
// `ignoreResourceStatusField`), as Argo CD's settings manager turns the option into ignore rules.
import type { CompareOptions } from '@driftless/api';
import type { JsonObject } from './json-value.js';

/** Which resources' `status` is left out of the comparison. */
export type IgnoreStatusMode = NonNullable<CompareOptions['ignoreResourceStatusField']>;

/** The group/kind `crd` mode is about: CustomResourceDefinition objects themselves, not custom resources. */
const CRD = { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' };

/** The field of a CRD Argo CD also ignores in `crd` mode (it is deprecated and the server rewrites it). */
export const CRD_PRESERVE_UNKNOWN_FIELDS = '/spec/preserveUnknownFields';

/**
 * Whether `obj`'s `status` is ignored under `mode`: `all` (Argo CD 3's default) ignores every status, `crd`
 * only that of CustomResourceDefinition objects (Argo CD 2's default: `addStatusOverrideToGK` on
 * `apiextensions.k8s.io/CustomResourceDefinition`), `none` none.
 */
export function ignoresStatus(mode: IgnoreStatusMode | undefined, obj: JsonObject): boolean {
  const effective = mode ?? 'all';
  return effective === 'all' || (effective === 'crd' && isCrd(obj));
}

/** Whether `obj` is a CustomResourceDefinition (any version of `apiextensions.k8s.io`). */
export function isCrd(obj: JsonObject): boolean {
  const apiVersion = obj['apiVersion'];
  return obj['kind'] === CRD.kind && typeof apiVersion === 'string' && apiVersion.startsWith(`${CRD.group}/`);
}
