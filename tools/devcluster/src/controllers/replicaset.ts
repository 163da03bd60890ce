// The ReplicaSet controller as a pure function: keep spec.replicas pods stamped from the template,
// delete the least useful pods first when scaling down, and report counts in status.
import type { JsonObject } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import type { ClusterView, Controller, ControllerAction, ObjectKey } from './controller.js';
import { generateName } from './generated-names.js';
import { numberAt, objectAt, objectsAt, omitEmpty, stringAt } from './json-fields.js';
import { createdAtMs, generationOf, isBeingDeleted, isControlledBy, labelsOf, namespaceOf, parseKubeTime, uidOf } from './object-meta.js';
import { isPodActive, isPodAvailable, isPodReady, nextAvailabilityDelayMs, podPhase } from './pod-state.js';
import { podFromTemplate } from './pod-template.js';
import { PODS, REPLICASETS } from './resource-types.js';
import { semanticEqual } from './template-hash.js';

/**
 * The ReplicaSet controller. Creates pods named `<rs>-<5 chars>` (also carrying generateName
 * `<rs>-`), deletes surplus pods in {@link compareForDeletion} order, and writes status replicas,
 * fullyLabeledReplicas, readyReplicas, availableReplicas (minReadySeconds) and observedGeneration.
 * Only pods whose controller ownerReference is the ReplicaSet's uid count; orphans are not adopted.
 */
export function replicaSetController(): Controller {
  return { name: 'replicaset', primary: REPLICASETS, owns: [PODS], reconcile: reconcileReplicaSet };
}

function reconcileReplicaSet(key: ObjectKey, view: ClusterView, now: Date): ControllerAction[] {
  const rs = view.get(REPLICASETS, key.namespace, key.name);
  if (rs === undefined) return [];
  const namespace = namespaceOf(rs);
  const allPods = view.list(PODS, namespace);
  const active = allPods.filter((pod) => isControlledBy(pod, rs) && isPodActive(pod));
  const desired = numberAt(rs, 'spec', 'replicas') ?? 1;
  const actions: ControllerAction[] = [];

  if (!isBeingDeleted(rs)) {
    const taken = new Set(allPods.map((pod) => pod.metadata.name));
    const template = objectAt(rs, 'spec', 'template');
    for (let i = active.length; i < desired; i += 1) {
      const name = generateName(`${rs.metadata.name}-`, `${uidOf(rs)}/${now.getTime()}/${i}`, taken);
      actions.push({ type: 'create', resource: PODS, object: podFromTemplate(template, rs, { name, generateName: `${rs.metadata.name}-` }) });
    }
    const surplus = [...active].sort(compareForDeletion).slice(0, Math.max(active.length - desired, 0));
    for (const pod of surplus) actions.push({ type: 'delete', resource: PODS, namespace, name: pod.metadata.name });
  }

  const minReadySeconds = numberAt(rs, 'spec', 'minReadySeconds') ?? 0;
  const status = replicaSetStatus(rs, active, minReadySeconds, now);
  if (!semanticEqual(objectAt(rs, 'status') ?? {}, status)) actions.push({ type: 'updateStatus', resource: REPLICASETS, object: { ...rs, status } });
  const wait = nextAvailabilityDelayMs(active, minReadySeconds, now.getTime());
  if (wait !== undefined) actions.push({ type: 'requeueAfter', delayMs: wait });
  return actions;
}

/** calculateStatus over the active pods; conditions written by others are kept. */
function replicaSetStatus(rs: KubeObject, active: readonly KubeObject[], minReadySeconds: number, now: Date): JsonObject {
  const templateLabels = Object.entries(labelsOf(objectAt(rs, 'spec', 'template') ?? {}));
  const fullyLabeled = active.filter((pod) => {
    const labels = labelsOf(pod);
    return templateLabels.every(([k, v]) => labels[k] === v);
  }).length;
  const status = omitEmpty(
    {
      replicas: active.length,
      fullyLabeledReplicas: fullyLabeled,
      readyReplicas: active.filter(isPodReady).length,
      availableReplicas: active.filter((pod) => isPodAvailable(pod, minReadySeconds, now.getTime())).length,
      observedGeneration: generationOf(rs),
    },
    ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'],
  );
  const conditions = objectsAt(rs, 'status', 'conditions');
  return conditions.length > 0 ? { ...status, conditions } : status;
}

const PHASE_RANK: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

function readySinceMs(pod: KubeObject): number {
  const ready = objectsAt(pod, 'status', 'conditions').find((c) => c['type'] === 'Ready');
  return parseKubeTime(stringAt(ready, 'lastTransitionTime')) ?? 0;
}

function restarts(pod: KubeObject): number {
  return Math.max(0, ...objectsAt(pod, 'status', 'containerStatuses').map((c) => numberAt(c, 'restartCount') ?? 0));
}

/**
 * controller.ActivePods ordering, most deletable first: unscheduled before scheduled, Pending before
 * Unknown before Running, not ready before ready, ready for less time first, more restarts first,
 * newer first. Example: [Running ready (old), Pending, Running not ready] → Pending, not ready, ready.
 */
export function compareForDeletion(a: KubeObject, b: KubeObject): number {
  const scheduled = (pod: KubeObject): number => (stringAt(pod, 'spec', 'nodeName') ? 1 : 0);
  const phase = (pod: KubeObject): number => PHASE_RANK[podPhase(pod)] ?? 0;
  const ready = (pod: KubeObject): number => (isPodReady(pod) ? 1 : 0);
  return (
    scheduled(a) - scheduled(b) ||
    phase(a) - phase(b) ||
    ready(a) - ready(b) ||
    (ready(a) === 1 ? readySinceMs(b) - readySinceMs(a) : 0) ||
    restarts(b) - restarts(a) ||
    createdAtMs(b) - createdAtMs(a) ||
    b.metadata.name.localeCompare(a.metadata.name)
  );
}
