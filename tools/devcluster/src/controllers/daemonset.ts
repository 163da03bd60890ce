// The DaemonSet controller as a pure function: one pod per eligible Node (pinned there by node
// affinity, as upstream does), misscheduled pods removed, rolling updates within maxUnavailable.
import { cloneJson } from '../model/json.js';
import type { JsonObject } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import type { ClusterView, Controller, ControllerAction, ObjectKey } from './controller.js';
import { CONTROLLER_REVISION_HASH, syncRevisions, trimRevisions } from './controller-revisions.js';
import { generateName } from './generated-names.js';
import { scaledValue } from './int-or-percent.js';
import { numberAt, objectAt, objectsAt, omitEmpty, stringAt, valueAt } from './json-fields.js';
import { byCreation, generationOf, isBeingDeleted, isControlledBy, labelsOf, namespaceOf, uidOf } from './object-meta.js';
import { isPodActive, isPodAvailable, isPodReady, isPodTerminal, nextAvailabilityDelayMs } from './pod-state.js';
import { podFromTemplate } from './pod-template.js';
import { CONTROLLER_REVISIONS, DAEMONSETS, NODES, PODS } from './resource-types.js';
import { rejection } from './scheduler.js';
import { semanticEqual } from './template-hash.js';

/** Label with the DaemonSet generation a pod was created from (legacy companion of the hash). */
export const POD_TEMPLATE_GENERATION = 'pod-template-generation';

/** Tolerations every daemon pod gets (AddOrUpdateDaemonPodTolerations). */
const DAEMON_TOLERATIONS: readonly JsonObject[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

/**
 * The DaemonSet controller. A Node should run the daemon pod when the template (with the daemon
 * tolerations, so cordoned nodes count) passes the scheduler's checks there. Each reconcile creates
 * missing daemon pods (generateName `<ds>-`, pinned with a matchFields node affinity, scheduled by the
 * kubelet simulation), deletes failed, duplicate and misscheduled ones, and for RollingUpdate deletes
 * outdated pods while at most maxUnavailable (default 1) nodes lack an available updated pod.
 * maxSurge is not simulated (treated as 0).
 */
export function daemonSetController(): Controller {
  return { name: 'daemonset', primary: DAEMONSETS, owns: [PODS, CONTROLLER_REVISIONS], reconcile: reconcileDaemonSet };
}

/**
 * Re-runs every DaemonSet when a Node changes: Nodes carry no ownerReference to DaemonSets, so the
 * runner's `owns` mapping cannot route their events (a contract gap worked around here).
 */
export function daemonSetNodeController(): Controller {
  return {
    name: 'daemonset-nodes',
    primary: NODES,
    owns: [],
    reconcile: (_key, view, now) =>
      view.list(DAEMONSETS).flatMap((ds) => reconcileDaemonSet({ namespace: namespaceOf(ds), name: ds.metadata.name }, view, now)),
  };
}

function nodeOfPod(pod: KubeObject): string | undefined {
  const bound = stringAt(pod, 'spec', 'nodeName');
  if (bound !== undefined && bound !== '') return bound;
  const terms = objectsAt(pod, 'spec', 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
  const field = objectsAt(terms[0], 'matchFields').find((f) => f['key'] === 'metadata.name');
  const values = valueAt(field, 'values');
  return Array.isArray(values) && typeof values[0] === 'string' ? values[0] : undefined;
}

/** The daemon pod for `node`: template spec, daemon tolerations, and a required affinity to that node. */
function daemonPod(ds: KubeObject, node: string | undefined, hash: string, name: string): KubeObject {
  const spec = cloneJson(objectAt(ds, 'spec', 'template', 'spec') ?? {});
  const tolerations = objectsAt(spec, 'tolerations');
  for (const toleration of DAEMON_TOLERATIONS) {
    if (!tolerations.some((t) => t['key'] === toleration['key'] && t['effect'] === toleration['effect'])) tolerations.push({ ...toleration });
  }
  const affinity = objectAt(spec, 'affinity') ?? {};
  if (node !== undefined) {
    const nodeSelectorTerms = [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }];
    affinity['nodeAffinity'] = { ...(objectAt(affinity, 'nodeAffinity') ?? {}), requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } };
  }
  const specOverrides: JsonObject = { tolerations };
  if (Object.keys(affinity).length > 0) specOverrides['affinity'] = affinity;
  const extraLabels = { [CONTROLLER_REVISION_HASH]: hash, [POD_TEMPLATE_GENERATION]: String(generationOf(ds)) };
  return podFromTemplate(objectAt(ds, 'spec', 'template'), ds, { name, generateName: `${ds.metadata.name}-`, extraLabels, specOverrides });
}

