// The pre-flight dry run before a sync's first write: every object of every phase goes through a server
// dry run, so an invalid object fails the operation before anything in the cluster changes.
import type { UnstructuredObject } from '@driftless/api';
import { isPruneTask } from '../plan-types.js';
import type { SyncTask } from '../plan-types.js';
import { errorMessage } from './api-error.js';
import type { RunContext } from './run-context.js';
import { dryRunSkippable } from './run-tasks.js';
import { kubectlRef, recordResult } from './task-results.js';
import { prepareObject, targetOf } from './task-objects.js';

/** gitops-engine's message when the dry run of any object fails. */
export const DRY_RUN_FAILED = 'one or more objects failed to apply (dry run)';

/**
 * Dry-runs every apply, hook and namespace task (gitops-engine runs `runTasks(tasks, dryRun=true)` while no
 * result is recorded yet). Objects whose kind the sync brings (`skipDryRunOnMissingResource`) are not
 * dry-run; a "not found" for an object whose namespace the sync creates is ignored. Each failure is
 * recorded as SyncFailed with the API's message; returns those messages (empty when all passed).
 */
export async function preflight(ctx: RunContext, tasks: readonly SyncTask[]): Promise<string[]> {
  const failures: string[] = [];
  for (const task of tasks) {
    if (isPruneTask(task) || task.options.skipDryRunOnMissingResource) continue;
    const target = targetOf(task, ctx.objects, ctx.destinationNamespace);
    const message = target === undefined ? `${kubectlRef(task.key)} not found in the rendered manifests` : await dryRun(ctx, task, prepareObject(task, target, ctx.tracking));
    if (message === undefined) continue;
    recordResult(ctx.results, task, { status: 'SyncFailed', hookPhase: 'Failed', message });
    failures.push(message);
  }
  return failures;
}

async function dryRun(ctx: RunContext, task: SyncTask, obj: UnstructuredObject): Promise<string | undefined> {
  if (isPruneTask(task)) return undefined;
  try {
    await ctx.call(() => ctx.ports.dryRun(obj, task.options));
    return undefined;
  } catch (error) {
    return dryRunSkippable(ctx, task, error) ? undefined : errorMessage(error);
  }
}
