// Deployment history (`status.history`) and rollback: a successful sync appends an entry, capped by
// `revisionHistoryLimit`; a rollback is a sync to an entry's source and revision (Argo CD's server).
import { ConflictError, InvalidInputError } from '@driftless/api';
import type { Application, Operation, OperationState, RevisionHistory } from '@driftless/api';

/** Argo CD's default `spec.revisionHistoryLimit`. */
export const DEFAULT_REVISION_HISTORY_LIMIT = 10;

/** The id the next entry gets: the last entry's id + 1, or 0 for an empty history (Argo CD `persistRevisionHistory`). */
export function nextHistoryId(history: readonly RevisionHistory[] | undefined): number {
  const last = history?.[history.length - 1];
  return last === undefined ? 0 : last.id + 1;
}

/**
 * Appends `entry` with the next id and keeps the newest `limit` entries (Argo CD `RevisionHistories.Trunc`;
 * a limit of 0 keeps none). Returns a new array; `history` is not changed.
 */
export function appendHistory(history: readonly RevisionHistory[] | undefined, entry: Omit<RevisionHistory, 'id'>, limit = DEFAULT_REVISION_HISTORY_LIMIT): RevisionHistory[] {
  const all = [...(history ?? []), { ...entry, id: nextHistoryId(history) }];
  return all.slice(Math.max(0, all.length - Math.max(0, limit)));
}

/**
 * The history entry of a successful sync: revision(s) and source(s) from `syncResult`, `deployedAt`
 * now, `deployStartedAt` the operation's start, `initiatedBy` from the operation; `id` next after `history`.
 */
export function historyEntryFor(state: OperationState, history: readonly RevisionHistory[] | undefined, deployedAt: string): RevisionHistory {
  const result = state.syncResult;
  return {
    id: nextHistoryId(history),
    ...(result?.revision === undefined || result.revision === '' ? {} : { revision: result.revision }),
    ...(result?.revisions === undefined ? {} : { revisions: [...result.revisions] }),
    deployedAt,
    deployStartedAt: state.startedAt,
    ...(result?.source === undefined ? {} : { source: result.source }),
    ...(result?.sources === undefined ? {} : { sources: result.sources }),
    ...(state.operation.initiatedBy === undefined ? {} : { initiatedBy: state.operation.initiatedBy }),
  };
}

/** Options of a rollback, as `argocd app rollback` takes them. */
export interface RollbackOptions {
  dryRun?: boolean;
  prune?: boolean;
  /** Who asks (`initiatedBy.username`). */
  username?: string;
}

/**
 * The operation rolling `app` back to history entry `historyId` (Argo CD server `Rollback`): a sync to the
 * entry's revision(s) and source(s), with the application's sync options and the apply strategy (hooks do
 * not run). Throws `ConflictError` when automated sync is enabled ("rollback cannot be initiated when
 * auto-sync is enabled") or the entry has no source, `InvalidInputError` when there is no such entry.
 */
export function rollbackOperation(app: Application, historyId: number, options: RollbackOptions = {}): Operation {
  const automated = app.spec.syncPolicy?.automated;
  if (automated !== undefined && automated.enabled !== false) throw new ConflictError('rollback cannot be initiated when auto-sync is enabled');
  const entry = app.status?.history?.find((h) => h.id === historyId);
  if (entry === undefined) throw new InvalidInputError(`application ${app.metadata.name ?? ''} does not have deployment with id ${historyId}`);
  if (entry.source === undefined && (entry.sources ?? []).length === 0) {
    throw new ConflictError('cannot rollback to revision deployed with Argo CD v0.11 or lower. sync to revision instead.');
  }
  const syncOptions = app.spec.syncPolicy?.syncOptions;
  return {
    sync: {
      ...(entry.revision === undefined ? {} : { revision: entry.revision }),
      ...(entry.revisions === undefined ? {} : { revisions: [...entry.revisions] }),
      dryRun: options.dryRun === true,
      prune: options.prune === true,
      ...(syncOptions === undefined ? {} : { syncOptions: [...syncOptions] }),
      syncStrategy: { apply: {} },
      ...(entry.source === undefined ? {} : { source: entry.source }),
      ...(entry.sources === undefined ? {} : { sources: entry.sources }),
    },
    initiatedBy: options.username === undefined ? {} : { username: options.username },
  };
}
