// Health of apps/DaemonSet, as gitops-engine's health_daemonset.go.
import { health, num, str } from '../fields.js';
import type { HealthCheck } from '../types.js';

/**
 * Spec not yet observed, pods not yet updated or not yet available on every scheduled node →
 * Progressing; OnDelete strategy is Healthy as soon as the spec is observed; otherwise Healthy.
 */
export const daemonSetHealth: HealthCheck = (obj) => {
  if (num(obj, ['metadata', 'generation']) > num(obj, ['status', 'observedGeneration'])) {
    return health('Progressing', 'Waiting for rollout to finish: observed daemon set generation less then desired generation');
  }
  const name = str(obj, ['metadata', 'name']);
  const desired = num(obj, ['status', 'desiredNumberScheduled']);
  const updated = num(obj, ['status', 'updatedNumberScheduled']);
  const available = num(obj, ['status', 'numberAvailable']);
  if (str(obj, ['spec', 'updateStrategy', 'type']) === 'OnDelete') {
    return health('Healthy', `daemon set ${updated} out of ${desired} new pods have been updated`);
  }
  if (updated < desired) {
    return health('Progressing', `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...`);
  }
  if (available < desired) {
    return health('Progressing', `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...`);
  }
  return health('Healthy');
};
