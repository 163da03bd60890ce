// Finding a Deployment's new and old ReplicaSets, creating the new one at the next revision, keeping
// the Deployment's revision annotation in step, and trimming history (sync.go).
import type { KubeObject } from '../model/kube-object.js';
import { numberAt, objectAt } from './json-fields.js';
import { maxSurgeOf, newReplicaSetSize } from './deployment-math.js';
import {
  REVISION,
  equalIgnoreHash,
  isObserved,
  mutableAnnotations,
  newReplicaSetFor,
  podTemplateHash,
  revisionOf,
  byRevision,
  setNewReplicaSetAnnotations,
  specReplicas,
  statusCount,
  sumSpecReplicas,
} from './deployment-replicasets.js';
import { Reason, findCondition, newCondition, progressDeadlineSeconds, setCondition } from './deployment-status.js';
import type { DeploymentSync } from './deployment-sync.js';
import { annotationsOf, byCreation, isBeingDeleted } from './object-meta.js';

/** The ReplicaSets of a sync split by template: the one matching the Deployment's, and the rest. */
export interface ReplicaSetSplit {
  readonly newRS: string | undefined;
  readonly oldRSs: readonly string[];
  /** True when a name collision stopped the sync (collisionCount was raised; the next sync retries). */
  readonly blocked: boolean;
}

const DEFAULT_REVISION_HISTORY_LIMIT = 10;

/** SetDeploymentRevision on the working Deployment. */
function setDeploymentRevision(sync: DeploymentSync, revision: string): void {
  mutableAnnotations(sync.deployment)[REVISION] = revision;
}

/**
 * getAllReplicaSetsAndSyncRevision. The new ReplicaSet is the oldest whose template equals the
 * Deployment's ignoring pod-template-hash; its revision becomes max(old revisions) + 1 when lower (so a
 * rollback to an old template reuses its ReplicaSet under a new revision). When none matches and
 * `create` is set, `<name>-<hash>` is created with that revision, sized by {@link newReplicaSetSize}.
 * `nameTaken` reports names already used in the namespace (a hash collision raises collisionCount).
 */
export function syncRevision(sync: DeploymentSync, create: boolean, nameTaken: (name: string) => boolean): ReplicaSetSplit {
  const all = sync.list(sync.names()).sort(byCreation);
  const template = objectAt(sync.deployment, 'spec', 'template');
  const found = all.find((rs) => equalIgnoreHash(objectAt(rs, 'spec', 'template'), template));
  const oldRSs = all.filter((rs) => rs !== found).map((rs) => rs.metadata.name);
  const newRevision = Math.max(0, ...sync.list(oldRSs).map(revisionOf)) + 1;
  const desired = sync.spec.replicas;
  const max = desired + maxSurgeOf(sync.spec);
  const hasDeadline = progressDeadlineSeconds(sync.deployment) !== undefined;
  const minReadySeconds = numberAt(sync.deployment, 'spec', 'minReadySeconds') ?? 0;

  if (found !== undefined) {
    const annotationsUpdated = setNewReplicaSetAnnotations(sync.deployment, found, newRevision, true, desired, max);
    if (annotationsUpdated || (numberAt(found, 'spec', 'minReadySeconds') ?? 0) !== minReadySeconds) {
      const spec = objectAt(found, 'spec') ?? {};
      if (minReadySeconds > 0) spec['minReadySeconds'] = minReadySeconds;
      else delete spec['minReadySeconds'];
      // Upstream returns right after writing the ReplicaSet; the Deployment's revision follows next sync.
      return { newRS: found.metadata.name, oldRSs, blocked: false };
    }
    setDeploymentRevision(sync, annotationsOf(found)[REVISION] ?? String(newRevision));
    if (hasDeadline && findCondition(sync.status, 'Progressing') === undefined) {
      setCondition(sync.status, newCondition('Progressing', 'True', Reason.foundNewReplicaSet, `Found new replica set "${found.metadata.name}"`, sync.now));
    }
    return { newRS: found.metadata.name, oldRSs, blocked: false };
  }
  if (!create) return { newRS: undefined, oldRSs, blocked: false };

  const rs = newReplicaSetFor(sync.deployment, podTemplateHash(sync.deployment));
  if (nameTaken(rs.metadata.name)) {
    sync.status['collisionCount'] = (numberAt(sync.status, 'collisionCount') ?? 0) + 1;
    return { newRS: undefined, oldRSs, blocked: true };
  }
  const spec = objectAt(rs, 'spec') ?? {};
  spec['replicas'] = newReplicaSetSize(sync.spec, sumSpecReplicas(sync.list(oldRSs)), 0);
  setNewReplicaSetAnnotations(sync.deployment, rs, newRevision, false, desired, max);
  sync.create(rs);
  if (hasDeadline) {
    setCondition(sync.status, newCondition('Progressing', 'True', Reason.newReplicaSetCreated, `Created new replica set "${rs.metadata.name}"`, sync.now));
  }
  setDeploymentRevision(sync, String(newRevision));
  return { newRS: rs.metadata.name, oldRSs, blocked: false };
}

/**
 * cleanupDeployment: deletes the oldest old ReplicaSets beyond spec.revisionHistoryLimit (default 10),
 * but only those scaled to 0 with no pods left and their latest spec observed.
 * Example: limit 1, old revisions 1, 2, 3 all at 0 → revisions 1 and 2 are deleted, 3 stays for undo.
 */
export function cleanupHistory(sync: DeploymentSync, oldRSs: readonly string[]): void {
  const limit = numberAt(sync.deployment, 'spec', 'revisionHistoryLimit') ?? DEFAULT_REVISION_HISTORY_LIMIT;
  const cleanable = sync.list(oldRSs).filter((rs) => !isBeingDeleted(rs));
  const excess = cleanable.length - limit;
  if (excess <= 0) return;
  cleanable.sort(byRevision);
  for (const rs of cleanable.slice(0, excess)) {
    if (statusCount(rs, 'replicas') !== 0 || specReplicas(rs) !== 0 || !isObserved(rs)) continue;
    sync.remove(rs.metadata.name);
  }
}

/** The working copies of the new and old ReplicaSets, new last (as upstream's append(oldRSs, newRS)). */
export function allReplicaSets(sync: DeploymentSync, split: ReplicaSetSplit): KubeObject[] {
  return sync.list([...split.oldRSs, split.newRS]);
}
