// Health of one live resource: deletion first, then a custom (Lua) result, then the built-in check.
import { BUILTIN_HEALTH_CHECKS } from './checks/builtin-checks.js';
import { field } from './fields.js';
import { groupKindKey } from './group-kind.js';
import type { HealthStatus, PlainObject } from './types.js';

/** Options of `resourceHealth`. */
export interface ResourceHealthOptions {
  /**
   * The result of a custom health check already run for this object (see `createLuaHealthRunner`,
   * `customHealthScript`). When present it overrides the built-in check, as argocd-cm
   * customizations override gitops-engine's checks.
   * @defaultValue undefined — use the built-in check
   */
  custom?: HealthStatus;
}

/**
 * Health of `obj` with Argo CD's rules, synchronously and without throwing:
 * - an object with `metadata.deletionTimestamp` is Progressing "Pending deletion", unless Argo's hook
 *   finalizer holds it (a finished hook awaiting cleanup keeps its own health);
 * - else `options.custom` when given;
 * - else the built-in check for its `group/kind`; a check that throws yields Unknown with the
 *   error's message;
 * - a kind without a check has no health: `undefined` (not an error).
 */
export function resourceHealth(obj: PlainObject, options: ResourceHealthOptions = {}): HealthStatus | undefined {
  const deletion = field(obj, 'metadata', 'deletionTimestamp');
  if (deletion !== undefined && deletion !== null && !hasHookFinalizer(obj)) {
    return { status: 'Progressing', message: 'Pending deletion' };
  }
  if (options.custom) return options.custom;
  const check = BUILTIN_HEALTH_CHECKS.get(groupKindKey(obj));
  if (!check) return undefined;
  try {
    return check(obj);
  } catch (error) {
    return { status: 'Unknown', message: error instanceof Error ? error.message : String(error) };
  }
}

/** The finalizer Argo CD puts on hooks so they are deleted only after their phase (gitops-engine `HookFinalizer`). */
export const HOOK_FINALIZER = 'argocd.argoproj.io/hook-finalizer';

function hasHookFinalizer(obj: PlainObject): boolean {
  const finalizers = field(obj, 'metadata', 'finalizers');
  return Array.isArray(finalizers) && finalizers.includes(HOOK_FINALIZER);
}
