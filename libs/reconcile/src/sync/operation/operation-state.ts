// The operation's life outside its tasks, as Argo CD's controller runs it: starting or resuming the
// state, the sync result's revision and source, operation retries with backoff, the timeout.
import { InvalidInputError } from '@driftless/api';
import type { Application, OperationPhase, OperationState } from '@driftless/api';
import { errorMessage } from './api-error.js';
import { retryDelayMs, shouldRetry } from './retry.js';
import type { StepInput } from './operation-types.js';

/** Whether a phase ends the operation (Argo `OperationPhase.Completed`). */
export function isCompleted(phase: OperationPhase): boolean {
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Error';
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The state this step works on (a copy): the saved one while it is not completed (Running, Terminating),
 * else a new one for `app.operation` — phase Running, `startedAt` now (Argo `processRequestedAppOperation`).
 * Throws `InvalidInputError` when there is neither.
 */
export function beginState(app: Application, now: Date): OperationState {
  const saved = app.status?.operationState;
  if (saved !== undefined && !isCompleted(saved.phase)) return copy(saved);
  if (app.operation === undefined) throw new InvalidInputError(`application ${app.metadata.name ?? ''} has no operation to run`);
  return { operation: copy(app.operation), phase: 'Running', startedAt: now.toISOString() };
}

/**
 * Starts the sync result once per attempt (Argo `SyncAppState`): the revision(s) being synced and the
 * source(s) — the operation's override (rollback) or the spec's — so resumed steps keep them.
 */
export function ensureSyncResult(state: OperationState, input: StepInput): void {
  if (state.syncResult !== undefined) return;
  const sync = state.operation.sync ?? {};
  const spec = input.app.spec;
  const sources = sync.sources ?? spec.sources;
  const multi = (sources ?? []).length > 0;
  const source = sync.source ?? spec.source;
  state.syncResult = {
    revision: input.revision,
    ...(input.revisions === undefined ? {} : { revisions: [...input.revisions] }),
    ...(multi ? { sources: copy(sources ?? []) } : source === undefined ? {} : { source: copy(source) }),
    resources: [],
  };
}

/**
 * A retry waiting for its backoff is Running with `finishedAt` set. Returns how long to wait still, or
 * clears `finishedAt` and the sync result (the new attempt starts over) and returns 0. The wait is Argo's:
 * `retryDelayMs(retryCount)` after `finishedAt`, with `retryCount` already counting this retry.
 */
export function retryWaitMs(state: OperationState, now: Date): number {
  if (state.phase !== 'Running' || state.finishedAt === undefined) return 0;
  const retryAt = Date.parse(state.finishedAt) + retryDelayMs(state.retryCount ?? 0, state.operation.retry?.backoff);
  const wait = retryAt - now.getTime();
  if (wait > 0) return wait;
  delete state.finishedAt;
  delete state.syncResult;
  return 0;
}

/** Whether a running operation is past its timeout (measured from `startedAt`, across retries, as Argo). */
export function timedOut(state: OperationState, now: Date, timeoutMs: number | undefined): boolean {
  if (timeoutMs === undefined || timeoutMs <= 0) return false;
  return now.getTime() > Date.parse(state.startedAt) + timeoutMs;
}

/** Go's `time.Kitchen` (`3:04PM`), in UTC. */
export function kitchen(date: Date): string {
  const hours = date.getUTCHours();
  const minutes = String(date.getUTCMinutes()).padStart(2, '0');
  return `${hours % 12 === 0 ? 12 : hours % 12}:${minutes}${hours < 12 ? 'AM' : 'PM'}`;
}

/**
 * After a Failed or Error attempt (not a termination), Argo's retry: while `shouldRetry`, the phase goes
 * back to Running with `finishedAt` now, `retryCount` + 1 and "<message>. Retrying attempt #N at 3:04PM.";
 * returns the backoff to wait. Out of retries, "<message> (retried N times)." A malformed backoff fails:
 * "<message> (failed to retry: ...)".
 */
export function scheduleRetry(state: OperationState, now: Date): number | undefined {
  if (state.phase !== 'Failed' && state.phase !== 'Error') return undefined;
  const count = state.retryCount ?? 0;
  const retry = state.operation.retry;
  if (!shouldRetry(count, retry?.limit)) {
    if (count > 0) state.message = `${state.message ?? ''} (retried ${count} times).`;
    return undefined;
  }
  try {
    const wait = retryDelayMs(count + 1, retry?.backoff);
    state.phase = 'Running';
    state.finishedAt = now.toISOString();
    state.retryCount = count + 1;
    state.message = `${state.message ?? ''}. Retrying attempt #${count + 1} at ${kitchen(new Date(now.getTime() + wait))}.`;
    return wait;
  } catch (error) {
    state.phase = 'Failed';
    state.message = `${state.message ?? ''} (failed to retry: ${errorMessage(error)})`;
    return undefined;
  }
}
