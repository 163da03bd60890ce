// Health with argocd-cm custom Lua checks applied before the built-in ones.
import { field } from './fields.js';
import { groupKindKey } from './group-kind.js';
import { healthScriptFor } from './health-overrides.js';
import type { HealthOverrides } from './health-overrides.js';
import type { LuaHealthRunner } from './lua-health-runner.js';
import { HOOK_FINALIZER, resourceHealth } from './resource-health.js';
import type { HealthStatus, PlainObject } from './types.js';

/** Options of `resourceHealthWithCustomChecks`. */
export interface CustomResourceHealthOptions {
  /**
   * Lua scripts keyed by `group/kind` (see `groupKindKey`): argocd-cm's
   * `resource.customizations.health.argoproj.io_Rollout` becomes `argoproj.io/Rollout`.
   */
  customChecks: ReadonlyMap<string, string>;
  /** Runs the scripts. */
  runner: Pick<LuaHealthRunner, 'check'>;
}

/**
 * `resourceHealth` with a custom check: when a script exists for the object's `group/kind` (and the
 * object is not being deleted) its result — Unknown if it fails — replaces the built-in check.
 * Resolves, never rejects.
 */
export async function resourceHealthWithCustomChecks(
  obj: PlainObject,
  options: CustomResourceHealthOptions,
): Promise<HealthStatus | undefined> {
  const script = options.customChecks.get(groupKindKey(obj));
  const custom = script !== undefined && !deleting(obj) ? await options.runner.check(script, obj) : undefined;
  return resourceHealth(obj, { custom });
}

/** Options of `resourceHealthWithOverrides`. */
export interface ResourceHealthOverridesOptions {
  /** argocd-cm resource customizations (`ArgoCdSettings.resourceOverrides`); only `healthLua` is read. */
  overrides: HealthOverrides;
  /** Runs the scripts (with its time limit). */
  runner: Pick<LuaHealthRunner, 'check'>;
}

/**
 * `resourceHealth` with argocd-cm's custom checks, exact `group/Kind` key before wildcards (see
 * `healthScriptFor`): a custom script replaces the built-in check; a script that fails, times out or
 * returns no valid `hs` yields Unknown with the reason. An object being deleted is Progressing without
 * running anything. Resolves, never rejects.
 */
export async function resourceHealthWithOverrides(obj: PlainObject, options: ResourceHealthOverridesOptions): Promise<HealthStatus | undefined> {
  const script = healthScriptFor(obj, options.overrides);
  const custom = script !== undefined && !deleting(obj) ? await options.runner.check(script, obj) : undefined;
  return resourceHealth(obj, { custom });
}

// Mirrors resourceHealth's own deletion rule, so no script runs for a result that would be discarded.
function deleting(obj: PlainObject): boolean {
  const finalizers = field(obj, 'metadata', 'finalizers');
  return field(obj, 'metadata', 'deletionTimestamp') != null && !(Array.isArray(finalizers) && finalizers.includes(HOOK_FINALIZER));
}
