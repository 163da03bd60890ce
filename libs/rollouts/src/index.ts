// Public API of @driftless/rollouts: Argo Rollouts-compatible rollout decisions, pure.
export { canaryReplicaCounts } from './replicas/canary-replica-counts.js';
export type { CanaryReplicaInput, CanaryReplicaCounts, ReplicaSetReplicas } from './replicas/canary-replica-counts.js';
export { weightedCanaryStableCounts } from './replicas/weighted-replica-counts.js';
export type { CanaryStableCounts } from './replicas/weighted-replica-counts.js';
export { parseIntOrPercent, resolveFenceposts, DEFAULT_MAX_SURGE, DEFAULT_MAX_UNAVAILABLE } from './replicas/int-or-percent.js';
export type { IntOrPercent, Fenceposts } from './replicas/int-or-percent.js';
