// The planner's input and its output: a sync plan of ordered, serialisable tasks that the operation state
// stores and the API and CLI show.
import type {
  HookDeletePolicy,
  HookType,
  ManagedNamespaceMetadata,
  SyncOperationResource,
  SyncPhase,
  SyncStatusCode,
  UnstructuredObject,
} from '@driftless/api';
import type { ResourcePair, SharedResourceWarning } from '../match/index.js';
import type { AppSyncOptions, ConfirmableOption, PrunePropagationPolicy } from './sync-options.js';

/** One managed resource: a matched pair plus its comparison status (`compareResources`), if known. */
export interface PlanResource extends ResourcePair<UnstructuredObject> {
  /** Synced resources are left out under `ApplyOutOfSyncOnly=true`; unknown status counts as out of sync. */
  status?: SyncStatusCode;
}

/** Everything {@link planSync} needs. Pure data: the caller has already rendered, matched and compared. */
export interface PlanSyncInput {
  /** Managed resources (desired, live or both). Pairs whose object is a hook are treated as hooks. */
  resources: readonly PlanResource[];
  /** Rendered hook objects kept out of matching (e.g. several `generateName` hooks of one kind). */
  hooks?: readonly UnstructuredObject[];
  /** `spec.destination.namespace`: where namespace-less hooks land and what `CreateNamespace` creates. */
  destinationNamespace: string;
  /** The operation's `syncOptions` (for automated syncs, the application's `syncPolicy.syncOptions`). */
  syncOptions?: readonly string[];
  /** `spec.syncPolicy.managedNamespaceMetadata`, carried by the create-namespace task. */
  managedNamespaceMetadata?: ManagedNamespaceMetadata;
  /** `operation.sync.prune`: without it extraneous resources are only reported (PruneSkipped). */
  prune: boolean;
  /** `operation.sync.dryRun`: every step is run as a dry run and nothing changes. */
  dryRun?: boolean;
  /** `operation.sync.resources`: selective sync — only these, no hooks, no history entry. */
  selected?: readonly SyncOperationResource[];
  /** `syncStrategy.apply` given: apply only, hooks are not run. */
  applyStrategy?: boolean;
  /** `syncStrategy.(apply|hook).force`: force every apply. */
  force?: boolean;
  /** Allow a sync that would prune every resource (`syncPolicy.automated.allowEmpty`; manual syncs pass true). */
  allowEmpty?: boolean;
  /** Resolved revision being synced; names `generateName` hooks and the guard message. */
  revision?: string;
  /** `operationState.startedAt` (RFC 3339); names `generateName` hooks. */
  startedAt?: string;
  /** Whether `argocd.argoproj.io/deletion-approved` on the Application is at or after `startedAt`. */
  pruneConfirmed?: boolean;
  /** Warnings from `matchResources`; with `FailOnSharedResource=true` any of them fails the plan. */
  sharedResourceWarnings?: readonly SharedResourceWarning[];
}

/** Names the object a task acts on; `generateName` hooks keep their prefix and the name they will get. */
export interface PlanKey {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  /** `''` for a `generateName` hook when no `startedAt` was given: the API server then picks the name. */
  name: string;
  generateName?: string;
}

/** How one object is applied, resolved from the application's options and the object's annotation. */
export interface ApplyOptions {
  serverSideApply: boolean;
  /** `kubectl replace`/`create` instead of apply (CRDs and Namespaces are updated instead). */
  replace: boolean;
  /** Delete and re-create on conflicts. */
  force: boolean;
  validate: boolean;
  /** Skip the dry run when the kind is unknown to the cluster (also set when the sync carries its CRD). */
  skipDryRunOnMissingResource: boolean;
}

/** How one object is pruned. */
export interface PruneOptions {
  propagationPolicy: PrunePropagationPolicy;
  /** Moved to the final wave by `PruneLast=true` (application or resource). */
  pruneLast: boolean;
  /** The resource's `Delete` option (application deletion), carried for the record. */
  delete?: ConfirmableOption;
}

interface TaskBase {
  phase: SyncPhase;
  wave: number;
  key: PlanKey;
  /** Why a task is what it is, in Argo's words, e.g. `ignored (no prune)`. */
  reason?: string;
}

/** Apply a desired resource. */
export interface ApplyTask extends TaskBase {
  action: 'apply';
  options: ApplyOptions;
}

/** Create a hook for one phase (delete policies run by the executor). */
export interface HookTask extends TaskBase {
  action: 'create-hook';
  hook: { types: HookType[]; deletePolicies: HookDeletePolicy[] };
  options: ApplyOptions;
}

/** Delete an extraneous resource, or record that it stays (`prune-skipped`, result PruneSkipped). */
export interface PruneTask extends TaskBase {
  action: 'prune' | 'prune-skipped';
  options: PruneOptions;
  /** `Prune=confirm`: pruning waits for the Application's `argocd.argoproj.io/deletion-approved`. */
  requiresConfirmation?: boolean;
}

/** Create (or label) the destination namespace before anything else (`CreateNamespace=true`). */
export interface CreateNamespaceTask extends TaskBase {
  action: 'create-namespace';
  managedNamespaceMetadata?: ManagedNamespaceMetadata;
  options: ApplyOptions;
}

/** One planned step of work on one object. */
export type SyncTask = ApplyTask | HookTask | PruneTask | CreateNamespaceTask;
/** What a task does. */
export type SyncAction = SyncTask['action'];

/** The ordered work of one sync operation. Plain JSON. */
export interface SyncPlan {
  revision?: string;
  dryRun: boolean;
  prune: boolean;
  /** Selective sync: hooks skipped and no history entry. */
  selective: boolean;
  skipHooks: boolean;
  /** Whether a successful run records a history entry (not for dry runs nor selective syncs). */
  recordHistory: boolean;
  /** The application-level options the executor needs (propagation, RespectIgnoreDifferences, ...). */
  options: AppSyncOptions;
  /** Tasks in execution order; consecutive tasks of one phase and wave form a step. */
  tasks: SyncTask[];
  /** SyncFail hooks, run only when the sync fails. */
  syncFailTasks: SyncTask[];
  /** Set when `Prune=confirm` resources are pruned without approval: the run waits at their step. */
  awaitingConfirmation?: { message: string; keys: PlanKey[] };
}

/** {@link planSync}'s answer: a plan, or why there is none. */
export type PlanSyncResult = { ok: true; plan: SyncPlan } | { ok: false; message: string };

/** Whether a task deletes, or records keeping, an extraneous resource. */
export function isPruneTask(task: SyncTask): task is PruneTask {
  return task.action === 'prune' || task.action === 'prune-skipped';
}
