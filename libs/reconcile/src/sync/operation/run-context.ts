// What every part of one step shares: the recomputed plan, the working operation state and its results,
// the rendered and live objects, and the ports wrapped in transient-error retries.
import type { Application, OperationState, ResourceResult } from '@driftless/api';
import { isDeletionApproved } from '../guards.js';
import { planSync } from '../plan-sync.js';
import type { PlanSyncResult, SyncPlan } from '../plan-types.js';
import { parseSyncOptions } from '../sync-options.js';
import type { PrunePropagationPolicy } from '../sync-options.js';
import { withTransientRetry } from './retry.js';
import type { StepInput, SyncPorts } from './operation-types.js';
import { indexObjects } from './task-objects.js';
import type { TaskObjects, Tracking } from './task-objects.js';

/** The Application annotation approving `Prune=confirm` deletions (Argo CD `AnnotationDeletionApproved`). */
export const ANNOTATION_DELETION_APPROVED = 'argocd.argoproj.io/deletion-approved';

/** The state of one step, mutated as it runs; the step returns `state`. */
export interface RunContext {
  input: StepInput;
  ports: SyncPorts;
  plan: SyncPlan;
  state: OperationState;
  /** `state.syncResult.resources`, the only record of progress. */
  results: ResourceResult[];
  objects: TaskObjects;
  tracking: Tracking;
  destinationNamespace: string;
  /** Runs one API call, retrying transient errors with jitter. */
  call<T>(fn: () => Promise<T>): Promise<T>;
}

/**
 * Plans the operation as Argo CD's controller sets up gitops-engine: the operation's sync options (else
 * the application's), prune/dryRun/resources/strategy from the operation, `allowEmpty` only guarding
 * automated syncs, hooks named from the operation's revision and `startedAt`.
 */
export function planOperation(input: StepInput, state: OperationState): PlanSyncResult {
  const app: Application = input.app;
  const sync = state.operation.sync ?? {};
  const policy = app.spec.syncPolicy;
  const automated = state.operation.initiatedBy?.automated === true;
  const strategy = sync.syncStrategy;
  return planSync({
    resources: input.resources,
    ...(input.hooks === undefined ? {} : { hooks: input.hooks }),
    destinationNamespace: app.spec.destination.namespace ?? '',
    ...((sync.syncOptions ?? policy?.syncOptions) === undefined ? {} : { syncOptions: sync.syncOptions ?? policy?.syncOptions }),
    ...(policy?.managedNamespaceMetadata === undefined ? {} : { managedNamespaceMetadata: policy.managedNamespaceMetadata }),
    prune: sync.prune === true,
    dryRun: sync.dryRun === true,
    ...(sync.resources === undefined ? {} : { selected: sync.resources }),
    applyStrategy: strategy?.apply !== undefined,
    force: strategy?.apply?.force === true || strategy?.hook?.force === true,
    allowEmpty: automated ? policy?.automated?.allowEmpty === true : true,
    revision: state.syncResult?.revision ?? input.revision,
    startedAt: state.startedAt,
    pruneConfirmed: isDeletionApproved(app.metadata.annotations?.[ANNOTATION_DELETION_APPROVED], state.startedAt),
    ...(input.sharedResourceWarnings === undefined ? {} : { sharedResourceWarnings: input.sharedResourceWarnings }),
  });
}

/** The delete propagation of the operation's sync options (`PrunePropagationPolicy`, default foreground). */
export function propagationPolicyOf(input: StepInput, state: OperationState): PrunePropagationPolicy {
  return parseSyncOptions(state.operation.sync?.syncOptions ?? input.app.spec.syncPolicy?.syncOptions).prunePropagationPolicy;
}

/** Builds the context of one step around a planned operation; `state.syncResult` must exist. */
export function createRunContext(input: StepInput, ports: SyncPorts, plan: SyncPlan, state: OperationState): RunContext {
  const syncResult = state.syncResult ?? { revision: input.revision };
  syncResult.resources ??= [];
  state.syncResult = syncResult;
  const options = input.options ?? {};
  return {
    input,
    ports,
    plan,
    state,
    results: syncResult.resources,
    objects: indexObjects(input.resources, input.hooks),
    tracking: { appName: options.appName ?? input.app.metadata.name ?? '', options: options.tracking ?? {} },
    destinationNamespace: input.app.spec.destination.namespace ?? '',
    call: transientCall(input, ports),
  };
}

/** Wraps API calls in retries of transient errors, with the step's options and the clock's jitter and sleep. */
export function transientCall(input: StepInput, ports: SyncPorts): <T>(fn: () => Promise<T>) => Promise<T> {
  const options = input.options ?? {};
  const retry = {
    attempts: options.transientAttempts ?? 4,
    baseMs: options.transientBaseMs ?? 250,
    jitter: () => (ports.clock.random ?? Math.random)(),
    sleep: (ms: number) => ports.clock.sleep(ms),
  };
  return (fn) => withTransientRetry(fn, retry);
}
