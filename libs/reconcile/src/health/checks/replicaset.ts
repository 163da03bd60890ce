// Health of apps/ReplicaSet, as gitops-engine's health_replicaset.go.
import { conditions, findCondition, health, num, optNum } from '../fields.js';
import type { HealthCheck } from '../types.js';

/**
 * Spec not yet observed or fewer available replicas than desired → Progressing; a true
 * `ReplicaFailure` condition → Degraded with its message; otherwise Healthy.
 */
export const replicaSetHealth: HealthCheck = (obj) => {
  if (num(obj, ['metadata', 'generation']) > num(obj, ['status', 'observedGeneration'])) {
    return health('Progressing', 'Waiting for rollout to finish: observed replica set generation less then desired generation');
  }
  const failure = findCondition(conditions(obj), 'ReplicaFailure');
  if (failure?.status === 'True') {
    return health('Degraded', failure.message);
  }
  const desired = optNum(obj, ['spec', 'replicas']);
  const available = num(obj, ['status', 'availableReplicas']);
  if (desired !== undefined && available < desired) {
    return health('Progressing', `Waiting for rollout to finish: ${available} out of ${desired} new replicas are available...`);
  }
  return health('Healthy');
};
