// Scaling without a rollout (sync.go: sync, scale, isScalingEvent): `kubectl scale` while one or more
// ReplicaSets are active, or any change to a paused Deployment.
import { maxSurgeOf, replicaSetProportion } from './deployment-math.js';
import {
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  activeReplicaSets,
  bySizeNewer,
  bySizeOlder,
  intAnnotation,
  specReplicas,
  statusCount,
} from './deployment-replicasets.js';
import { allReplicaSets, cleanupHistory, syncRevision } from './deployment-revision.js';
import type { ReplicaSetSplit } from './deployment-revision.js';
import { calculateStatus } from './deployment-status.js';
import type { DeploymentSync } from './deployment-sync.js';
import { byCreation } from './object-meta.js';
import { numberAt } from './json-fields.js';

/** isScalingEvent: an active ReplicaSet was sized for a different spec.replicas than the current one. */
export function isScalingEvent(sync: DeploymentSync, split: ReplicaSetSplit): boolean {
  return activeReplicaSets(allReplicaSets(sync, split)).some((rs) => {
    const desired = intAnnotation(rs, DESIRED_REPLICAS);
    return desired !== undefined && desired !== sync.spec.replicas;
  });
}

/**
 * sync: resize ReplicaSets without starting a rollout (used when scaling and while paused), trim history
 * when paused, and write the plain status (no Progressing estimate).
 */
export function syncScaling(sync: DeploymentSync, paused: boolean, nameTaken: (name: string) => boolean): void {
  const split = syncRevision(sync, false, nameTaken);
  scale(sync, split);
  if (paused) cleanupHistory(sync, split.oldRSs);
  const newRS = split.newRS === undefined ? undefined : sync.rs(split.newRS);
  sync.setStatus(calculateStatus(sync.deployment, sync.spec, allReplicaSets(sync, split), newRS, sync.now));
}

/**
 * scale: one active ReplicaSet (or none) takes spec.replicas; a saturated new ReplicaSet lets old ones
 * go to 0; otherwise (several active during a rolling update) replicas + maxSurge is shared out in
 * proportion to current sizes, the rounding leftover going to the largest (see replicaSetProportion).
 */
function scale(sync: DeploymentSync, split: ReplicaSetSplit): void {
  const { replicas } = sync.spec;
  const single = activeOrLatest(sync, split);
  if (single !== undefined) {
    sync.scaleIfNeeded(single, replicas);
    return;
  }
  if (split.newRS !== undefined && isSaturated(sync, split.newRS)) {
    for (const rs of activeReplicaSets(sync.list(split.oldRSs))) sync.scaleIfNeeded(rs.metadata.name, 0);
    return;
  }
  if (sync.spec.strategy !== 'RollingUpdate') return;
  const active = activeReplicaSets(allReplicaSets(sync, split));
  const allowed = replicas > 0 ? replicas + maxSurgeOf(sync.spec) : 0;
  const toAdd = allowed - active.reduce((sum, rs) => sum + specReplicas(rs), 0);
  if (toAdd > 0) active.sort(bySizeNewer);
  if (toAdd < 0) active.sort(bySizeOlder);
  const statusReplicas = numberAt(sync.deployment, 'status', 'replicas') ?? 0;
  let added = 0;
  const sizes = active.map((rs) => {
    if (toAdd === 0) return specReplicas(rs);
    const share = replicaSetProportion({ specReplicas: specReplicas(rs), maxReplicasAnnotation: intAnnotation(rs, MAX_REPLICAS) }, sync.spec, statusReplicas, toAdd, added);
    added += share;
    return specReplicas(rs) + share;
  });
  active.forEach((rs, index) => {
    const size = index === 0 && toAdd !== 0 ? Math.max((sizes[index] ?? 0) + toAdd - added, 0) : (sizes[index] ?? 0);
    sync.scale(rs.metadata.name, size);
  });
}

/** FindActiveOrLatest: the only active ReplicaSet, the newest one when none is active, else undefined. */
function activeOrLatest(sync: DeploymentSync, split: ReplicaSetSplit): string | undefined {
  const old = sync.list(split.oldRSs).sort((a, b) => byCreation(b, a));
  if (split.newRS === undefined && old.length === 0) return undefined;
  const active = activeReplicaSets([...old, ...sync.list([split.newRS])]);
  if (active.length === 0) return split.newRS ?? old[0]?.metadata.name;
  return active.length === 1 ? active[0]?.metadata.name : undefined;
}

/** IsSaturated: the new ReplicaSet is sized, annotated and available for all of spec.replicas. */
function isSaturated(sync: DeploymentSync, name: string): boolean {
  const rs = sync.rs(name);
  const { replicas } = sync.spec;
  return specReplicas(rs) === replicas && intAnnotation(rs, DESIRED_REPLICAS) === replicas && statusCount(rs, 'availableReplicas') === replicas;
}
