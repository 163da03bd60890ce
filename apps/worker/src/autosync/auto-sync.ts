// Whether a refreshed application is synced automatically now, and with which operation: Argo CD's `autoSync`
// and self-heal backoff (controller/appcontroller.go), as a pure function of the app, the refresh and the clock.

import { applicationSources, hasMultipleSources } from '@driftless/api';
import type {
  Application,
  ApplicationCondition,
  ApplicationSource,
  Operation,
  OperationState,
  ResourceStatus,
  SyncOperation,
  SyncOperationResource,
  SyncStatus,
} from '@driftless/api';

/**
 * What the refresh just found. `RefreshResult` of `@driftless/reconcile` fits as it is.
 * `resources` carry each managed resource's `status` and `requiresPruning`.
 */
export interface AutoSyncInput {
  sync: SyncStatus;
  resources: readonly ResourceStatus[];
  conditions?: readonly ApplicationCondition[];
  /**
   * Argo's `revisionsMayHaveChanges`: false when the resolved revision moved but the rendered manifests are the
   * same (manifest-generate-paths), so only the sources, not the revisions, decide "already attempted".
   * @defaultValue true
   */
  revisionsMayHaveChanges?: boolean;
}

/** Exponential backoff between self-heal attempts (`--self-heal-backoff-*` of the application controller). */
export interface SelfHealBackoff {
  /** First delay (`controller.self.heal.backoff.timeout.seconds`). */
  timeoutSeconds: number;
  /** Multiplier per attempt (`controller.self.heal.backoff.factor`). */
  factor: number;
  /** Upper bound of one delay; 0 = none (`controller.self.heal.backoff.cap.seconds`). */
  capSeconds: number;
}

/** Controller-wide self-heal settings; the defaults are Argo CD 3.x's. */
export interface AutoSyncOptions {
  /**
   * Exponential backoff; `null` switches it off (Argo: `--self-heal-backoff-timeout-seconds=0`) and the fixed
   * `selfHealTimeoutSeconds` applies instead.
   * @defaultValue {@link DEFAULT_SELF_HEAL_BACKOFF} (2 s, ×3, cap 300 s)
   */
  selfHealBackoff?: SelfHealBackoff | null;
  /**
   * Fixed wait after the last operation finished (`--self-heal-timeout-seconds`); used only without backoff.
   * @defaultValue 0 (Argo 3.x; Argo 2.x defaulted to 5)
   */
  selfHealTimeoutSeconds?: number;
  /**
   * Argo 3.0–3.2's `--self-heal-backoff-cooldown-seconds` (330 there): the attempts count restarts at 0 once the
   * last operation succeeded at least this long ago. Argo 3.3 deprecated it without effect, so it is off by default.
   * @defaultValue undefined (3.3 behaviour: the count carries until a new revision or a non-self-heal operation)
   */
  selfHealBackoffCooldownSeconds?: number;
}

export type AutoSyncDecision =
  /** Write `operation` to the Application; `message` is Argo's event text. */
  | { kind: 'sync'; operation: Operation; selfHeal: boolean; message: string }
  /** Nothing to do; `condition` (SyncError), when present, belongs in `status.conditions`. */
  | { kind: 'skip'; reason: string; condition?: ApplicationCondition }
  /** Self-heal backoff not over: refresh again after `retryAfterMs`, then decide again. */
  | { kind: 'wait'; reason: string; retryAfterMs: number };

/** Argo 3.x defaults of `--self-heal-backoff-timeout-seconds`, `-factor` and `-cap-seconds`. */
export const DEFAULT_SELF_HEAL_BACKOFF: SelfHealBackoff = { timeoutSeconds: 2, factor: 3, capSeconds: 300 };

/** Retry strategy Argo puts on automated operations when `spec.syncPolicy.retry` is unset. */
const DEFAULT_AUTOMATED_RETRY = { limit: 5 };

