// Health of argoproj.io/Rollout: Argo CD's built-in Lua check for Argo Rollouts, rewritten in TypeScript.
import { conditions, field, health, list, num, optNum, str } from '../fields.js';
import type { HealthCheck, HealthStatus, PlainObject } from '../types.js';
import { isHealthStatusCode } from '../types.js';

/** Before v0.10 there was no numeric observedGeneration; such rollouts count as observed. */
function isGenerationObserved(obj: PlainObject): boolean {
  if (field(obj, 'status') === undefined) return false;
  const raw = field(obj, 'status', 'observedGeneration');
  const observed = raw === undefined || raw === '' ? Number.NaN : Number(raw);
  const generation = num(obj, ['metadata', 'generation']);
  if (Number.isNaN(observed) || observed > generation) return true;
  return observed === generation;
}

/** v1.1+ rollouts with `workloadRef` must also have observed the referenced workload's generation. */
function isWorkloadGenerationObserved(obj: PlainObject): boolean {
  const annotations = field(obj, 'metadata', 'annotations');
  if (field(obj, 'spec', 'workloadRef') === undefined || annotations === undefined) return true;
  const wanted = field(annotations, 'rollout.argoproj.io/workload-generation');
  const observed = field(obj, 'status', 'workloadObservedGeneration');
  const toNumber = (v: unknown): number | undefined => (v === undefined || v === '' ? undefined : Number(v));
  return toNumber(wanted) === toNumber(observed);
}

/** Pre-v1.0 rollouts: InvalidSpec, an abort or a missed deadline → Degraded with the condition's message. */
function conditionFailure(obj: PlainObject): HealthStatus | undefined {
  for (const c of conditions(obj)) {
    const fatal =
      c.type === 'InvalidSpec' ||
      (c.type === 'Progressing' && (c.reason === 'RolloutAborted' || c.reason === 'ProgressDeadlineExceeded'));
    if (fatal) return health('Degraded', c.message);
  }
  return undefined;
}

/** Pre-v1.0 rollouts: replica counts and the strategy's cut-over decide. */
function legacyHealth(obj: PlainObject): HealthStatus {
  const paused = list(obj, ['status', 'pauseConditions']).length > 0 || field(obj, 'spec', 'paused') === true;
  if (paused) return health('Suspended', 'Rollout is paused');
  const podHash = field(obj, 'status', 'currentPodHash');
  if (podHash === undefined) return health('Progressing', 'Waiting for rollout to finish: status has not been reconciled.');
  const desired = optNum(obj, ['spec', 'replicas']) ?? 1;
  const replicas = num(obj, ['status', 'replicas']);
  const updated = num(obj, ['status', 'updatedReplicas']);
  const available = num(obj, ['status', 'availableReplicas']);
  if (updated < desired) return health('Progressing', 'Waiting for roll out to finish: More replicas need to be updated');
  if (available < updated) {
    return health('Progressing', 'Waiting for roll out to finish: updated replicas are still becoming available');
  }
  const stableRS = str(obj, ['status', 'stableRS']) || str(obj, ['status', 'canary', 'stableRS']);
  if (field(obj, 'spec', 'strategy', 'blueGreen') !== undefined) {
    if (field(obj, 'status', 'blueGreen', 'activeSelector') !== podHash) {
      return health('Progressing', 'active service cutover pending');
    }
    if (stableRS !== '' && stableRS !== podHash) return health('Progressing', 'waiting for analysis to complete');
  } else if (field(obj, 'spec', 'strategy', 'canary') !== undefined) {
    if (replicas > updated) {
      return health('Progressing', 'Waiting for roll out to finish: old replicas are pending termination');
    }
    if (stableRS === '' || stableRS !== podHash) return health('Progressing', 'Waiting for rollout to finish steps');
  }
  return health('Healthy');
}

/**
 * Spec (or referenced workload) not yet observed → Progressing. Rollouts v1.0+ report
 * `status.phase`, surfaced as is with `Paused` mapped to Suspended (an aborted rollout reports
 * Degraded). Older rollouts: InvalidSpec/RolloutAborted/ProgressDeadlineExceeded → Degraded, paused →
 * Suspended, then replica counts and the blue-green or canary cut-over decide.
 */
export const rolloutHealth: HealthCheck = (obj) => {
  if (!isGenerationObserved(obj) || !isWorkloadGenerationObserved(obj)) {
    return health('Progressing', 'Waiting for rollout spec update to be observed');
  }
  const phase = field(obj, 'status', 'phase');
  if (phase !== undefined) {
    const status = phase === 'Paused' ? 'Suspended' : phase;
    if (!isHealthStatusCode(status)) throw new Error(`Rollout reports an unknown phase "${String(phase)}"`);
    return health(status, str(obj, ['status', 'message']));
  }
  return conditionFailure(obj) ?? legacyHealth(obj);
};
