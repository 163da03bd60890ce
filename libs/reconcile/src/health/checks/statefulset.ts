// Health of apps/StatefulSet, as gitops-engine's health_statefulset.go.
import { field, health, num, optNum, str } from '../fields.js';
import type { HealthCheck } from '../types.js';

/**
 * Spec not yet observed or pods not yet ready → Progressing; RollingUpdate with a partition is
 * Healthy once `replicas - partition` pods are updated; OnDelete is Healthy once pods are ready;
 * otherwise Healthy when `updateRevision` equals `currentRevision`.
 */
export const statefulSetHealth: HealthCheck = (obj) => {
  const observed = num(obj, ['status', 'observedGeneration']);
  if (observed === 0 || num(obj, ['metadata', 'generation']) > observed) {
    return health('Progressing', 'Waiting for statefulset spec update to be observed...');
  }
  const desired = optNum(obj, ['spec', 'replicas']);
  const ready = num(obj, ['status', 'readyReplicas']);
  const updated = num(obj, ['status', 'updatedReplicas']);
  if (desired !== undefined && ready < desired) {
    return health('Progressing', `Waiting for ${desired - ready} pods to be ready...`);
  }
  const strategy = str(obj, ['spec', 'updateStrategy', 'type']);
  if (strategy === 'RollingUpdate' && field(obj, 'spec', 'updateStrategy', 'rollingUpdate') !== undefined) {
    const partition = optNum(obj, ['spec', 'updateStrategy', 'rollingUpdate', 'partition']);
    if (desired !== undefined && partition !== undefined && updated < desired - partition) {
      return health('Progressing', `Waiting for partitioned roll out to finish: ${updated} out of ${desired - partition} new pods have been updated...`);
    }
    return health('Healthy', `partitioned roll out complete: ${updated} new pods have been updated...`);
  }
  if (strategy === 'OnDelete') {
    return health('Healthy', `statefulset has ${ready} ready pods`);
  }
  const updateRevision = str(obj, ['status', 'updateRevision']);
  const currentRevision = str(obj, ['status', 'currentRevision']);
  if (updateRevision !== currentRevision) {
    return health('Progressing', `waiting for statefulset rolling update to complete ${updated} pods at revision ${updateRevision}...`);
  }
  const current = num(obj, ['status', 'currentReplicas']);
  return health('Healthy', `statefulset rolling update complete ${current} pods at revision ${currentRevision}...`);
};
