// Small read helpers for controller tests: workload children, conditions, annotations.
import type { JsonObject } from '../../model/json.js';
import type { KubeObject } from '../../model/kube-object.js';
import type { ClusterView } from '../controller.js';
import { objectsAt } from '../json-fields.js';
import { isControlledBy, isBeingDeleted, namespaceOf } from '../object-meta.js';
import { PODS, REPLICASETS } from '../resource-types.js';

/** The condition of `type` in an object's status, or undefined. */
export function conditionOf(object: KubeObject | undefined, type: string): JsonObject | undefined {
  return objectsAt(object, 'status', 'conditions').find((c) => c['type'] === type);
}

/** `{type: "status/reason"}` for every condition: compact for toEqual. */
export function conditionSummary(object: KubeObject | undefined): Record<string, string> {
  const summary: Record<string, string> = {};
  for (const c of objectsAt(object, 'status', 'conditions')) summary[String(c['type'])] = `${String(c['status'])}/${String(c['reason'] ?? '')}`;
  return summary;
}

/** ReplicaSets controlled by `owner`, oldest first. */
export function replicaSetsOf(view: ClusterView, owner: KubeObject): KubeObject[] {
  return view.list(REPLICASETS, namespaceOf(owner)).filter((rs) => isControlledBy(rs, owner));
}

/** Pods controlled by `owner` (optionally only those not being deleted). */
export function podsOf(view: ClusterView, owner: KubeObject, { live = false } = {}): KubeObject[] {
  return view.list(PODS, namespaceOf(owner)).filter((pod) => isControlledBy(pod, owner) && (!live || !isBeingDeleted(pod)));
}
