// The sync executor: one bounded step of a sync operation per call. Every call re-plans from the
// operation and the current objects and reads what is done from `syncResult.resources`, as gitops-engine's
// `SyncContext.Sync()` does, so a process that dies between two steps resumes from the saved state.
import type { OperationState } from '@driftless/api';
import { planSteps } from '../plan-steps.js';
import type { SyncTask } from '../plan-types.js';
import { errorMessage } from './api-error.js';
import { historyEntryFor } from './history.js';
import { observeRunning } from './observe.js';
import { beginState, ensureSyncResult, isCompleted, retryWaitMs, scheduleRetry, timedOut } from './operation-state.js';
import type { StepInput, StepResult, SyncPorts } from './operation-types.js';
import { failOperation, setWaiting, succeed } from './outcome.js';
import { DRY_RUN_FAILED, preflight } from './preflight.js';
import { createRunContext, planOperation, propagationPolicyOf, transientCall } from './run-context.js';
import type { RunContext } from './run-context.js';
import { runTasks } from './run-tasks.js';
import { terminate } from './terminate.js';
import { findResult, isHookTask, taskProgress } from './task-results.js';
import { liveOf } from './task-objects.js';

/** Requeue delay while waiting, unless the step options say otherwise. */
export const DEFAULT_POLL_INTERVAL_MS = 2_000;

/** Prunes done whose object is still being deleted (foreground deletion): the next wave waits for them. */
function pendingDeletion(ctx: RunContext): SyncTask[] {
  return ctx.plan.tasks.filter((task) => task.action === 'prune' && findResult(ctx.results, task)?.status === 'Pruned' && liveOf(task, ctx.objects)?.metadata.deletionTimestamp !== undefined);
}

/** One pass of gitops-engine's `Sync()` over a planned operation; changes `ctx.state`. */
async function syncPass(ctx: RunContext): Promise<void> {
  const { plan } = ctx;
  const all = [...plan.tasks, ...plan.syncFailTasks];
  if (ctx.results.length === 0 && !plan.dryRun) {
    const failures = await preflight(ctx, all);
    if (failures.length > 0) {
      ctx.state.phase = 'Failed';
      ctx.state.message = `${DRY_RUN_FAILED}, reason: ${failures.join(',')}`;
      return;
    }
  }
  if (!plan.dryRun) await observeRunning(ctx, all);
  const progress = (task: SyncTask): string => taskProgress(ctx.results, task);
  // gitops-engine waits for the health of applied resources only when the sync has several steps.
  const multiStep = planSteps(all).length > 1;
  const running = all.filter((task) => (multiStep || isHookTask(task)) && progress(task) === 'running');
  if (running.length > 0) return setWaiting(ctx, running);
  const deleting = pendingDeletion(ctx);
  if (deleting.length > 0) return setWaiting(ctx, deleting, true);
  const failed = plan.tasks.filter((task) => progress(task) === 'failed');
  if (failed.length > 0) return failOperation(ctx, 'one or more synchronization tasks completed unsuccessfully', failed);
  const pending = plan.tasks.filter((task) => progress(task) === 'pending');
  const [step] = planSteps(pending);
  if (step === undefined) return succeed(ctx, 'successfully synced (no more tasks)');
  // Non-hook tasks of the last step do not hold the operation: it succeeds once they are applied.
  const remaining = pending.filter((task) => !step.tasks.includes(task) || isHookTask(task));
  ctx.state.phase = 'Running';
  ctx.state.message = 'one or more tasks are running';
  const outcome = await runTasks(ctx, step.tasks, plan.dryRun);
  if (outcome === 'failed') return failOperation(ctx, 'one or more objects failed to apply', step.tasks);
  if (outcome === 'pending') {
    if (ctx.state.message !== plan.awaitingConfirmation?.message) setWaiting(ctx, step.tasks.filter(isHookTask), true);
    return;
  }
  if (remaining.length === 0) return succeed(ctx, 'successfully synced (all tasks run)');
  setWaiting(ctx, remaining);
}

/** Plans and runs one pass; a plan refused up front fails the operation with the planner's message. */
async function runOperation(input: StepInput, ports: SyncPorts, state: OperationState): Promise<{ state: OperationState; recordHistory: boolean }> {
  const planned = planOperation(input, state);
  if (!planned.ok) return { state: { ...state, phase: 'Failed', message: planned.message }, recordHistory: false };
  ensureSyncResult(state, input);
  const ctx = createRunContext(input, ports, planned.plan, state);
  await syncPass(ctx);
  return { state: ctx.state, recordHistory: planned.plan.recordHistory };
}

/** Ends a step: retry policy, `finishedAt`, the history entry and when to call again. */
function finish(input: StepInput, state: OperationState, now: Date, extra: { terminated?: boolean; recordHistory?: boolean }): StepResult {
  const retryMs = extra.terminated === true ? undefined : scheduleRetry(state, now);
  const done = isCompleted(state.phase);
  if (done) state.finishedAt = now.toISOString();
  const history = state.phase === 'Succeeded' && extra.recordHistory === true ? historyEntryFor(state, input.app.status?.history, now.toISOString()) : undefined;
  return {
    state,
    done,
    ...(done ? {} : { requeueAfterMs: retryMs ?? input.options?.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS }),
    ...(history === undefined ? {} : { historyEntry: history }),
  };
}

/**
 * Advances the operation of `input.app` by one bounded step and returns the state to save:
 * - no running state → a new one (phase Running, `startedAt` now) for `app.operation`;
 * - phase Terminating, or past `options.operationTimeoutMs` → running hooks deleted, Failed
 *   "Operation terminated" (not retried);
 * - a retry waiting for its backoff → unchanged, `requeueAfterMs` the rest of the wait;
 * - first pass of an attempt → server dry run of every object; any failure → Failed, nothing written;
 * - then, as gitops-engine: running tasks are re-read (hooks complete or fail, resources turn healthy or
 *   degraded); while any runs → Running "waiting for ..."; a failed task → SyncFail hooks, then Failed;
 *   otherwise the next step (phase and wave) with pending tasks runs; nothing left → Succeeded;
 * - Failed or Error with `operation.retry` left → Running again after the backoff (`retryCount` + 1).
 * On success of a non-dry, non-selective sync `historyEntry` is set. API errors are retried within the
 * step when transient; an unexpected error ends the operation in phase Error.
 */
export async function stepSync(input: StepInput, ports: SyncPorts): Promise<StepResult> {
  const now = ports.clock.now();
  const begun = beginState(input.app, now);
  const call = transientCall(input, ports);
  if (begun.phase === 'Terminating' || timedOut(begun, now, input.options?.operationTimeoutMs)) {
    return finish(input, await terminate(begun, ports, propagationPolicyOf(input, begun), call), now, { terminated: true });
  }
  const waitMs = retryWaitMs(begun, now);
  if (waitMs > 0) return { state: begun, done: false, requeueAfterMs: waitMs };
  try {
    const { state, recordHistory } = await runOperation(input, ports, begun);
    return finish(input, state, now, { recordHistory });
  } catch (error) {
    return finish(input, { ...begun, phase: 'Error', message: errorMessage(error) }, now, {});
  }
}
