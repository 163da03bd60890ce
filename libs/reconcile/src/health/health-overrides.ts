// Which argocd-cm custom health check applies to an object: `resource.customizations.health.<group_kind>`
// for its exact group/kind first, then wildcard keys, as Argo CD's Lua VM (`GetHealthScript`) looks it up.
import { BUILTIN_HEALTH_CHECKS } from './checks/builtin-checks.js';
import { groupKindKey } from './group-kind.js';
import type { PlainObject } from './types.js';

/** The health part of one resource customization; `ResourceOverride` of `@driftless/api` fits. */
export interface HealthOverride {
  healthLua?: string;
  useOpenLibs?: boolean;
}

/** Customizations keyed `group/Kind`, `Kind` for the core group, wildcards like `*.example.com/*` allowed. */
export type HealthOverrides = Readonly<Record<string, HealthOverride>>;

/**
 * The Lua script for `obj`: the override keyed exactly by its `group/Kind` when it has a non-empty
 * `healthLua`, else the first (in key order) wildcard key whose glob matches `group/Kind` and has one,
 * else `undefined`. Argo CD picks among several matching wildcards in map order, which is random; sorting
 * makes the choice stable.
 */
export function healthScriptFor(obj: PlainObject, overrides: HealthOverrides): string | undefined {
  const key = groupKindKey(obj);
  const exact = overrides[key]?.healthLua;
  if (exact !== undefined && exact !== '') return exact;
  const wildcard = Object.keys(overrides)
    .filter((pattern) => pattern.includes('*') && globMatch(pattern, key))
    .sort()
    .map((pattern) => overrides[pattern]?.healthLua)
    .find((script) => script !== undefined && script !== '');
  return wildcard;
}

/**
 * Whether a missing object of this kind counts for the application's health (Argo CD's
 * `setApplicationHealth`): it has a built-in check, or argocd-cm has any customization under its exact
 * `group/Kind` key (Argo looks the key up in the whole override map, wildcards not included).
 */
export function hasHealthCheck(obj: PlainObject, overrides: HealthOverrides = {}): boolean {
  const key = groupKindKey(obj);
  return BUILTIN_HEALTH_CHECKS.has(key) || Object.hasOwn(overrides, key);
}

// `*` matches any run of characters, `/` included, as Argo's `glob.Match` without separators.
function globMatch(pattern: string, value: string): boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`).test(value);
}
