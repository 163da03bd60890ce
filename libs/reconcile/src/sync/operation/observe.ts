// Updates running tasks from their live objects, as gitops-engine does at the start of every pass:
// hooks complete when healthy and fail when degraded; applied resources succeed once healthy.
import type { OperationPhase, UnstructuredObject } from '@driftless/api';
import { resourceHealth } from '../../health/index.js';
import type { SyncTask } from '../plan-types.js';
import type { RunContext } from './run-context.js';
import { findResult, isHookTask, progressOf, recordResult } from './task-results.js';

/**
 * A hook's phase from its live object (gitops-engine `getOperationPhase`): Healthy or no health check →
 * Succeeded; Degraded or Unknown → Failed; Progressing or Suspended → Running; the health message, or
 * `<name> created`.
 */
export function hookPhaseOf(live: UnstructuredObject): { phase: OperationPhase; message: string } {
  const health = resourceHealth(live);
  const message = health?.message ?? `${live.metadata.name ?? ''} created`;
  switch (health?.status) {
    case 'Degraded':
    case 'Unknown':
      return { phase: 'Failed', message };
    case 'Progressing':
    case 'Suspended':
      return { phase: 'Running', message };
    default:
      return { phase: 'Succeeded', message };
  }
}

/** A resource's phase from its health: Healthy or none → Succeeded, Degraded → Failed, else still running. */
function resourcePhaseOf(live: UnstructuredObject): { phase: OperationPhase; message?: string } | undefined {
  const health = resourceHealth(live);
  if (health === undefined) return { phase: 'Succeeded' };
  if (health.status === 'Healthy') return { phase: 'Succeeded', ...(health.message === undefined ? {} : { message: health.message }) };
  if (health.status === 'Degraded') return { phase: 'Failed', ...(health.message === undefined ? {} : { message: health.message }) };
  return undefined;
}

/**
 * Reads the live object of every running task and records its new hook phase. An object that cannot be
 * read, or is not there, leaves its task running (a later step looks again, the timeout ends the wait).
 */
export async function observeRunning(ctx: RunContext, tasks: readonly SyncTask[]): Promise<void> {
  for (const task of tasks) {
    if (progressOf(findResult(ctx.results, task)) !== 'running') continue;
    const live = await ctx.call(() => ctx.ports.get(task.key)).catch(() => undefined);
    if (live === undefined) continue;
    const update = isHookTask(task) ? hookPhaseOf(live) : resourcePhaseOf(live);
    if (update !== undefined) recordResult(ctx.results, task, { hookPhase: update.phase, ...(update.message === undefined ? {} : { message: update.message }) });
  }
}
