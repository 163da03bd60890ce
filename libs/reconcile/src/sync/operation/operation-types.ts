// The executor's ports and the inputs and outputs of one step. The worker implements the ports against
// a cluster; the executor itself stays pure and keeps all of its progress in Argo's OperationState.
import type { Application, OperationState, RevisionHistory, UnstructuredObject } from '@driftless/api';
import type { SharedResourceWarning, TrackingOptions } from '../../match/index.js';
import type { ApplyOptions, PlanKey, PlanResource } from '../plan-types.js';
import type { PrunePropagationPolicy } from '../sync-options.js';

/**
 * What the executor asks of the destination cluster. Failures are thrown: `@driftless/api` errors
 * (ConflictError, UnavailableError, InvalidInputError, PermissionDeniedError, NotFoundError) or any error
 * with a numeric HTTP `code` (see `SyncApiError`). 409, 429, 5xx and timeouts are retried within the
 * step; anything else fails the task with the error's message.
 */
export interface ClusterPorts {
  /** Server-side dry run of what `apply` (or `createHook`) would do with these options; changes nothing. */
  dryRun(obj: UnstructuredObject, options: ApplyOptions): Promise<void>;
  /** Applies (or replaces, creates, force-applies, as `options` say) and returns the live object. */
  apply(obj: UnstructuredObject, options: ApplyOptions): Promise<UnstructuredObject>;
  /**
   * Creates a hook. A hook that already exists (a named hook without `BeforeHookCreation`) is applied
   * over, as Argo CD's `kubectl apply` does. Returns the live object.
   */
  createHook(obj: UnstructuredObject, options: ApplyOptions): Promise<UnstructuredObject>;
  /** Deletes; a missing object rejects with a 404 (the executor treats that as done). */
  delete(key: PlanKey, options: { propagationPolicy: PrunePropagationPolicy }): Promise<void>;
  /** Reads the live object, fresh from the API server; `undefined` when it does not exist. */
  get(key: PlanKey): Promise<UnstructuredObject | undefined>;
  /** Refreshes discovery after CRDs were applied; resolves once their kinds are served. */
  refreshDiscovery(): Promise<void>;
}

/** Time and waiting, as ports so that tests control them. */
export interface SyncClock {
  now(): Date;
  /** Waits between tries of a transient API error. */
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1) for retry jitter. @defaultValue `Math.random` */
  random?(): number;
}

/** Everything one step may touch. */
export interface SyncPorts extends ClusterPorts {
  clock: SyncClock;
}

/** Knobs of the executor; all optional. */
export interface StepOptions {
  /** Fail a Running operation this long after `startedAt` (Argo's `controller.sync.timeout.seconds`). @defaultValue no timeout */
  operationTimeoutMs?: number;
  /** Requeue delay while waiting for health, hooks or deletions. @defaultValue 2000 */
  pollIntervalMs?: number;
  /** Tries per API call on transient errors. @defaultValue 4 */
  transientAttempts?: number;
  /** First wait between those tries. @defaultValue 250 */
  transientBaseMs?: number;
  /** The name tracking ids carry (`<namespace>_<name>` outside the control namespace). @defaultValue `app.metadata.name` */
  appName?: string;
  /** The installation's tracking method and instance label. @defaultValue annotation tracking */
  tracking?: TrackingOptions;
}

/**
 * The inputs of one step. Every step recomputes the plan from these, so they must describe the cluster
 * now: the caller re-renders (at `status.operationState.syncResult.revision` once the operation has
 * started, from `operation.sync.source(s)` when they override the spec) and re-matches before each call.
 */
export interface StepInput {
  /** The Application: `spec`, `operation`, `metadata.annotations`, `status.operationState`, `status.history`. */
  app: Application;
  /** Matched pairs with comparison status, as `planSync` takes them. */
  resources: readonly PlanResource[];
  /** Rendered hooks kept out of matching (`matchResources(...).hooks`). */
  hooks?: readonly UnstructuredObject[];
  /** The resolved revision the objects were rendered from (first source's for multi-source apps). */
  revision: string;
  /** Resolved revisions per source (multi-source apps). */
  revisions?: string[];
  /** `matchResources(...).warnings`, for `FailOnSharedResource`. */
  sharedResourceWarnings?: readonly SharedResourceWarning[];
  options?: StepOptions;
}

/** What one step did. */
export interface StepResult {
  /** The state to save into `status.operationState` (it alone carries the progress). */
  state: OperationState;
  /** The operation is over (Succeeded, Failed or Error): clear `operation`. */
  done: boolean;
  /** Call again after this long (waiting for health, hooks, deletions or a retry backoff). */
  requeueAfterMs?: number;
  /** On success of a recordable sync: the entry to add with `appendHistory` (its `id` already next). */
  historyEntry?: RevisionHistory;
}
