// Public surface of sync/: the pure sync planner — options, hooks, waves, kind order, the plan and its steps.
export { annotationSyncOptions, hasResourceOption, parseSyncOptions, resourceOptionValue } from './sync-options.js';
export type { AppSyncOptions, ConfirmableOption, PrunePropagationPolicy } from './sync-options.js';
export { HELM_DELETE_POLICIES, hookDeletePolicies, hookName, syncPhasesOf } from './hooks.js';
export { waveOf } from './waves.js';
export { KIND_ORDER, kindRank } from './kind-order.js';
export { applyOptionsFor, pruneDecision, pruneOptionsFor } from './resource-options.js';
export type { PruneDecision } from './resource-options.js';
export { compareTasks } from './task-order.js';
export { isDeletionApproved } from './guards.js';
export { planSync } from './plan-sync.js';
export { isPruneTask } from './plan-types.js';
export { planSteps } from './plan-steps.js';
export type { SyncStep } from './plan-steps.js';
export { formatSyncPlan } from './format-plan.js';
export type {
  ApplyOptions,
  ApplyTask,
  CreateNamespaceTask,
  HookTask,
  PlanKey,
  PlanResource,
  PlanSyncInput,
  PlanSyncResult,
  PruneOptions,
  PruneTask,
  SyncAction,
  SyncPlan,
  SyncTask,
} from './plan-types.js';
// The executor (operation/): one resumable step of a sync operation at a time, history and rollback.
export { stepSync, DEFAULT_POLL_INTERVAL_MS } from './operation/step-sync.js';
export { retryWaitMs, scheduleRetry } from './operation/operation-state.js';
export type { ClusterPorts, StepInput, StepOptions, StepResult, SyncClock, SyncPorts } from './operation/operation-types.js';
export { SyncApiError, apiStatusOf, isNotFound } from './operation/api-error.js';
export { DEFAULT_BACKOFF, classifyError, retryDelayMs, shouldRetry, withTransientRetry } from './operation/retry.js';
export type { ErrorClass, TransientRetryOptions } from './operation/retry.js';
export { DEFAULT_REVISION_HISTORY_LIMIT, appendHistory, historyEntryFor, nextHistoryId, rollbackOperation } from './operation/history.js';
export type { RollbackOptions } from './operation/history.js';
export { findResult, progressOf } from './operation/task-results.js';
export type { TaskProgress } from './operation/task-results.js';
