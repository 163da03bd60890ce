// What the controller observed and did for an Application: sync and health, the running or last operation,
// history, conditions and the managed resources. Shapes follow Argo CD's ApplicationStatus.

import type { ApplicationSource, SourceType } from './application-source.js';
import type { ApplicationDestination, ManagedNamespaceMetadata, ResourceIgnoreDifferences } from './application.js';
import type { Operation, OperationInitiator } from './application-operation.js';
import type { Timestamp } from './kube-object.js';

/** Whether live state equals the desired state. */
export type SyncStatusCode = 'Synced' | 'OutOfSync' | 'Unknown';
/** Health of a resource or of the application as a whole (the worst of its resources). */
export type HealthStatusCode = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';
/** Phase of an operation; `Failed`/`Error`/`Succeeded` are final. */
export type OperationPhase = 'Running' | 'Terminating' | 'Failed' | 'Error' | 'Succeeded';
/** Outcome of syncing one resource. */
export type ResultCode = 'Synced' | 'SyncFailed' | 'Pruned' | 'PruneSkipped';
/** When a hook runs (or `Skip` to never apply it). */
export type HookType = 'PreSync' | 'Sync' | 'PostSync' | 'SyncFail' | 'Skip' | 'PreDelete' | 'PostDelete';
/** Sync phase a resource belongs to. */
export type SyncPhase = 'PreSync' | 'Sync' | 'PostSync' | 'SyncFail';
/** When a finished hook is deleted. */
export type HookDeletePolicy = 'HookSucceeded' | 'HookFailed' | 'BeforeHookCreation';
/** Types of application conditions; `*Error` ones block or fail work, `*Warning` ones inform. */
export type ApplicationConditionType =
  | 'InvalidSpecError'
  | 'UnknownError'
  | 'ComparisonError'
  | 'SyncError'
  | 'DeletionError'
  | 'SharedResourceWarning'
  | 'RepeatedResourceWarning'
  | 'ExcludedResourceWarning'
  | 'OrphanedResourceWarning';

/** Health of one resource or of the application. */
export interface HealthStatus {
  status?: HealthStatusCode;
  message?: string;
  lastTransitionTime?: Timestamp;
}

/** The spec the sync status was computed against. */
export interface ComparedTo {
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  destination: ApplicationDestination;
  ignoreDifferences?: ResourceIgnoreDifferences[];
}

/** Sync status and the revision(s) it was computed for. */
export interface SyncStatus {
  status: SyncStatusCode;
  revision?: string;
  revisions?: string[];
  comparedTo?: ComparedTo;
}

/** Outcome of applying, pruning or running one resource during a sync. */
export interface ResourceResult {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  status?: ResultCode;
  message?: string;
  hookType?: HookType;
  /** Phase of a hook (Running, Succeeded, Failed, ...). */
  hookPhase?: OperationPhase | 'Pending';
  syncPhase?: SyncPhase;
  images?: string[];
}

/** What a sync did. */
export interface SyncOperationResult {
  resources?: ResourceResult[];
  revision: string;
  revisions?: string[];
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  managedNamespaceMetadata?: ManagedNamespaceMetadata;
}

/** Progress of the running operation, or the outcome of the last one. */
export interface OperationState {
  operation: Operation;
  phase: OperationPhase;
  message?: string;
  syncResult?: SyncOperationResult;
  startedAt: Timestamp;
  finishedAt?: Timestamp;
  retryCount?: number;
}

/** One deployed revision, kept for rollbacks. */
export interface RevisionHistory {
  id: number;
  revision?: string;
  revisions?: string[];
  deployedAt: Timestamp;
  deployStartedAt?: Timestamp;
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  initiatedBy?: OperationInitiator;
}

/** A condition users must see: an error that blocks work or a warning. */
export interface ApplicationCondition {
  type: ApplicationConditionType;
  message: string;
  lastTransitionTime?: Timestamp;
}

/** Sync and health of one managed resource. */
export interface ResourceStatus {
  group?: string;
  version?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  status?: SyncStatusCode;
  health?: HealthStatus;
  hook?: boolean;
  requiresPruning?: boolean;
  requiresDeletionConfirmation?: boolean;
  syncWave?: number;
}

/** Images and external URLs found in the live resources. */
export interface ApplicationSummary {
  images?: string[];
  externalURLs?: string[];
}

/** Everything the controller reports about an application. */
export interface ApplicationStatus {
  sync?: SyncStatus;
  health?: HealthStatus;
  operationState?: OperationState;
  history?: RevisionHistory[];
  conditions?: ApplicationCondition[];
  resources?: ResourceStatus[];
  reconciledAt?: Timestamp;
  observedAt?: Timestamp;
  sourceType?: SourceType;
  sourceTypes?: SourceType[];
  summary?: ApplicationSummary;
  controllerNamespace?: string;
  /** Where health comes from: `appTree` when resources' health lives in a separate cache. */
  resourceHealthSource?: string;
}
