// Per-resource sync behaviour: how an object is applied and whether and how an extraneous one is pruned,
// from the application's options overridden by the object's own `argocd.argoproj.io/sync-options`.
import type { KubeObject } from '@driftless/api';
import type { ApplyOptions, PruneOptions } from './plan-types.js';
import { hasResourceOption, resourceOptionValue } from './sync-options.js';
import type { AppSyncOptions, ConfirmableOption } from './sync-options.js';

const CONFIRMABLE: readonly string[] = ['true', 'false', 'confirm'];

/**
 * How `target` is applied (gitops-engine `applyObject`, `processCreateTasks`, `getSyncTasks`):
 * - ServerSideApply: the object's `ServerSideApply=false` wins, else application or object `=true`;
 * - Replace: the object's `Replace=false` wins, else application, target or live `Replace=true`;
 * - Force: the sync strategy's force, or `Force=true` on target or live;
 * - Validate: off when the application or the target says `Validate=false`;
 * - SkipDryRunOnMissingResource: application, target, or the sync carries the CRD of the object's kind.
 * The executor must still apply client-side during dry runs, as Argo CD does.
 */
export function applyOptionsFor(target: KubeObject, live: KubeObject | undefined, app: AppSyncOptions, force: boolean, crdInSync: boolean): ApplyOptions {
  const either = (option: string): boolean => hasResourceOption(target, option) || hasResourceOption(live, option);
  return {
    serverSideApply: !hasResourceOption(target, 'ServerSideApply=false') && (app.serverSideApply || hasResourceOption(target, 'ServerSideApply=true')),
    replace: !hasResourceOption(target, 'Replace=false') && (app.replace || either('Replace=true')),
    force: force || either('Force=true'),
    validate: app.validate && !hasResourceOption(target, 'Validate=false'),
    skipDryRunOnMissingResource: app.skipDryRunOnMissingResource || hasResourceOption(target, 'SkipDryRunOnMissingResource=true') || crdInSync,
  };
}

/** A resource's own `Prune`/`Delete` value when valid, else the application's default. */
function confirmable(live: KubeObject, key: 'Prune' | 'Delete', fallback: ConfirmableOption | undefined): ConfirmableOption | undefined {
  const own = resourceOptionValue(live, key);
  return own !== undefined && CONFIRMABLE.includes(own) ? (own as ConfirmableOption) : fallback;
}

/** How an extraneous `live` object is deleted: propagation policy, PruneLast and its Delete option. */
export function pruneOptionsFor(live: KubeObject, app: AppSyncOptions): PruneOptions {
  const del = confirmable(live, 'Delete', app.delete);
  return {
    propagationPolicy: app.prunePropagationPolicy,
    pruneLast: app.pruneLast || hasResourceOption(live, 'PruneLast=true'),
    ...(del === undefined ? {} : { delete: del }),
  };
}

/** Whether an extraneous object is deleted, and Argo's reason when it is not. */
export interface PruneDecision {
  action: 'prune' | 'prune-skipped';
  reason?: string;
  requiresConfirmation?: boolean;
}

/**
 * Decides one prune (gitops-engine `pruneObject` and `runTasks`): without `prune` on the operation the
 * object stays (`ignored (requires pruning)`); with `Prune=false` — the object's annotation, else the
 * application's default — it stays (`ignored (no prune)`); with `Prune=confirm` it is pruned once the
 * deletion is approved.
 */
export function pruneDecision(live: KubeObject, app: AppSyncOptions, prune: boolean): PruneDecision {
  if (!prune) return { action: 'prune-skipped', reason: 'ignored (requires pruning)' };
  const option = confirmable(live, 'Prune', app.prune);
  if (option === 'false') return { action: 'prune-skipped', reason: 'ignored (no prune)' };
  return option === 'confirm' ? { action: 'prune', requiresConfirmation: true } : { action: 'prune' };
}