/** Decides Argo CD's automated sync for `app` after a refresh that found `compared`, at time `now`. */
export function decideAutoSync(app: Application, compared: AutoSyncInput, now: Date, options: AutoSyncOptions = {}): AutoSyncDecision {
  const policy = app.spec.syncPolicy;
  const automated = policy?.automated;
  // Argo 3.1+: `enabled: false` keeps the block (prune, selfHeal…) but turns automation off; unset means on.
  if (automated === undefined || automated.enabled === false) return skip('automated sync is not enabled');
  if (app.operation !== undefined) return skip('another operation is in progress');
  if (app.metadata.deletionTimestamp !== undefined) return skip('deletion in progress');
  // Synced needs nothing, Unknown means the comparison itself failed: only OutOfSync is acted upon.
  if (compared.sync.status !== 'OutOfSync') return skip(`application status is ${compared.sync.status}`);
  // Driftless addition: a partial comparison failure can still report OutOfSync; syncing a state we could not
  // fully compare is what Argo's "applications in an error state will not attempt automated sync" rules out.
  const comparisonError = compared.conditions?.find((c) => c.type === 'ComparisonError' || c.type === 'InvalidSpecError');
  if (comparisonError !== undefined) return skip(`application has comparison errors: ${comparisonError.message}`);

  const prune = automated.prune === true;
  if (!prune) {
    // Every difference is an extra live object: a sync without prune would change nothing, forever.
    const pruneOnly = compared.resources.every((r) => r.status === 'Synced' || r.requiresPruning === true);
    if (pruneOnly) return skip('need to prune extra resources only but automated prune is disabled');
  }

  const multiSource = hasMultipleSources(app.spec);
  const desiredRevisions = multiSource ? [...(compared.sync.revisions ?? [])] : [compared.sync.revision ?? ''];
  const target = desiredRevisions.join(', ');
  const sync: SyncOperation = {};
  // Go's omitempty: Argo writes only the non-zero fields, so an unset field means "as the spec says".
  if (compared.sync.revision) sync.revision = compared.sync.revision;
  if (prune) sync.prune = true;
  if (policy?.syncOptions !== undefined && policy.syncOptions.length > 0) sync.syncOptions = [...policy.syncOptions];
  if (compared.sync.revisions !== undefined && compared.sync.revisions.length > 0) sync.revisions = [...compared.sync.revisions];
  const operation: Operation = {
    sync,
    initiatedBy: { automated: true },
    retry: policy?.retry ?? DEFAULT_AUTOMATED_RETRY,
  };

  const opState = app.status?.operationState;
  const attempt = alreadyAttemptedSync(app, desiredRevisions, multiSource, compared.revisionsMayHaveChanges ?? true);
  let selfHeal = false;
  if (attempt.attempted && opState !== undefined) {
    // Argo names the revisions of the last sync; one that left no result is named by the desired ones.
    const attempted = attempt.revisions.length > 0 ? attempt.revisions.join(', ') : target;
    // Argo never retries on its own what already failed for these revisions and sources: the operation's
    // retry policy had its chance; a new commit, a spec change or a manual sync moves it on.
    if (opState.phase !== 'Succeeded') {
      return {
        kind: 'skip',
        reason: `Skipping auto-sync: failed previous sync attempt to ${attempted}`,
        condition: { type: 'SyncError', message: `Failed last sync attempt to ${attempted}: ${opState.message ?? ''}` },
      };
    }
    // Without self-heal a drift of the live state alone never triggers a sync (no endless loop on
    // resources that stay OutOfSync after apply).
    if (automated.selfHeal !== true) return skip(`most recent sync already to ${target}`);

    const attempts = carriedSelfHealAttempts(opState, now, options);
    const remainingMs = selfHealRemainingMs(opState, attempts, now, options);
    if (remainingMs > 0) {
      const timeout = formatSeconds((options.selfHealTimeoutSeconds ?? 0) * 1000);
      return {
        kind: 'wait',
        reason: `Skipping auto-sync: already attempted sync to ${attempted} with timeout ${timeout} (retrying in ${formatSeconds(remainingMs)})`,
        retryAfterMs: remainingMs,
      };
    }
    selfHeal = true;
    sync.autoHealAttemptsCount = attempts + 1;
    // Self-heal re-applies only what drifted. Argo names kind, group and name, not the namespace.
    const drifted = compared.resources.filter((r) => r.status !== 'Synced').map(toSyncResource);
    if (drifted.length > 0) sync.resources = drifted;
  }

  if (prune && automated.allowEmpty !== true) {
    // Everything left is to be pruned: an empty render (wrong path, broken generator) would delete the whole app.
    if (compared.resources.every((r) => r.requiresPruning === true)) {
      const message = `Skipping sync attempt to ${target}: auto-sync will wipe out all resources`;
      return { kind: 'skip', reason: message, condition: { type: 'SyncError', message } };
    }
  }

  return { kind: 'sync', operation, selfHeal, message: `Initiated automated sync to '${target}'` };
}

/**
 * The delay before self-heal attempt number `attempts + 1`: 0, then `timeout × factor^(n-1)` capped — as
 * `wait.Backoff.Step()` called `attempts` times returns it (2 s, 6 s, 18 s, 54 s, 162 s, 300 s… by default).
 */
