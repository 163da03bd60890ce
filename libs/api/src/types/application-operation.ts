// A requested operation on an Application (`.operation`): today only sync. Writing it asks the controller to
// run it; the controller reports progress in `status.operationState`.

import type { ApplicationSource } from './application-source.js';
import type { Info, RetryStrategy } from './application.js';

/** One resource a partial sync is limited to. */
export interface SyncOperationResource {
  group?: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** `kubectl apply` strategy; `force` deletes and recreates on conflicts. */
export interface SyncStrategyApply {
  force?: boolean;
}

/** Hook strategy: apply, then run hooks; `force` as for apply. */
export interface SyncStrategyHook {
  force?: boolean;
}

/** How resources are applied; `hook` is the default. */
export interface SyncStrategy {
  apply?: SyncStrategyApply;
  hook?: SyncStrategyHook;
}

/** Parameters of a sync. Unset fields fall back to the application spec. */
export interface SyncOperation {
  /** Revision to sync (single source); defaults to the spec's targetRevision. */
  revision?: string;
  /** Revision per source (multi-source). */
  revisions?: string[];
  prune?: boolean;
  dryRun?: boolean;
  /** Limit the sync to these resources; empty means all. */
  resources?: SyncOperationResource[];
  syncOptions?: string[];
  syncStrategy?: SyncStrategy;
  /** Overrides the spec's source (rollback). */
  source?: ApplicationSource;
  /** Overrides the spec's sources (rollback). */
  sources?: ApplicationSource[];
  /** Manifests to apply instead of rendering the source (local sync). */
  manifests?: string[];
  /** Number of self-heal attempts so far (set by the controller). */
  autoHealAttemptsCount?: number;
}

/** Who asked for the operation. */
export interface OperationInitiator {
  username?: string;
  /** True when the controller started it (automated sync). */
  automated?: boolean;
}

/** A requested operation. */
export interface Operation {
  sync?: SyncOperation;
  initiatedBy?: OperationInitiator;
  info?: Info[];
  retry?: RetryStrategy;
}
