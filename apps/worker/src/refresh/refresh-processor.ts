// One refresh job: compare the app, write what changed into its status, take down the refresh annotation,
// publish transitions for the notifier, and hand the result to automated sync.
import { ANNOTATION_REFRESH, ANNOTATION_SKIP_RECONCILE } from '@driftless/api';
import type { Application, ApplicationCondition, ApplicationStatus, Operation } from '@driftless/api';
import type { RefreshOptions, RefreshResult } from '@driftless/reconcile';
import type { DeletionOutcome } from '../applications/app-deletion.js';
import type { AppKey, AppWriter } from '../applications/app-writer.js';
import type { RefreshJobData } from '../queues/worker-queues.js';
import { refreshStatusPatch } from '../status/refresh-status.js';
import { replacingPatch } from '../status/replacing-patch.js';
import { statusEvents } from '../status/status-events.js';
import type { AppEvent } from '../status/status-events.js';

/** How soon a deletion looks again while the app's objects are going, and after a failure. */
const DELETION_POLL_MS = 1000;
const DELETION_RETRY_MS = 10_000;

/** What automated sync decided after a refresh (see autosync/). */
export type AutoSyncOutcome =
  | { readonly kind: 'sync'; readonly operation: Operation }
  | { readonly kind: 'skip'; readonly reason: string; readonly condition?: ApplicationCondition }
  | { readonly kind: 'wait'; readonly reason: string; readonly retryAfterMs: number };

/** Everything a refresh job uses. */
export interface RefreshDeps {
  /** The watched Application (the job carries only its key). */
  readonly app: (key: AppKey) => Application | undefined;
  readonly refresh: (app: Application, options: RefreshOptions) => Promise<RefreshResult>;
  readonly writer: AppWriter;
  readonly publish: (events: readonly AppEvent[]) => Promise<void>;
  /** Automated sync's decision for the refreshed app. @defaultValue never syncs */
  readonly autoSync?: (app: Application, result: RefreshResult) => AutoSyncOutcome;
  /** Runs the decided operation's sync (the operation is already written on the Application). */
  readonly requestSync: (key: AppKey) => Promise<void>;
  /** Carries out the deletion of an app being deleted (its finalizer); absent: such apps are left alone. */
  readonly deleteApp?: (app: Application) => Promise<DeletionOutcome>;
  /** Asks for another refresh later (self-heal backoff, deletion in progress). */
  readonly refreshLater: (key: AppKey, delayMs: number) => Promise<void>;
  /** `timeout.reconciliation`: fetches younger than this are reused by periodic and live-change refreshes. */
  readonly periodMs: number;
  readonly now: () => Date;
}

/** What one refresh did, for logs and tests. */
export interface RefreshOutcome {
  readonly outcome: 'gone' | 'skipped' | 'written' | 'unchanged' | 'deleting';
  readonly deletion?: DeletionOutcome;
  readonly syncStatus?: string;
  /** The compared revision (logged with every refresh). */
  readonly revision?: string;
  readonly health?: string;
  readonly autoSync?: AutoSyncOutcome;
}

/**
 * Refreshes one app. Refreshes reuse a Git fetch younger than a period (Argo's revision cache does the
 * same), except the refresh annotation, which fetches; `hard` (job or annotation) also renders again.
 * The status is written when anything but `reconciledAt` changed, or when `reconciledAt` is older than
 * half a period — the scheduler reads it to know the app was reconciled.
 */
