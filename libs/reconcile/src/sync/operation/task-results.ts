// Derives each task's progress from the ResourceResults recorded in the operation state, and records
// new ones. This is how a resumed step knows what is done: nothing else is saved between steps.
import type { HookType, OperationPhase, ResourceResult, ResultCode } from '@driftless/api';
import type { HookTask, PlanKey, SyncTask } from '../plan-types.js';

/** Where a task stands, as gitops-engine reads `ResourceResult.hookPhase` (its `operationState`). */
export type TaskProgress = 'pending' | 'running' | 'succeeded' | 'failed';

/** Whether the task creates a hook. */
export function isHookTask(task: SyncTask): task is HookTask {
  return task.action === 'create-hook';
}

/** The recorded result of `task`: same group, kind, namespace, name and sync phase (gitops-engine `resultKey`). */
export function findResult(results: readonly ResourceResult[], task: SyncTask): ResourceResult | undefined {
  const { group, kind, namespace, name } = task.key;
  return results.find((r) => r.group === group && r.kind === kind && r.namespace === namespace && r.name === name && r.syncPhase === task.phase);
}

/**
 * Progress from a result: none → pending; `hookPhase` Running (or Pending, Terminating) → running,
 * Succeeded → succeeded, Failed or Error → failed. Without a hook phase the status decides: SyncFailed
 * failed, Pruned and PruneSkipped succeeded, Synced running.
 */
export function progressOf(result: ResourceResult | undefined): TaskProgress {
  if (result === undefined) return 'pending';
  switch (result.hookPhase) {
    case 'Succeeded':
      return 'succeeded';
    case 'Failed':
    case 'Error':
      return 'failed';
    case undefined:
      break;
    default:
      return 'running';
  }
  if (result.status === 'SyncFailed') return 'failed';
  if (result.status === 'Pruned' || result.status === 'PruneSkipped') return 'succeeded';
  return result.status === 'Synced' ? 'running' : 'pending';
}

/** Progress of `task` in `results`. */
export function taskProgress(results: readonly ResourceResult[], task: SyncTask): TaskProgress {
  return progressOf(findResult(results, task));
}

/** What a task's outcome changes in its result. */
export interface ResultUpdate {
  status?: ResultCode;
  hookPhase: OperationPhase;
  message?: string;
}

/**
 * Records an outcome (gitops-engine `setResourceResult`): updates the task's result in place, keeping the
 * last non-empty message and the status when none is given, or appends a new result in execution order.
 * Hooks carry their phase as `hookType`.
 */
export function recordResult(results: ResourceResult[], task: SyncTask, update: ResultUpdate): void {
  const existing = findResult(results, task);
  if (existing !== undefined) {
    if (update.status !== undefined) existing.status = update.status;
    existing.hookPhase = update.hookPhase;
    if (update.message !== undefined && update.message !== '') existing.message = update.message;
    return;
  }
  const { group, version, kind, namespace, name } = task.key;
  results.push({
    group,
    version,
    kind,
    namespace,
    name,
    ...(update.status === undefined ? {} : { status: update.status }),
    ...(update.message === undefined || update.message === '' ? {} : { message: update.message }),
    ...(isHookTask(task) ? { hookType: task.phase as HookType } : {}),
    hookPhase: update.hookPhase,
    syncPhase: task.phase,
  });
}

/** The key of a recorded result, for reading or deleting its object. */
export function resultKey(result: ResourceResult): PlanKey {
  return { group: result.group, version: result.version, kind: result.kind, namespace: result.namespace, name: result.name };
}

/** `group/kind/name`, as gitops-engine names tasks in its messages. */
export function taskRef(key: PlanKey): string {
  return `${key.group}/${key.kind}/${key.name}`;
}

/** kubectl's way of naming an object in its output: `deployment.apps/web`, `configmap/cm`. */
export function kubectlRef(key: PlanKey): string {
  return `${key.kind.toLowerCase()}${key.group === '' ? '' : `.${key.group}`}/${key.name}`;
}
