// Runs the pending tasks of one step, as gitops-engine's `runTasks`: prunes first, then deletes hooks
// that must be re-created, then applies kind by kind; each outcome is recorded as a ResourceResult.
import { isPruneTask } from '../plan-types.js';
import type { PruneTask, SyncTask } from '../plan-types.js';
import { errorMessage, isNotFound } from './api-error.js';
import type { RunContext } from './run-context.js';
import { isHookTask, kubectlRef, recordResult } from './task-results.js';
import { liveOf, prepareObject, targetOf } from './task-objects.js';

/** gitops-engine's tri-state outcome of running tasks. */
export type RunState = 'successful' | 'pending' | 'failed';

const CRD_GROUP = 'apiextensions.k8s.io';

function isCrd(task: SyncTask): boolean {
  return task.key.group === CRD_GROUP && task.key.kind === 'CustomResourceDefinition';
}

/** Whether this sync creates `namespace` (CreateNamespace, or a Namespace among the manifests). */
export function createdBySync(ctx: RunContext, namespace: string): boolean {
  return ctx.plan.tasks.some((t) => t.key.group === '' && t.key.kind === 'Namespace' && t.key.name === namespace && t.action !== 'prune' && t.action !== 'prune-skipped');
}

/**
 * Whether a failed dry run may be ignored: the API said "not found" and either the object's kind comes
 * with this sync (`SkipDryRunOnMissingResource`, which the planner also sets when the sync carries the
 * CRD) or its namespace does.
 */
export function dryRunSkippable(ctx: RunContext, task: SyncTask, error: unknown): boolean {
  if (isPruneTask(task) || !isNotFound(error)) return false;
  return task.options.skipDryRunOnMissingResource || (task.key.namespace !== '' && createdBySync(ctx, task.key.namespace));
}

async function prune(ctx: RunContext, task: PruneTask, dryRun: boolean): Promise<boolean> {
  if (task.action === 'prune-skipped') {
    recordResult(ctx.results, task, { status: 'PruneSkipped', hookPhase: 'Succeeded', message: task.reason ?? 'ignored (no prune)' });
    return true;
  }
  if (dryRun) {
    recordResult(ctx.results, task, { status: 'Pruned', hookPhase: 'Succeeded', message: 'pruned (dry run)' });
    return true;
  }
  // An object already being deleted is not deleted again, so that resumed steps do not hot-loop.
  const deleting = liveOf(task, ctx.objects)?.metadata.deletionTimestamp;
  try {
    if (deleting === undefined) await ctx.call(() => ctx.ports.delete(task.key, { propagationPolicy: task.options.propagationPolicy }));
  } catch (error) {
    if (!isNotFound(error)) {
      recordResult(ctx.results, task, { status: 'SyncFailed', hookPhase: 'Failed', message: errorMessage(error) });
      return false;
    }
  }
  recordResult(ctx.results, task, { status: 'Pruned', hookPhase: 'Succeeded', message: 'pruned' });
  return true;
}

/**
 * Deletes the live objects of pending `BeforeHookCreation` hooks. Returns `pending` while any is still
 * there (the hook is created on a later step, once it is gone), `failed` when a delete failed.
 */
async function deleteBeforeCreation(ctx: RunContext, tasks: readonly SyncTask[]): Promise<RunState> {
  let state: RunState = 'successful';
  for (const task of tasks) {
    if (!isHookTask(task) || !task.hook.deletePolicies.includes('BeforeHookCreation')) continue;
    try {
      const live = await ctx.call(() => ctx.ports.get(task.key));
      if (live === undefined) continue;
      if (live.metadata.deletionTimestamp === undefined) await ctx.call(() => ctx.ports.delete(task.key, { propagationPolicy: ctx.plan.options.prunePropagationPolicy }));
      if (state === 'successful') state = 'pending';
    } catch (error) {
      if (isNotFound(error)) continue;
      recordResult(ctx.results, task, { hookPhase: 'Error', message: `failed to delete resource: ${errorMessage(error)}` });
      state = 'failed';
    }
  }
  return state;
}

