// Groups a plan's ordered tasks into the steps an executor runs one at a time: each step is one phase and
// wave, and the next starts only when every task of the previous one succeeded (and hooks completed).
import type { SyncPhase } from '@driftless/api';
import type { SyncTask } from './plan-types.js';

/** Tasks of one phase and wave, in plan order. */
export interface SyncStep {
  phase: SyncPhase;
  wave: number;
  tasks: SyncTask[];
}

/**
 * Splits ordered tasks into steps: consecutive tasks with the same phase and wave form one step, as
 * gitops-engine takes "the tasks of the first pending phase and wave" on every pass. Inside a step an
 * executor prunes first, then deletes `BeforeHookCreation` hooks that exist, then applies kind by kind.
 */
export function planSteps(tasks: readonly SyncTask[]): SyncStep[] {
  const steps: SyncStep[] = [];
  for (const task of tasks) {
    const last = steps[steps.length - 1];
    if (last !== undefined && last.phase === task.phase && last.wave === task.wave) last.tasks.push(task);
    else steps.push({ phase: task.phase, wave: task.wave, tasks: [task] });
  }
  return steps;
}
