// Which kinds Driftless watches and manages: argocd-cm `resource.exclusions` / `resource.inclusions` on
// top of the kinds Argo CD always leaves out (Events, metrics, Leases), with Argo's precedence.
import type { FilteredResource } from './argocd-cm.js';

/** Kinds never watched nor managed: high-volume, high-churn metadata (Argo CD's `coreExcludedResources`). */
export const CORE_EXCLUDED_RESOURCES: readonly FilteredResource[] = [
  { apiGroups: ['events.k8s.io', 'metrics.k8s.io'], kinds: [], clusters: [] },
  { apiGroups: [''], kinds: ['Event'], clusters: [] },
  { apiGroups: ['coordination.k8s.io'], kinds: ['Lease'], clusters: [] },
];

/** The two argocd-cm lists. */
export interface ResourceFilter {
  resourceExclusions: readonly FilteredResource[];
  resourceInclusions: readonly FilteredResource[];
}

// Argo matches each list with shell globs (`*`, `?`); an empty list matches everything.
function globListMatches(patterns: readonly string[], value: string): boolean {
  if (patterns.length === 0) return true;
  return patterns.some((pattern) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(value));
}

/** Whether one filter entry covers `group`/`kind` on the cluster with URL `cluster`. */
export function filteredResourceMatches(filter: FilteredResource, group: string, kind: string, cluster: string): boolean {
  return globListMatches(filter.apiGroups, group) && globListMatches(filter.kinds, kind) && globListMatches(filter.clusters, cluster);
}

/**
 * Argo CD's `IsExcludedResource`: excluded when a core or configured exclusion matches; else allowed when
 * an inclusion matches; else excluded when any inclusion names this cluster (inclusions are then a
 * whitelist); else allowed.
 * Example: with `resource.inclusions: [{apiGroups: ['apps'], clusters: ['https://a']}]`, ConfigMaps are
 * excluded on `https://a` and allowed on `https://b`.
 */
export function isExcludedResource(filter: ResourceFilter, group: string, kind: string, cluster: string): boolean {
  const excluded = [...CORE_EXCLUDED_RESOURCES, ...filter.resourceExclusions];
  if (excluded.some((f) => filteredResourceMatches(f, group, kind, cluster))) return true;
  if (filter.resourceInclusions.some((f) => filteredResourceMatches(f, group, kind, cluster))) return false;
  return filter.resourceInclusions.some((f) => globListMatches(f.clusters, cluster));
}
