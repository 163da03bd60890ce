// One sync job: runs the app's operation through the step machine, saving `status.operationState` after
// every step, until it is over or has to wait (health, hooks, a retry backoff) — then the job is delayed.
import type { Application, Operation, OperationState, RevisionHistory } from '@driftless/api';
import { appendHistory, retryWaitMs, scheduleRetry, stepSync } from '@driftless/reconcile';
import type { ClusterPorts, StepInput, StepOptions, StepResult, SyncClock } from '@driftless/reconcile';
import { operationPending } from '../applications/app-triggers.js';
import type { AppKey, AppWriter } from '../applications/app-writer.js';
import { replacingPatch } from '../status/replacing-patch.js';
import { statusEvents } from '../status/status-events.js';
import type { AppEvent } from '../status/status-events.js';

/** The objects of one step, rendered at the operation's revision and matched against the live state. */
export type SyncObjects = Omit<StepInput, 'app' | 'options'>;

/** The engine's answer: the objects, or why they cannot be had (the operation then fails with it). */
export type PreparedSync = ({ readonly ok: true } & SyncObjects) | { readonly ok: false; readonly message: string };

/** Everything a sync job uses. */
export interface SyncDeps {
  readonly writer: AppWriter;
  /** Renders and matches `app` for the operation (engine `prepareSync`). */
  readonly prepare: (app: Application, state: OperationState | undefined) => Promise<PreparedSync>;
  /** The destination cluster's ports; rejects when the cluster cannot be reached or is not registered. */
  readonly ports: (app: Application) => Promise<ClusterPorts>;
  readonly clock: SyncClock;
  readonly publish: (events: readonly AppEvent[]) => Promise<void>;
  /** Asked once an operation is over, so the status shows its result. */
  readonly requestRefresh: (key: AppKey) => Promise<void>;
  readonly stepOptions?: StepOptions;
  /** Steps run back to back before the job yields its slot. @defaultValue 50 */
  readonly maxSteps?: number;
}

/** What the job should do next. */
export interface SyncOutcome {
  readonly done: boolean;
  /** Run again after this long (the operation waits). */
  readonly requeueAfterMs?: number;
  readonly phase?: OperationState['phase'];
  /** Identifies the operation in logs: when it started, and the revision it syncs. */
  readonly operation?: { readonly startedAt: string; readonly revision?: string };
}

/**
 * Runs steps of `key`'s operation. Each step starts from the Application read afresh (its saved state is
 * the only progress record, so a worker that died mid-step is simply repeated by the next one). An
 * Application with nothing to run ends the job.
 */
export async function processSync(key: AppKey, deps: SyncDeps): Promise<SyncOutcome> {
  for (let step = 0; step < (deps.maxSteps ?? 50); step++) {
    const app = await deps.writer.get(key);
    if (app === undefined || !operationPending(app)) return { done: true };
    const result = await runStep(app, deps);
    if (!(await save(key, app, result, deps))) return { done: true };
    const operation = { startedAt: result.state.startedAt, ...(result.state.syncResult?.revision === undefined ? {} : { revision: result.state.syncResult.revision }) };
    if (result.done) {
      await deps.requestRefresh(key);
      return { done: true, phase: result.state.phase, operation };
    }
    if ((result.requeueAfterMs ?? 0) > 0) return { done: false, requeueAfterMs: result.requeueAfterMs ?? 0, phase: result.state.phase, operation };
  }
  return { done: false, requeueAfterMs: 0 };
}

// A step, or the operation failed up front when its objects or its cluster cannot be had.
async function runStep(app: Application, deps: SyncDeps): Promise<StepResult> {
  const saved = app.status?.operationState;
  const running = saved !== undefined && (saved.phase === 'Running' || saved.phase === 'Terminating') ? saved : undefined;
  // A retry still in its backoff waits before anything is rendered (a failing render would count again).
  const waitMs = running === undefined ? 0 : retryWaitMs(running, deps.clock.now());
  if (running !== undefined && waitMs > 0) return { state: running, done: false, requeueAfterMs: waitMs };
  const prepared = await deps.prepare(app, running);
  if (!prepared.ok) return failed(app, running, prepared.message, deps.clock.now());
  let ports: ClusterPorts;
  try {
    ports = await deps.ports(app);
  } catch (error) {
    return failed(app, running, error instanceof Error ? error.message : String(error), deps.clock.now());
  }
  const { ok: _ok, ...objects } = prepared;
  return stepSync({ app, ...objects, ...(deps.stepOptions === undefined ? {} : { options: deps.stepOptions }) }, { ...ports, clock: deps.clock });
}

/**
 * The operation failed before a step could run (its objects or cluster could not be had). Like any failed
 * attempt it is retried under `operation.retry` (a watch hiccup or an unreachable repository passes).
 */
function failed(app: Application, running: OperationState | undefined, message: string, now: Date): StepResult {
  const operation = running?.operation ?? app.operation;
  if (operation === undefined) throw new Error(`application ${app.metadata.name ?? ''} has no operation to fail`);
  // The revision it meant to sync is recorded, so automated sync knows this revision was attempted.
  const syncResult = running?.syncResult ?? intendedResult(app, operation);
  const state: OperationState = { ...running, operation, phase: 'Failed', message, startedAt: running?.startedAt ?? now.toISOString(), finishedAt: now.toISOString(), ...(syncResult === undefined ? {} : { syncResult }) };
  const retryAfterMs = scheduleRetry(state, now);
  return retryAfterMs === undefined ? { state, done: true } : { state, done: false, requeueAfterMs: retryAfterMs };
}

function intendedResult(app: Application, operation: Operation): OperationState['syncResult'] {
  const sync = operation.sync;
  if (sync?.revision === undefined && sync?.revisions === undefined) return undefined;
  const sources = sync.sources ?? app.spec.sources;
  const source = sync.source ?? app.spec.source;
  return {
    revision: sync.revision ?? sync.revisions?.[0] ?? '',
    ...(sync.revisions === undefined ? {} : { revisions: sync.revisions }),
    ...(sources !== undefined && sources.length > 0 ? { sources } : source === undefined ? {} : { source }),
  };
}

/**
 * Saves one step's state. A `Terminating` written meanwhile (by a user) is not overwritten by a Running
 * state: the next step reads it and terminates. When the operation is over, `operation` is cleared with
 * the final state (see AppWriter.patchStatusAndOperation for the order when that takes two writes).
 */
async function save(key: AppKey, before: Application, result: StepResult, deps: SyncDeps): Promise<boolean> {
  const current = await deps.writer.get(key);
  if (current === undefined) return false;
  if (current.status?.operationState?.phase === 'Terminating' && result.state.phase === 'Running') return true;
  const history = result.historyEntry === undefined ? undefined : withEntry(current, result.historyEntry);
  const status = { operationState: result.state, ...(history === undefined ? {} : { history }) };
  // A merge patch merges nested objects: fields of the previous state the new one lacks (the last
  // attempt's finishedAt, say) are removed explicitly, or the saved state would be a mix of both.
  const patch = { ...status, operationState: replacingPatch(current.status?.operationState, result.state) };
  const clear = result.done && current.operation !== undefined;
  if (!(await (clear ? deps.writer.patchStatusAndOperation(key, patch, null) : deps.writer.patchStatus(key, patch)))) return false;
  await deps.publish(statusEvents(key, before.status, { ...before.status, ...status }, deps.clock.now().toISOString()));
  return true;
}

function withEntry(app: Application, entry: RevisionHistory): RevisionHistory[] {
  return appendHistory(app.status?.history, entry, app.spec.revisionHistoryLimit ?? undefined);
}