async function create(ctx: RunContext, task: SyncTask, dryRun: boolean): Promise<boolean> {
  if (isPruneTask(task)) return true;
  const target = targetOf(task, ctx.objects, ctx.destinationNamespace);
  if (target === undefined) {
    recordResult(ctx.results, task, { status: 'SyncFailed', hookPhase: 'Failed', message: `${kubectlRef(task.key)} not found in the rendered manifests` });
    return false;
  }
  const obj = prepareObject(task, target, ctx.tracking);
  const options = task.options;
  const ref = kubectlRef(task.key);
  try {
    if (dryRun) {
      await ctx.call(() => ctx.ports.dryRun(obj, options));
      recordResult(ctx.results, task, { status: 'Synced', hookPhase: 'Succeeded', message: `${ref} configured (server dry run)` });
      return true;
    }
    const existed = liveOf(task, ctx.objects) !== undefined;
    await ctx.call(() => (isHookTask(task) ? ctx.ports.createHook(obj, options) : ctx.ports.apply(obj, options)));
    recordResult(ctx.results, task, { status: 'Synced', hookPhase: 'Running', message: `${ref} ${existed ? 'configured' : 'created'}` });
    if (task.action === 'create-namespace' && task.managedNamespaceMetadata !== undefined && ctx.state.syncResult !== undefined) {
      ctx.state.syncResult.managedNamespaceMetadata = task.managedNamespaceMetadata;
    }
    return true;
  } catch (error) {
    if (dryRun && dryRunSkippable(ctx, task, error)) {
      recordResult(ctx.results, task, { status: 'Synced', hookPhase: 'Succeeded', message: `${ref} dry run skipped (missing resource)` });
      return true;
    }
    recordResult(ctx.results, task, { status: 'SyncFailed', hookPhase: 'Failed', message: errorMessage(error) });
    return false;
  }
}

/** Applies kind by kind in plan order; after CRDs, discovery is refreshed so their kinds can be applied. */
async function createAll(ctx: RunContext, tasks: readonly SyncTask[], dryRun: boolean): Promise<boolean> {
  let ok = true;
  for (const [index, task] of tasks.entries()) {
    ok = (await create(ctx, task, dryRun)) && ok;
    const next = tasks[index + 1];
    const crdsDone = isCrd(task) && (next === undefined || !isCrd(next));
    if (crdsDone && !dryRun) {
      // Like gitops-engine's ensureCRDReady, a failure here only delays: the CRs fail and are retried.
      await ctx.call(() => ctx.ports.refreshDiscovery()).catch(() => undefined);
    }
  }
  return ok;
}

/**
 * Runs the pending `tasks` of one step: waits for `Prune=confirm` approval (message, `pending`); prunes
 * (`prune-skipped` only records PruneSkipped); deletes existing `BeforeHookCreation` hooks and stops there
 * (`pending`) until they are gone; then applies and creates hooks. In a dry run every write is a server
 * dry run and nothing is deleted.
 */
export async function runTasks(ctx: RunContext, tasks: readonly SyncTask[], dryRun: boolean): Promise<RunState> {
  const prunes = tasks.filter(isPruneTask);
  const creates = tasks.filter((task) => !isPruneTask(task));
  const awaiting = ctx.plan.awaitingConfirmation;
  if (awaiting !== undefined && prunes.some((task) => task.requiresConfirmation === true)) {
    ctx.state.message = awaiting.message;
    return 'pending';
  }
  let ok = true;
  for (const task of prunes) ok = (await prune(ctx, task, dryRun)) && ok;
  if (!ok) return 'failed';
  if (!dryRun) {
    const deletion = await deleteBeforeCreation(ctx, creates);
    if (deletion !== 'successful') return deletion;
  }
  return (await createAll(ctx, creates, dryRun)) ? 'successful' : 'failed';
}
