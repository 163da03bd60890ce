// The human-readable form of a sync plan: the aligned table the API and CLI show for a dry run.
import { isPruneTask } from './plan-types.js';
import type { SyncPlan, SyncTask } from './plan-types.js';

const HEADER = ['PHASE', 'WAVE', 'ACTION', 'KIND', 'NAMESPACE', 'NAME', 'NOTE'];

function kindOf(task: SyncTask): string {
  return task.key.group === '' ? task.key.kind : `${task.key.kind}.${task.key.group}`;
}

/** Options that differ from plain client-side apply, then hook policies, then Argo's reason. */
function noteOf(task: SyncTask): string {
  const notes: string[] = [];
  if (isPruneTask(task)) {
    if (task.options.pruneLast) notes.push('PruneLast');
    if (task.requiresConfirmation === true) notes.push('requires confirmation');
    if (task.action === 'prune' && task.options.propagationPolicy !== 'foreground') notes.push(`propagation=${task.options.propagationPolicy}`);
  } else {
    if (task.options.serverSideApply) notes.push('ServerSideApply');
    if (task.options.replace) notes.push('Replace');
    if (task.options.force) notes.push('Force');
    if (!task.options.validate) notes.push('Validate=false');
  }
  if (task.action === 'create-hook') notes.push(`delete on ${task.hook.deletePolicies.join(',')}`);
  if (task.reason !== undefined) notes.push(task.reason);
  return notes.join('; ');
}

function row(task: SyncTask): string[] {
  const name = task.key.name || `${task.key.generateName ?? ''}<generated>`;
  return [task.phase, String(task.wave), task.action, kindOf(task), task.key.namespace || '-', name, noteOf(task)];
}

/**
 * Formats a plan as table lines: a header, one row per task in execution order, then the SyncFail hooks,
 * then a line for a pending pruning confirmation. Columns are padded to their widest cell; the last
 * column is not padded, so lines carry no trailing spaces. A plan without tasks yields the header and
 * `(nothing to do)`.
 */
export function formatSyncPlan(plan: SyncPlan): string[] {
  const rows = [HEADER, ...[...plan.tasks, ...plan.syncFailTasks].map(row)];
  const widths = HEADER.map((_, column) => Math.max(...rows.map((cells) => (cells[column] ?? '').length)));
  const lines = rows.map((cells) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
  if (plan.tasks.length + plan.syncFailTasks.length === 0) lines.push('(nothing to do)');
  if (plan.awaitingConfirmation !== undefined) lines.push(plan.awaitingConfirmation.message);
  return lines;
}