function reconcileDaemonSet(key: ObjectKey, view: ClusterView, now: Date): ControllerAction[] {
  const ds = view.get(DAEMONSETS, key.namespace, key.name);
  if (ds === undefined) return [];
  const namespace = namespaceOf(ds);
  const revisions = view.list(CONTROLLER_REVISIONS, namespace).filter((r) => isControlledBy(r, ds));
  const revision = syncRevisions(ds, revisions);
  const { hash } = revision;
  const minReadySeconds = numberAt(ds, 'spec', 'minReadySeconds') ?? 0;
  const nowMs = now.getTime();
  const allPods = view.list(PODS, namespace);
  const pods = allPods.filter((pod) => isControlledBy(pod, ds)).sort(byCreation);
  const nodes = view.list(NODES);
  const probe = daemonPod(ds, undefined, hash, '');
  const eligible = new Set(nodes.filter((node) => rejection(probe, node) === undefined).map((node) => node.metadata.name));
  const updated = (pod: KubeObject): boolean => labelsOf(pod)[CONTROLLER_REVISION_HASH] === hash;
  const remove = (pod: KubeObject): ControllerAction => ({ type: 'delete', resource: PODS, namespace, name: pod.metadata.name });

  const actions: ControllerAction[] = [...revision.actions];
  const taken = new Set(allPods.map((pod) => pod.metadata.name));
  const stats = { desired: 0, current: 0, misscheduled: 0, ready: 0, available: 0, updated: 0 };
  const outdated: { pod: KubeObject; available: boolean }[] = [];
  let unavailable = 0;
  for (const node of nodes) {
    const onNode = pods.filter((pod) => nodeOfPod(pod) === node.metadata.name);
    const active = onNode.filter(isPodActive);
    if (!eligible.has(node.metadata.name)) {
      if (onNode.length > 0) stats.misscheduled += 1;
      actions.push(...active.map(remove));
      continue;
    }
    stats.desired += 1;
    if (onNode.length > 0) stats.current += 1;
    actions.push(...onNode.filter((pod) => isPodTerminal(pod) && !isBeingDeleted(pod)).map(remove));
    const [kept, ...duplicates] = active;
    actions.push(...duplicates.map(remove));
    if (kept === undefined) {
      unavailable += 1;
      if (!onNode.some((pod) => isBeingDeleted(pod) && !isPodTerminal(pod)) && !isBeingDeleted(ds)) {
        const name = generateName(`${ds.metadata.name}-`, `${uidOf(ds)}/${node.metadata.name}/${nowMs}`, taken);
        actions.push({ type: 'create', resource: PODS, object: daemonPod(ds, node.metadata.name, hash, name) });
      }
      continue;
    }
    const available = isPodAvailable(kept, minReadySeconds, nowMs);
    if (isPodReady(kept)) stats.ready += 1;
    if (available) stats.available += 1;
    else unavailable += 1;
    if (updated(kept)) stats.updated += 1;
    else outdated.push({ pod: kept, available });
  }

  // Pods on Nodes that no longer exist would be collected by the pod GC; the DaemonSet does it here.
  const nodeNames = new Set(nodes.map((node) => node.metadata.name));
  actions.push(...pods.filter((pod) => isPodActive(pod) && !nodeNames.has(nodeOfPod(pod) ?? '')).map(remove));

  if (stringAt(ds, 'spec', 'updateStrategy', 'type') !== 'OnDelete' && !isBeingDeleted(ds)) {
    const maxUnavailable = Math.max(scaledValue(valueAt(ds, 'spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'), stats.desired, true, 1), 1);
    for (const { pod, available } of [...outdated.filter((o) => !o.available), ...outdated.filter((o) => o.available)]) {
      if (available && unavailable >= maxUnavailable) break;
      actions.push(remove(pod));
      if (available) unavailable += 1;
    }
  }

  const status = omitEmpty(
    {
      currentNumberScheduled: stats.current,
      numberMisscheduled: stats.misscheduled,
      desiredNumberScheduled: stats.desired,
      numberReady: stats.ready,
      observedGeneration: generationOf(ds),
      updatedNumberScheduled: stats.updated,
      numberAvailable: stats.available,
      numberUnavailable: stats.desired - stats.available,
    },
    ['observedGeneration', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable'],
  );
  const conditions = objectsAt(ds, 'status', 'conditions');
  const fullStatus = conditions.length > 0 ? { ...status, conditions } : status;
  if (!semanticEqual(objectAt(ds, 'status') ?? {}, fullStatus)) actions.push({ type: 'updateStatus', resource: DAEMONSETS, object: { ...ds, status: fullStatus } });
  const live = new Set([revision.update.metadata.name, ...revisions.filter((r) => pods.some((p) => labelsOf(p)[CONTROLLER_REVISION_HASH] === labelsOf(r)[CONTROLLER_REVISION_HASH])).map((r) => r.metadata.name)]);
  actions.push(...trimRevisions(revisions, live, numberAt(ds, 'spec', 'revisionHistoryLimit') ?? 10));
  const wait = nextAvailabilityDelayMs(pods, minReadySeconds, nowMs);
  if (wait !== undefined) actions.push({ type: 'requeueAfter', delayMs: wait });
  return actions;
}
