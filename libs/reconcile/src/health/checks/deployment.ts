// Health of apps/Deployment, as gitops-engine's health_deployment.go (kubectl rollout status rules).
import { conditions, field, findCondition, health, num, optNum, str } from '../fields.js';
import type { HealthCheck } from '../types.js';

/**
 * Paused → Suspended; spec not yet observed, replicas not yet updated, old replicas still
 * terminating or updated replicas not yet available → Progressing; a `Progressing` condition with
 * reason `ProgressDeadlineExceeded` → Degraded; otherwise Healthy.
 */
export const deploymentHealth: HealthCheck = (obj) => {
  if (field(obj, 'spec', 'paused') === true) {
    return health('Suspended', 'Deployment is paused');
  }
  if (num(obj, ['metadata', 'generation']) > num(obj, ['status', 'observedGeneration'])) {
    return health('Progressing', 'Waiting for rollout to finish: observed deployment generation less then desired generation');
  }
  const progressing = findCondition(conditions(obj), 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return health('Degraded', `Deployment "${str(obj, ['metadata', 'name'])}" exceeded its progress deadline`);
  }
  const desired = optNum(obj, ['spec', 'replicas']);
  const replicas = num(obj, ['status', 'replicas']);
  const updated = num(obj, ['status', 'updatedReplicas']);
  const available = num(obj, ['status', 'availableReplicas']);
  if (desired !== undefined && updated < desired) {
    return health('Progressing', `Waiting for rollout to finish: ${updated} out of ${desired} new replicas have been updated...`);
  }
  if (replicas > updated) {
    return health('Progressing', `Waiting for rollout to finish: ${replicas - updated} old replicas are pending termination...`);
  }
  if (available < updated) {
    return health('Progressing', `Waiting for rollout to finish: ${available} of ${updated} updated replicas are available...`);
  }
  return health('Healthy');
};
