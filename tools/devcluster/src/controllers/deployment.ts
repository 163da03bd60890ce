// The Deployment controller of kube-controller-manager, as a pure function: ReplicaSets per pod
// template, rolling or recreate rollouts, revisions for `kubectl rollout undo`, status and conditions.
import type { Controller, ControllerAction, ClusterView, ObjectKey } from './controller.js';
import type { KubeObject } from '../model/kube-object.js';
import { booleanAt } from './json-fields.js';
import { allReplicaSets, syncRevision } from './deployment-revision.js';
import { rolloutRecreate, rolloutRolling } from './deployment-rollout.js';
import { isScalingEvent, syncScaling } from './deployment-scaling.js';
import { applyPausedCondition, calculateStatus } from './deployment-status.js';
import { DeploymentSync } from './deployment-sync.js';
import { isBeingDeleted, isControlledBy, namespaceOf } from './object-meta.js';
import { DEPLOYMENTS, PODS, REPLICASETS } from './resource-types.js';

/**
 * The Deployment controller. Each reconcile takes one rollout step, as upstream's syncDeployment does:
 * deleting → status only; paused or scaled → resize without a rollout; otherwise Recreate or
 * RollingUpdate. Writes: ReplicaSet create/update/delete, and one status write for the Deployment
 * that also carries its `deployment.kubernetes.io/revision` annotation. Requeues itself to detect
 * ProgressDeadlineExceeded. ReplicaSets are matched by controller ownerReference (uid); orphans that
 * match the selector are not adopted.
 */
export function deploymentController(): Controller {
  return {
    name: 'deployment',
    primary: DEPLOYMENTS,
    owns: [REPLICASETS],
    reconcile: reconcileDeployment,
  };
}

function reconcileDeployment(key: ObjectKey, view: ClusterView, now: Date): ControllerAction[] {
  const deployment = view.get(DEPLOYMENTS, key.namespace, key.name);
  if (deployment === undefined) return [];
  const namespace = namespaceOf(deployment);
  const replicaSets = view.list(REPLICASETS, namespace).filter((rs) => isControlledBy(rs, deployment));
  const sync = new DeploymentSync(deployment, replicaSets, now);
  const nameTaken = (name: string): boolean => view.get(REPLICASETS, namespace, name) !== undefined;

  if (isBeingDeleted(deployment)) {
    const split = syncRevision(sync, false, nameTaken);
    const newRS = split.newRS === undefined ? undefined : sync.rs(split.newRS);
    sync.setStatus(calculateStatus(sync.deployment, sync.spec, allReplicaSets(sync, split), newRS, now));
    return sync.actions();
  }
  applyPausedCondition(sync.deployment, sync.status, now);
  const paused = booleanAt(deployment, 'spec', 'paused') === true;
  if (paused || isScalingEvent(sync, syncRevision(sync, false, nameTaken))) {
    syncScaling(sync, paused, nameTaken);
  } else if (sync.spec.strategy === 'Recreate') {
    rolloutRecreate(sync, podsOf(view, deployment, replicaSets), nameTaken);
  } else {
    rolloutRolling(sync, nameTaken);
  }
  return sync.actions();
}

/** Pods controlled by any of the Deployment's ReplicaSets (Recreate waits for them to be gone). */
function podsOf(view: ClusterView, deployment: KubeObject, replicaSets: readonly KubeObject[]): KubeObject[] {
  return view.list(PODS, namespaceOf(deployment)).filter((pod) => replicaSets.some((rs) => isControlledBy(pod, rs)));
}

