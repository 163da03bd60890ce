// The pure sync planner: from matched and compared resources, hooks and the operation's settings to the
// ordered tasks of one sync, following gitops-engine's `getSyncTasks` and Argo CD's controller.
import type { UnstructuredObject } from '@driftless/api';
import { crdKindOf, hookDrafts, isSelected, namespaceDraft, resourceDrafts } from './build-tasks.js';
import type { DraftContext } from './build-tasks.js';
import { confirmationWait, emptySyncFailure, sharedResourceFailure } from './guards.js';
import { isResourceHook } from '../match/hooks.js';
import type { PlanSyncInput, PlanSyncResult, SyncPlan } from './plan-types.js';
import { parseSyncOptions } from './sync-options.js';
import { mirrorPruneWaves, movePruneLast, orderDrafts } from './task-order.js';
import type { Draft } from './task-order.js';

/** Hook objects: the ones given apart, then desired objects of pairs that are hooks, each once. */
function collectHooks(input: PlanSyncInput): UnstructuredObject[] {
  const seen = new Set<string>();
  const hooks: UnstructuredObject[] = [];
  const candidates = [...(input.hooks ?? []), ...input.resources.flatMap((pair) => (pair.target !== undefined && isResourceHook(pair.target) ? [pair.target] : []))];
  for (const hook of candidates) {
    const named = hook.metadata.name ? `${hook.apiVersion}/${hook.kind}/${hook.metadata.namespace ?? ''}/${hook.metadata.name}` : undefined;
    if (named !== undefined && seen.has(named)) continue;
    if (named !== undefined) seen.add(named);
    if (!hooks.includes(hook)) hooks.push(hook);
  }
  return hooks;
}

/** Whether the application's own manifests declare the destination namespace (then CreateNamespace adds nothing). */
function declaresNamespace(input: PlanSyncInput): boolean {
  return input.resources.some((pair) => pair.target !== undefined && pair.key.group === '' && pair.key.kind === 'Namespace' && pair.key.name === input.destinationNamespace);
}

/** Puts the create-namespace task first: Argo CD creates the namespace before even the dry run. */
function namespaceFirst(drafts: Draft[]): Draft[] {
  const ns = drafts.filter((draft) => draft.task.action === 'create-namespace');
  return [...ns, ...drafts.filter((draft) => draft.task.action !== 'create-namespace')];
}

/**
 * Plans one sync. Fails (`ok: false`) only for Argo CD's up-front refusals: `FailOnSharedResource` with a
 * shared resource, and a prune of everything without `allowEmpty`. Otherwise returns the plan:
 * - tasks ordered by phase (PreSync, Sync, PostSync), wave, kind, name; namespaces and CRDs pulled before
 *   their users; prunes at mirrored waves (reverse creation order), `PruneLast` ones in a final wave;
 * - hooks once per phase unless the sync is selective or uses the apply strategy; SyncFail hooks apart;
 * - selective syncs keep only the selected resources; `ApplyOutOfSyncOnly=true` drops Synced resources;
 * - `CreateNamespace=true` adds a first create-namespace task unless the manifests declare the namespace.
 * Never throws, never mutates the input.
 */
export function planSync(input: PlanSyncInput): PlanSyncResult {
  const app = parseSyncOptions(input.syncOptions);
  const refusal = sharedResourceFailure(input, app) ?? emptySyncFailure(input);
  if (refusal !== undefined) return { ok: false, message: refusal };

  const selected = input.selected ?? [];
  const selective = selected.length > 0;
  const skipHooks = selective || input.applyStrategy === true;
  const resources = selective ? input.resources.filter((pair) => isSelected(pair.key, selected)) : input.resources;
  const hooks = skipHooks ? [] : collectHooks(input);
  const desired = [...input.resources.flatMap((pair) => (pair.target === undefined ? [] : [pair.target])), ...hooks];
  const ctx: DraftContext = {
    app,
    prune: input.prune,
    force: input.force === true,
    destinationNamespace: input.destinationNamespace,
    revision: input.revision ?? '',
    ...(input.startedAt === undefined ? {} : { startedAt: input.startedAt }),
    crdKinds: new Set(desired.flatMap((obj) => crdKindOf(obj) ?? [])),
  };

  const drafts = [...resourceDrafts(resources, ctx), ...hookDrafts(hooks, ctx)];
  if (app.createNamespace && input.destinationNamespace !== '' && !declaresNamespace(input)) drafts.push(namespaceDraft(ctx, input.managedNamespaceMetadata));
  mirrorPruneWaves(drafts);
  movePruneLast(drafts);
  orderDrafts(drafts);
  const kept = namespaceFirst(drafts).filter((draft) => !(app.applyOutOfSyncOnly && draft.synced === true));

  const tasks = kept.filter((draft) => draft.task.phase !== 'SyncFail').map((draft) => draft.task);
  const syncFailTasks = kept.filter((draft) => draft.task.phase === 'SyncFail').map((draft) => draft.task);
  const awaiting = confirmationWait(tasks, input.pruneConfirmed === true);
  const dryRun = input.dryRun === true;
  const plan: SyncPlan = {
    ...(input.revision === undefined ? {} : { revision: input.revision }),
    dryRun,
    prune: input.prune,
    selective,
    skipHooks,
    recordHistory: !dryRun && !selective,
    options: app,
    tasks,
    syncFailTasks,
    ...(awaiting === undefined ? {} : { awaitingConfirmation: awaiting }),
  };
  return { ok: true, plan };
}

