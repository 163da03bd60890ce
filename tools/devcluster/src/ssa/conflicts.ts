// Apply conflicts as the API server reports them: the 409 message and the Status details.causes
// (a port of apimachinery managedfields/internal/conflict.go).
import type { ManagerState, Managers } from './managers.js';
import { pathToString } from './path-element.js';
import type { ConflictSets } from './updater.js';

/** One field another manager owns and the apply would change. */
export interface ApplyConflict {
  /** The other manager's name, e.g. `kubectl-client-side-apply`. */
  readonly manager: string;
  readonly operation: 'Apply' | 'Update';
  /** The apiVersion of the other manager's entry. */
  readonly apiVersion: string;
  readonly subresource?: string;
  /** The field as upstream prints it, e.g. `.data.a` or `.spec.containers[name="app"].image`. */
  readonly field: string;
}

/** A StatusCause of the 409 answer: `{type: 'FieldManagerConflict', message: 'conflict with "x" using v1', field: '.data.a'}`. */
export interface ConflictCause {
  readonly type: 'FieldManagerConflict';
  readonly message: string;
  readonly field: string;
}

/** Conflict sets as a flat list, grouped by manager identity (sorted) and in field order within each. */
export function listConflicts(conflicts: ConflictSets, managers: Managers): ApplyConflict[] {
  const out: ApplyConflict[] = [];
  for (const key of [...conflicts.keys()].sort()) {
    const state = managers.get(key) as ManagerState;
    for (const path of conflicts.get(key)?.paths() ?? []) {
      out.push({
        manager: state.identity.manager,
        operation: state.identity.operation,
        apiVersion: state.apiVersion,
        ...(state.identity.subresource === undefined ? {} : { subresource: state.identity.subresource }),
        field: pathToString(path),
      });
    }
  }
  return out;
}

/**
 * The Status message of a 409 apply conflict, as upstream words it:
 * one → `Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .data.a`;
 * several → `Apply failed with 2 conflicts: conflicts with "a" using v1:\n- .data.a\n- .data.b` with
 * one "conflicts with" block per manager.
 */
export function conflictMessage(conflicts: readonly ApplyConflict[]): string {
  const [only] = conflicts;
  if (conflicts.length === 1 && only !== undefined) return `Apply failed with 1 conflict: conflict with ${printManager(only)}: ${only.field}`;
  const byManager = new Map<string, ApplyConflict[]>();
  for (const conflict of conflicts) {
    const label = printManager(conflict);
    byManager.set(label, [...(byManager.get(label) ?? []), conflict]);
  }
  const lines: string[] = [];
  for (const [label, group] of byManager) {
    lines.push(`conflicts with ${label}:`);
    for (const conflict of group) lines.push(`- ${conflict.field}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/** The Status details.causes of a 409 apply conflict, one per field. */
export function conflictCauses(conflicts: readonly ApplyConflict[]): ConflictCause[] {
  return conflicts.map((conflict) => ({ type: 'FieldManagerConflict', message: `conflict with ${printManager(conflict)}`, field: conflict.field }));
}

/** Upstream printManager: `"name"`, plus ` with subresource "s"`, plus ` using <apiVersion>` for Update managers. */
function printManager(conflict: ApplyConflict): string {
  let label = JSON.stringify(conflict.manager);
  if (conflict.subresource !== undefined) label += ` with subresource ${JSON.stringify(conflict.subresource)}`;
  if (conflict.operation === 'Update') label += ` using ${conflict.apiVersion}`;
  return label;
}
