// How a step ends, in gitops-engine's words: waiting messages, deleting finished hooks by their delete
// policy, failing the operation (after its SyncFail hooks), succeeding.
import type { HookDeletePolicy } from '@driftless/api';
import type { SyncTask } from '../plan-types.js';
import { errorMessage, isNotFound } from './api-error.js';
import type { RunContext } from './run-context.js';
import { runTasks } from './run-tasks.js';
import { findResult, isHookTask, progressOf, recordResult, taskProgress, taskRef } from './task-results.js';

/**
 * gitops-engine's `setRunningPhase` message: `waiting for completion of hook batch/Job/migrate`,
 * `waiting for healthy state of apps/Deployment/web and 2 more resources`, `waiting for deletion of ...`.
 */
export function waitingMessage(tasks: readonly SyncTask[], deletion: boolean): string | undefined {
  const [first] = tasks;
  if (first === undefined) return undefined;
  const hook = isHookTask(first);
  const waitingFor = deletion ? 'deletion of' : hook ? 'completion of hook' : 'healthy state of';
  const more = tasks.length - 1;
  return `waiting for ${waitingFor} ${taskRef(first.key)}${more > 0 ? ` and ${more} more ${hook ? 'hooks' : 'resources'}` : ''}`;
}

/** Sets phase Running with a waiting message (unchanged when there is nothing to name). */
export function setWaiting(ctx: RunContext, tasks: readonly SyncTask[], deletion = false): void {
  ctx.state.phase = 'Running';
  ctx.state.message = waitingMessage(tasks, deletion) ?? ctx.state.message;
}

/**
 * Deletes the hooks this operation created that finished and carry `policy` (HookSucceeded on success,
 * HookFailed on failure), as gitops-engine's `deleteHooks`. Already gone counts as deleted; other errors
 * are recorded on the hook. Nothing is deleted in a dry run.
 */
export async function deleteFinishedHooks(ctx: RunContext, tasks: readonly SyncTask[], policy: HookDeletePolicy): Promise<void> {
  if (ctx.plan.dryRun) return;
  for (const task of tasks) {
    if (!isHookTask(task) || !task.hook.deletePolicies.includes(policy)) continue;
    const result = findResult(ctx.results, task);
    const progress = progressOf(result);
    if (result?.status !== 'Synced' || progress === 'running' || progress === 'pending') continue;
    try {
      await ctx.call(() => ctx.ports.delete(task.key, { propagationPolicy: ctx.plan.options.prunePropagationPolicy }));
    } catch (error) {
      if (!isNotFound(error)) recordResult(ctx.results, task, { hookPhase: 'Error', message: `failed to delete resource: ${errorMessage(error)}` });
    }
  }
}

/** `<message>, reason: <task messages>` (gitops-engine `setOperationFailed`'s message factory). */
function withReasons(message: string, tasks: readonly SyncTask[], ctx: RunContext): string {
  const reasons = tasks.flatMap((task) => findResult(ctx.results, task)?.message ?? []);
  return reasons.length > 0 ? `${message}, reason: ${reasons.join(',')}` : message;
}

/** Ends the operation Failed, deleting HookFailed hooks first. */
async function fail(ctx: RunContext, message: string): Promise<void> {
  await deleteFinishedHooks(ctx, [...ctx.plan.tasks, ...ctx.plan.syncFailTasks], 'HookFailed');
  ctx.state.phase = 'Failed';
  ctx.state.message = message;
}

/**
 * Fails the operation (gitops-engine `setOperationFailed`): with no SyncFail hooks, or once they all
 * completed, the phase is Failed with `message, reason: ...`; otherwise the pending SyncFail hooks are
 * created and the operation stays Running until they complete (a failure to create them fails it now).
 */
export async function failOperation(ctx: RunContext, message: string, failedTasks: readonly SyncTask[]): Promise<void> {
  const text = withReasons(message, failedTasks.filter((task) => findResult(ctx.results, task)?.status === 'SyncFailed'), ctx);
  const syncFail = ctx.plan.syncFailTasks;
  const progress = syncFail.map((task) => taskProgress(ctx.results, task));
  if (syncFail.length === 0 || progress.every((p) => p === 'succeeded' || p === 'failed')) return fail(ctx, text);
  const pending = syncFail.filter((_, i) => progress[i] === 'pending');
  if (pending.length > 0 && (await runTasks(ctx, pending, ctx.plan.dryRun)) === 'failed') {
    const failed = pending.filter((task) => findResult(ctx.results, task)?.status === 'SyncFailed');
    return fail(ctx, `${text}\n${withReasons('one or more SyncFail hooks failed', failed, ctx)}`);
  }
  setWaiting(ctx, syncFail.filter((task) => taskProgress(ctx.results, task) === 'running'));
}

/** Ends the operation Succeeded with gitops-engine's message, deleting HookSucceeded hooks first. */
export async function succeed(ctx: RunContext, message: string): Promise<void> {
  await deleteFinishedHooks(ctx, ctx.plan.tasks, 'HookSucceeded');
  ctx.state.phase = 'Succeeded';
  ctx.state.message = message;
}
