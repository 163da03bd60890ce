// The two rollout strategies (rolling.go, recreate.go): each sync takes one step (scale the new
// ReplicaSet up or old ones down) and writes status; the ReplicaSet events bring the next sync.
import type { KubeObject } from '../model/kube-object.js';
import { maxUnavailableOf, newReplicaSetSize } from './deployment-math.js';
import { activeReplicaSets, specReplicas, statusCount, sumSpecReplicas, sumStatus } from './deployment-replicasets.js';
import { allReplicaSets, cleanupHistory, syncRevision } from './deployment-revision.js';
import type { ReplicaSetSplit } from './deployment-revision.js';
import { deploymentComplete, rolloutStatus } from './deployment-status.js';
import type { DeploymentSync } from './deployment-sync.js';
import { byCreation, controllerRefOf, uidOf } from './object-meta.js';
import { isPodTerminal } from './pod-state.js';

/** syncRolloutStatus: writes the rollout status into the working Deployment and requeues if stuck. */
function finishRollout(sync: DeploymentSync, split: ReplicaSetSplit): void {
  const newRS = split.newRS === undefined ? undefined : sync.rs(split.newRS);
  const { status, requeueAfterMs } = rolloutStatus(sync.deployment, sync.spec, allReplicaSets(sync, split), newRS, sync.now);
  sync.setStatus(status);
  if (requeueAfterMs !== undefined) sync.requeue(requeueAfterMs);
}

/**
 * rolloutRolling: grow the new ReplicaSet within maxSurge; if it cannot grow, shrink old ones within
 * maxUnavailable (unhealthy replicas first); once complete, trim history.
 * Example (replicas 4, surge 1, unavailable 1, old RS 4 available): new 0→1; old 4→3 (4 available > 3);
 * once the new pod is available: new 1→2, then old 3→2 … until new 4 and old 0.
 */
export function rolloutRolling(sync: DeploymentSync, nameTaken: (name: string) => boolean): void {
  const split = syncRevision(sync, true, nameTaken);
  if (split.blocked || split.newRS === undefined) return;
  if (growNewReplicaSet(sync, split)) return finishRollout(sync, split);
  if (shrinkOldReplicaSets(sync, split)) return finishRollout(sync, split);
  if (deploymentComplete(sync.deployment, sync.spec, sync.status)) cleanupHistory(sync, split.oldRSs);
  finishRollout(sync, split);
}

/** reconcileNewReplicaSet: true when the new ReplicaSet was resized. */
function growNewReplicaSet(sync: DeploymentSync, split: ReplicaSetSplit): boolean {
  const name = split.newRS ?? '';
  const current = specReplicas(sync.rs(name));
  const { replicas } = sync.spec;
  if (current === replicas) return false;
  if (current > replicas) return sync.scaleIfNeeded(name, replicas);
  return sync.scaleIfNeeded(name, newReplicaSetSize(sync.spec, sumSpecReplicas(allReplicaSets(sync, split)), current));
}

/**
 * reconcileOldReplicaSets: how far old ReplicaSets may shrink is
 * maxScaledDown = allPods − minAvailable − newRSUnavailable. Unhealthy old replicas go first (they
 * cost no availability), then available ones while available > minAvailable. True when any shrank.
 */
function shrinkOldReplicaSets(sync: DeploymentSync, split: ReplicaSetSplit): boolean {
  const oldActive = activeReplicaSets(sync.list(split.oldRSs)).sort(byCreation);
  if (sumSpecReplicas(oldActive) === 0) return false;
  const newRS = sync.rs(split.newRS ?? '');
  const minAvailable = sync.spec.replicas - maxUnavailableOf(sync.spec);
  const newUnavailable = specReplicas(newRS) - statusCount(newRS, 'availableReplicas');
  const maxScaledDown = sumSpecReplicas(allReplicaSets(sync, split)) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;

  let cleaned = 0;
  for (const rs of oldActive) {
    if (cleaned >= maxScaledDown) break;
    const unhealthy = specReplicas(rs) - statusCount(rs, 'availableReplicas');
    if (specReplicas(rs) === 0 || unhealthy <= 0) continue;
    const count = Math.min(maxScaledDown - cleaned, unhealthy);
    sync.scaleIfNeeded(rs.metadata.name, specReplicas(rs) - count);
    cleaned += count;
  }

  let scaled = 0;
  const available = sumStatus(allReplicaSets(sync, split), 'availableReplicas');
  const budget = available - minAvailable;
  for (const rs of oldActive) {
    if (scaled >= budget) break;
    if (specReplicas(rs) === 0) continue;
    const count = Math.min(specReplicas(rs), budget - scaled);
    sync.scaleIfNeeded(rs.metadata.name, specReplicas(rs) - count);
    scaled += count;
  }
  return cleaned + scaled > 0;
}

/**
 * rolloutRecreate: scale every old ReplicaSet to 0, wait until none of their pods is left running,
 * then create (or reuse) the new ReplicaSet at full size.
 */
export function rolloutRecreate(sync: DeploymentSync, pods: readonly KubeObject[], nameTaken: (name: string) => boolean): void {
  let split = syncRevision(sync, false, nameTaken);
  let scaledDown = false;
  for (const rs of activeReplicaSets(sync.list(split.oldRSs))) {
    if (sync.scaleIfNeeded(rs.metadata.name, 0)) scaledDown = true;
  }
  if (scaledDown || oldPodsRunning(sync, split, pods)) return finishRollout(sync, split);
  if (split.newRS === undefined) {
    split = syncRevision(sync, true, nameTaken);
    if (split.blocked || split.newRS === undefined) return;
  }
  if (sync.scaleIfNeeded(split.newRS, sync.spec.replicas)) return finishRollout(sync, split);
  if (deploymentComplete(sync.deployment, sync.spec, sync.status)) cleanupHistory(sync, split.oldRSs);
  finishRollout(sync, split);
}

/** oldPodsRunning: old ReplicaSets still report replicas, or own a pod that is not Succeeded/Failed. */
function oldPodsRunning(sync: DeploymentSync, split: ReplicaSetSplit, pods: readonly KubeObject[]): boolean {
  const old = sync.list(split.oldRSs);
  if (sumStatus(old, 'replicas') > 0) return true;
  const oldUids = new Set(old.map(uidOf));
  return pods.some((pod) => oldUids.has(controllerRefOf(pod)?.uid ?? '') && !isPodTerminal(pod));
}