export function selfHealBackoffDelayMs(backoff: SelfHealBackoff, attempts: number): number {
  const capMs = backoff.capSeconds * 1000;
  let durationMs = backoff.timeoutSeconds * 1000;
  let steps = attempts;
  let delayMs = 0;
  for (let i = 0; i < attempts; i++) {
    delayMs = durationMs;
    // Once capped, Step() stops multiplying (steps = 0) and keeps returning the cap.
    if (steps < 1) continue;
    steps--;
    if (backoff.factor !== 0) durationMs *= backoff.factor;
    if (capMs > 0 && durationMs > capMs) {
      durationMs = capMs;
      steps = 0;
    }
  }
  return delayMs;
}

/** The most recent sync matched these revisions and sources (Argo's `alreadyAttemptedSync`). */
function alreadyAttemptedSync(
  app: Application,
  desiredRevisions: readonly string[],
  multiSource: boolean,
  revisionsMayHaveChanges: boolean,
): { attempted: boolean; revisions: string[] } {
  const opState = app.status?.operationState;
  if (opState === undefined) return { attempted: false, revisions: [] };
  const result = opState.syncResult;
  if (result === undefined) {
    // A finished operation without a result most likely errored before syncing anything: retrying it
    // automatically would loop; the operation's own retries were already spent.
    return { attempted: isCompleted(opState), revisions: [] };
  }
  const syncedRevisions = multiSource ? [...(result.revisions ?? [])] : [result.revision];
  if (revisionsMayHaveChanges && !sameStrings(syncedRevisions, desiredRevisions)) return { attempted: false, revisions: syncedRevisions };
  // Same revisions: only a source change (path, values, parameters…) makes it a new attempt.
  const sameSources = multiSource
    ? sameJson(app.spec.sources, result.sources)
    : sameJson(applicationSources(app.spec)[0], result.source);
  return { attempted: sameSources, revisions: syncedRevisions };
}

/**
 * Self-heal attempts so far, read from the last operation: a new revision or a manual sync wrote an operation
 * without a count, which is how the backoff restarts (Argo 3.3). With the 3.0–3.2 cooldown, a success older
 * than the cooldown restarts it too.
 */
function carriedSelfHealAttempts(opState: OperationState, now: Date, options: AutoSyncOptions): number {
  const cooldownSeconds = options.selfHealBackoffCooldownSeconds;
  if (cooldownSeconds !== undefined) {
    if (opState.finishedAt === undefined) return 0;
    const sinceMs = now.getTime() - Date.parse(opState.finishedAt);
    if (sinceMs >= cooldownSeconds * 1000 && opState.phase === 'Succeeded') return 0;
  }
  return opState.operation.sync?.autoHealAttemptsCount ?? 0;
}

/** How long self-heal must still wait after the last operation (Argo's `selfHealRemainingBackoff`); ≤ 0: go. */
function selfHealRemainingMs(opState: OperationState, attempts: number, now: Date, options: AutoSyncOptions): number {
  const backoff = options.selfHealBackoff === undefined ? DEFAULT_SELF_HEAL_BACKOFF : options.selfHealBackoff;
  const delayMs = backoff === null ? (options.selfHealTimeoutSeconds ?? 0) * 1000 : selfHealBackoffDelayMs(backoff, attempts);
  // Not finished yet (should not happen without an operation): wait the whole delay.
  if (opState.finishedAt === undefined) return delayMs;
  return delayMs - (now.getTime() - Date.parse(opState.finishedAt));
}

function skip(why: string): AutoSyncDecision {
  return { kind: 'skip', reason: `Skipping auto-sync: ${why}` };
}

function isCompleted(opState: OperationState): boolean {
  return opState.phase === 'Succeeded' || opState.phase === 'Failed' || opState.phase === 'Error';
}

function toSyncResource(r: ResourceStatus): SyncOperationResource {
  const resource: SyncOperationResource = { kind: r.kind ?? '', name: r.name ?? '' };
  if (r.group) resource.group = r.group;
  return resource;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Equality of JSON values as Go compares decoded structs: absent and zero values (omitempty) are alike. */
function sameJson(a: ApplicationSource | readonly ApplicationSource[] | undefined, b: ApplicationSource | readonly ApplicationSource[] | undefined): boolean {
  return JSON.stringify(withoutZeroValues(a)) === JSON.stringify(withoutZeroValues(b));
}

function withoutZeroValues(value: unknown): unknown {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map((v) => withoutZeroValues(v) ?? null);
  if (typeof value === 'object') {
    const kept = Object.entries(value)
      .map(([k, v]) => [k, withoutZeroValues(v)] as const)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return kept.length === 0 ? undefined : Object.fromEntries(kept);
  }
  return value;
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms) / 1000}s`;
}
