// Health with argocd-cm custom Lua checks applied before the built-in ones.
import { field } from './fields.js';
import { groupKindKey } from './group-kind.js';
import type { LuaHealthRunner } from './lua-health-runner.js';
import { resourceHealth } from './resource-health.js';
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
  const deleting = field(obj, 'metadata', 'deletionTimestamp') != null;
  const custom = script !== undefined && !deleting ? await options.runner.check(script, obj) : undefined;
  return resourceHealth(obj, { custom });
}
