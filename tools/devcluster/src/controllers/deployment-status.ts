// Deployment status and conditions (deployment/progress.go, sync.go): counters summed from the
// ReplicaSets, Available from minimum availability, Progressing from progress against a deadline.
import type { JsonObject } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import { booleanAt, numberAt, objectAt, objectsAt, omitEmpty, stringAt } from './json-fields.js';
import { maxUnavailableOf } from './deployment-math.js';
import type { RolloutSpec } from './deployment-math.js';
import { sumSpecReplicas, sumStatus } from './deployment-replicasets.js';
import { generationOf, parseKubeTime, toKubeTime } from './object-meta.js';

/** Condition reasons, spelled as kube-controller-manager spells them. */
export const Reason = {
  newReplicaSetCreated: 'NewReplicaSetCreated',
  foundNewReplicaSet: 'FoundNewReplicaSet',
  replicaSetUpdated: 'ReplicaSetUpdated',
  newReplicaSetAvailable: 'NewReplicaSetAvailable',
  progressDeadlineExceeded: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  minimumReplicasAvailable: 'MinimumReplicasAvailable',
  minimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

const MAX_INT32 = 2147483647;
const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

/** spec.progressDeadlineSeconds (default 600), undefined when disabled with MaxInt32. */
export function progressDeadlineSeconds(deployment: KubeObject): number | undefined {
  const value = numberAt(deployment, 'spec', 'progressDeadlineSeconds') ?? DEFAULT_PROGRESS_DEADLINE_SECONDS;
  return value === MAX_INT32 ? undefined : value;
}

/** The condition of `type` in a status, if present. */
export function findCondition(status: JsonObject | undefined, type: string): JsonObject | undefined {
  return objectsAt(status, 'conditions').find((c) => c['type'] === type);
}

/** A new condition stamped `now` in both times (NewDeploymentCondition). */
export function newCondition(type: string, status: string, reason: string, message: string, now: Date): JsonObject {
  const at = toKubeTime(now);
  return { type, status, lastUpdateTime: at, lastTransitionTime: at, reason, message };
}

/** Removes the condition of `type` from `status` (mutates). */
function removeCondition(status: JsonObject, type: string): void {
  status['conditions'] = objectsAt(status, 'conditions').filter((c) => c['type'] !== type);
}

/**
 * SetDeploymentCondition (mutates): nothing when status and reason are unchanged; otherwise the
 * condition moves to the end, keeping lastTransitionTime when only the reason changed.
 */
export function setCondition(status: JsonObject, condition: JsonObject): void {
  const current = findCondition(status, stringAt(condition, 'type') ?? '');
  if (current !== undefined && current['status'] === condition['status'] && current['reason'] === condition['reason']) return;
  const next = { ...condition };
  if (current !== undefined && current['status'] === condition['status']) next['lastTransitionTime'] = current['lastTransitionTime'] ?? null;
  status['conditions'] = [...objectsAt(status, 'conditions').filter((c) => c['type'] !== condition['type']), next];
}

/**
 * calculateStatus: counters over all ReplicaSets (updatedReplicas from the new one), existing
 * conditions, and Available = True once available ≥ replicas − maxUnavailable.
 * Example: replicas 4, maxUnavailable 1, 3 available → Available True "Deployment has minimum availability."
 */
export function calculateStatus(deployment: KubeObject, spec: RolloutSpec, allRSs: readonly KubeObject[], newRS: KubeObject | undefined, now: Date): JsonObject {
  const available = sumStatus(allRSs, 'availableReplicas');
  const counters = omitEmpty(
    {
      observedGeneration: generationOf(deployment),
      replicas: sumStatus(allRSs, 'replicas'),
      updatedReplicas: newRS === undefined ? 0 : sumStatus([newRS], 'replicas'),
      readyReplicas: sumStatus(allRSs, 'readyReplicas'),
      availableReplicas: available,
      unavailableReplicas: Math.max(sumSpecReplicas(allRSs) - available, 0),
    },
    ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'],
  );
  const status: JsonObject = { ...counters, conditions: objectsAt(deployment, 'status', 'conditions').map((c) => ({ ...c })) };
  const collisionCount = numberAt(deployment, 'status', 'collisionCount');
  if (collisionCount !== undefined) status['collisionCount'] = collisionCount;
  if (available >= spec.replicas - maxUnavailableOf(spec)) {
    setCondition(status, newCondition('Available', 'True', Reason.minimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition('Available', 'False', Reason.minimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** DeploymentComplete: every replica updated and available, nothing old left, generation observed. */
export function deploymentComplete(deployment: KubeObject, spec: RolloutSpec, status: JsonObject): boolean {
  const count = (field: string): number => numberAt(status, field) ?? 0;
  return (
    count('updatedReplicas') === spec.replicas &&
    count('replicas') === spec.replicas &&
    count('availableReplicas') === spec.replicas &&
    count('observedGeneration') >= generationOf(deployment)
  );
}

/** DeploymentProgressing: more updated, ready or available pods, or fewer old ones, than before. */
function deploymentProgressing(oldStatus: JsonObject | undefined, newStatus: JsonObject): boolean {
  const before = (field: string): number => numberAt(oldStatus, field) ?? 0;
  const after = (field: string): number => numberAt(newStatus, field) ?? 0;
  return (
    after('updatedReplicas') > before('updatedReplicas') ||
    after('replicas') - after('updatedReplicas') < before('replicas') - before('updatedReplicas') ||
    after('readyReplicas') > before('readyReplicas') ||
    after('availableReplicas') > before('availableReplicas')
  );
}

/** When the Progressing condition (last progress) runs past the deadline, in ms; undefined without one. */
function deadlineMs(deployment: KubeObject, status: JsonObject): number | undefined {
  const seconds = progressDeadlineSeconds(deployment);
  const progressing = findCondition(status, 'Progressing');
  if (seconds === undefined || progressing === undefined) return undefined;
  const last = parseKubeTime(stringAt(progressing, 'lastUpdateTime'));
  return last === undefined ? undefined : last + seconds * 1000;
}

/**
 * The status a rolling or recreating sync writes (syncRolloutStatus), and when to look again for a
 * stuck rollout. Progressing becomes NewReplicaSetAvailable when complete, ReplicaSetUpdated (fresh
 * lastUpdateTime) on progress, and False/ProgressDeadlineExceeded once lastUpdateTime + deadline < now.
 * Example: deadline 600 s, last progress 10:00:00 → timed out from 10:10:00.001; requeue at 10:10:01.
 */
export function rolloutStatus(deployment: KubeObject, spec: RolloutSpec, allRSs: readonly KubeObject[], newRS: KubeObject | undefined, now: Date): { status: JsonObject; requeueAfterMs?: number } {
  const oldStatus = objectAt(deployment, 'status');
  const status = calculateStatus(deployment, spec, allRSs, newRS, now);
  const hasDeadline = progressDeadlineSeconds(deployment) !== undefined;
  if (!hasDeadline) removeCondition(status, 'Progressing');
  const current = findCondition(oldStatus, 'Progressing');
  const isComplete = numberAt(status, 'replicas') === numberAt(status, 'updatedReplicas') && current?.['reason'] === Reason.newReplicaSetAvailable;
  const subject = newRS === undefined ? `Deployment "${deployment.metadata.name}"` : `ReplicaSet "${newRS.metadata.name}"`;
  if (hasDeadline && !isComplete) {
    if (deploymentComplete(deployment, spec, status)) {
      setCondition(status, newCondition('Progressing', 'True', Reason.newReplicaSetAvailable, `${subject} has successfully progressed.`, now));
    } else if (deploymentProgressing(oldStatus, status)) {
      // Progress refreshes lastUpdateTime even when the reason stays, which SetDeploymentCondition would not do.
      const condition = newCondition('Progressing', 'True', Reason.replicaSetUpdated, `${subject} is progressing.`, now);
      if (current?.['status'] === 'True') condition['lastTransitionTime'] = current['lastTransitionTime'] ?? null;
      removeCondition(status, 'Progressing');
      setCondition(status, condition);
    } else if (timedOut(deployment, status, now)) {
      setCondition(status, newCondition('Progressing', 'False', Reason.progressDeadlineExceeded, `${subject} has timed out progressing.`, now));
    }
  }
  const deadline = deadlineMs(deployment, status);
  const stuck = deadline !== undefined && !deploymentComplete(deployment, spec, status) && findCondition(status, 'Progressing')?.['reason'] !== Reason.progressDeadlineExceeded;
  return stuck ? { status, requeueAfterMs: Math.max(deadline - now.getTime(), 0) + 1000 } : { status };
}

/** DeploymentTimedOut: already timed out, or no progress recorded within the deadline. */
function timedOut(deployment: KubeObject, status: JsonObject, now: Date): boolean {
  const progressing = findCondition(status, 'Progressing');
  if (progressing === undefined) return false;
  if (progressing['reason'] === Reason.progressDeadlineExceeded) return true;
  const deadline = deadlineMs(deployment, status);
  return deadline !== undefined && deadline < now.getTime();
}

/**
 * checkPausedConditions (mutates `status`): Progressing Unknown/DeploymentPaused while paused and
 * Unknown/DeploymentResumed right after, so time spent paused never counts against the deadline.
 */
export function applyPausedCondition(deployment: KubeObject, status: JsonObject, now: Date): void {
  if (progressDeadlineSeconds(deployment) === undefined) return;
  const current = findCondition(status, 'Progressing');
  if (current?.['reason'] === Reason.progressDeadlineExceeded) return;
  const paused = booleanAt(deployment, 'spec', 'paused') === true;
  const pausedConditionExists = current?.['reason'] === Reason.paused;
  if (paused && !pausedConditionExists) {
    setCondition(status, newCondition('Progressing', 'Unknown', Reason.paused, 'Deployment is paused', now));
  } else if (!paused && pausedConditionExists) {
    setCondition(status, newCondition('Progressing', 'Unknown', Reason.resumed, 'Deployment is resumed', now));
  }
}