export async function processRefresh(data: RefreshJobData, deps: RefreshDeps): Promise<RefreshOutcome> {
  const key = { namespace: data.namespace, name: data.name };
  const app = deps.app(key);
  if (app === undefined) return { outcome: 'gone' };
  if (app.metadata.deletionTimestamp !== undefined) return deleteApp(key, app, deps);
  if (app.metadata.annotations?.[ANNOTATION_SKIP_RECONCILE] === 'true') return { outcome: 'skipped' };
  const annotation = app.metadata.annotations?.[ANNOTATION_REFRESH];
  // Only an explicit refresh fetches whatever the age of the last fetch (a user who just pushed); the
  // others reuse one younger than a period, as Argo's revision cache does — a missing branch still fetches.
  const cached = data.reason !== 'annotation';
  const result = await deps.refresh(app, { hard: data.hard === true || annotation === 'hard', revisionMaxAgeMs: cached && annotation === undefined ? deps.periodMs : 0 });

  const patch = refreshStatusPatch(app.status, result);
  // Automated sync decides on the status as refreshed; its SyncError (or none) belongs in the same write.
  const autoSync = deps.autoSync?.({ ...app, status: mergeStatus(app.status, patch.status) }, result);
  const fields = withSyncError(patch.status, app.status?.conditions, autoSync);
  const changed = patch.changed || fields !== patch.status;
  const write = changed || isStale(app.status?.reconciledAt, deps.now(), deps.periodMs / 2);
  const operation = autoSync?.kind === 'sync' ? autoSync.operation : undefined;
  if (!(await writeResult(key, write ? ownedFieldsPatch(app.status, fields) : undefined, operation, deps.writer))) return { outcome: 'gone' };
  if (annotation !== undefined) await deps.writer.clearRefreshAnnotation(key);
  await deps.publish(statusEvents(key, app.status, mergeStatus(app.status, fields), result.reconciledAt));

  if (operation !== undefined) await deps.requestSync(key);
  if (autoSync?.kind === 'wait') await deps.refreshLater(key, autoSync.retryAfterMs);
  const revision = result.sync.revision ?? result.sync.revisions?.[0];
  return { outcome: write ? 'written' : 'unchanged', syncStatus: result.sync.status, ...(revision === undefined ? {} : { revision }), health: result.health.status, ...(autoSync === undefined ? {} : { autoSync }) };
}

// The status and the operation automated sync decided, in one write when both (false: the app is gone).
function writeResult(key: AppKey, status: Record<string, unknown> | undefined, operation: Operation | undefined, writer: AppWriter): Promise<boolean> {
  if (status !== undefined && operation !== undefined) return writer.patchStatusAndOperation(key, status, operation);
  if (status !== undefined) return writer.patchStatus(key, status);
  if (operation !== undefined) return writer.setOperation(key, operation);
  return Promise.resolve(true);
}

// One pass of the deletion; while objects remain (or the cluster cannot be read) it comes back later.
async function deleteApp(key: AppKey, app: Application, deps: RefreshDeps): Promise<RefreshOutcome> {
  if (deps.deleteApp === undefined) return { outcome: 'gone' };
  const deletion = await deps.deleteApp(app);
  if (deletion.state === 'waiting' || deletion.state === 'error') await deps.refreshLater(key, deletion.state === 'waiting' ? DELETION_POLL_MS : DELETION_RETRY_MS);
  return { outcome: 'deleting', deletion };
}

function isStale(reconciledAt: string | undefined, now: Date, maxAgeMs: number): boolean {
  const at = reconciledAt === undefined ? Number.NaN : Date.parse(reconciledAt);
  return Number.isNaN(at) || now.getTime() - at >= maxAgeMs;
}

/**
 * The status fields with Argo's `SyncError` from automated sync: set while it refuses (a failed attempt
 * at this revision, a render that would wipe everything), removed otherwise; an unchanged message keeps
 * its transition time. Returns `fields` itself when the conditions do not change.
 */
function withSyncError(fields: Record<string, unknown>, previous: readonly ApplicationCondition[] | undefined, autoSync: AutoSyncOutcome | undefined): Record<string, unknown> {
  const before = previous?.find((c) => c.type === 'SyncError');
  const wanted = autoSync?.kind === 'skip' ? autoSync.condition : undefined;
  if (before?.message === wanted?.message) return fields;
  const others = ((fields['conditions'] ?? []) as ApplicationCondition[]).filter((c) => c.type !== 'SyncError');
  const conditions = wanted === undefined ? others : [...others, wanted];
  return { ...fields, conditions: conditions.length === 0 ? null : conditions };
}

// The owned fields exactly as refreshed: nested fields gone from a value (comparedTo.source after a
// switch to sources, say) are removed, not merged into the old value.
function ownedFieldsPatch(previous: ApplicationStatus | undefined, fields: Record<string, unknown>): Record<string, unknown> {
  const old = previous as Record<string, unknown> | undefined;
  return Object.fromEntries(
    Object.entries(fields).map(([field, value]) => {
      const before = old?.[field];
      const nested = value !== null && typeof value === 'object' && !Array.isArray(value) && before !== null && typeof before === 'object' && !Array.isArray(before);
      return [field, nested ? replacingPatch(before, value) : value];
    }),
  );
}

// The status after a merge patch: `null` removes a field.
function mergeStatus(previous: ApplicationStatus | undefined, patch: Record<string, unknown>): ApplicationStatus {
  const merged: Record<string, unknown> = { ...previous };
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete merged[field];
    else merged[field] = value;
  }
  return merged as ApplicationStatus;
}
