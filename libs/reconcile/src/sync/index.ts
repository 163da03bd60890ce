// Public surface of sync/: the pure sync planner — options, hooks, waves, kind order, the plan and its steps.
export { annotationSyncOptions, hasResourceOption, parseSyncOptions, resourceOptionValue } from './sync-options.js';
export type { AppSyncOptions, ConfirmableOption, PrunePropagationPolicy } from './sync-options.js';
export { HELM_DELETE_POLICIES, HELM_HOOK_TYPES, hookDeletePolicies, hookName, hookTypes, isHook, isSkipped, syncPhasesOf } from './hooks.js';
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
