// The StatefulSet controller as a pure function: pods `<name>-<ordinal>` created and removed in order
// (OrderedReady) or all at once (Parallel), rolling updates from the highest ordinal down to the
// partition, OnDelete, ControllerRevisions, and status revisions and counters.
import type { JsonObject } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import type { ClusterView, Controller, ControllerAction, ObjectKey } from './controller.js';
import { CONTROLLER_REVISION_HASH, syncRevisions, templateOf, trimRevisions } from './controller-revisions.js';
import { numberAt, objectAt, stringAt } from './json-fields.js';
import { generationOf, isBeingDeleted, isControlledBy, labelsOf, namespaceOf } from './object-meta.js';
import { isPodAvailable, isPodReady, isPodTerminal, isPodTerminating, nextAvailabilityDelayMs, podPhase } from './pod-state.js';
import { podFromTemplate } from './pod-template.js';
import { CONTROLLER_REVISIONS, PODS, STATEFULSETS } from './resource-types.js';
import { semanticEqual } from './template-hash.js';

/** Label with the pod's own name (for per-pod Services). */
export const STATEFULSET_POD_NAME = 'statefulset.kubernetes.io/pod-name';
/** Label with the pod's ordinal (Kubernetes ≥ 1.28). */
export const POD_INDEX = 'apps.kubernetes.io/pod-index';

/**
 * The StatefulSet controller. Per reconcile, in upstream's order: record the template revision; create
 * missing ordinals (lowest first) and replace failed pods; remove ordinals ≥ replicas (highest first);
 * roll pods not at the update revision from the highest ordinal down to the partition, one at a time.
 * OrderedReady stops at the first pod that is not running and ready; Parallel does not wait for
 * creations and removals. Skipped: volumeClaimTemplates (no PVCs are created), maxUnavailable,
 * persistentVolumeClaimRetentionPolicy, start ordinals.
 */
export function statefulSetController(): Controller {
  return { name: 'statefulset', primary: STATEFULSETS, owns: [PODS, CONTROLLER_REVISIONS], reconcile: reconcileStatefulSet };
}

interface SetState {
  readonly set: KubeObject;
  readonly replicas: number;
  readonly minReadySeconds: number;
  readonly now: number;
  readonly updateRevision: string;
  readonly currentRevision: string;
  readonly currentTemplate: JsonObject | undefined;
}

function ordinalOf(set: KubeObject, pod: KubeObject): number | undefined {
  const prefix = `${set.metadata.name}-`;
  const rest = pod.metadata.name.startsWith(prefix) ? pod.metadata.name.slice(prefix.length) : '';
  return /^\d+$/.test(rest) ? Number(rest) : undefined;
}

function revisionOfPod(pod: KubeObject): string {
  return labelsOf(pod)[CONTROLLER_REVISION_HASH] ?? '';
}

function healthy(state: SetState, pod: KubeObject): boolean {
  return podPhase(pod) === 'Running' && !isPodTerminating(pod) && isPodAvailable(pod, state.minReadySeconds, state.now);
}

function reconcileStatefulSet(key: ObjectKey, view: ClusterView, now: Date): ControllerAction[] {
  const set = view.get(STATEFULSETS, key.namespace, key.name);
  if (set === undefined) return [];
  const namespace = namespaceOf(set);
  const revisions = view.list(CONTROLLER_REVISIONS, namespace).filter((r) => isControlledBy(r, set));
  const revision = syncRevisions(set, revisions);
  const updateRevision = revision.update.metadata.name;
  const recorded = stringAt(set, 'status', 'currentRevision');
  const currentRevision = recorded !== undefined && revisions.some((r) => r.metadata.name === recorded) ? recorded : updateRevision;
  const state: SetState = {
    set,
    replicas: numberAt(set, 'spec', 'replicas') ?? 1,
    minReadySeconds: numberAt(set, 'spec', 'minReadySeconds') ?? 0,
    now: now.getTime(),
    updateRevision,
    currentRevision,
    currentTemplate: templateOf(revisions.find((r) => r.metadata.name === currentRevision)),
  };
  const pods = view.list(PODS, namespace).filter((pod) => isControlledBy(pod, set) && ordinalOf(set, pod) !== undefined);
  const actions: ControllerAction[] = [...revision.actions];
  if (!isBeingDeleted(set)) actions.push(...podActions(state, pods));

  const status = statefulSetStatus(state, pods);
  if (!semanticEqual(objectAt(set, 'status') ?? {}, status)) actions.push({ type: 'updateStatus', resource: STATEFULSETS, object: { ...set, status } });
  const live = new Set([updateRevision, String(status['currentRevision']), ...pods.map(revisionOfPod)]);
  actions.push(...trimRevisions(revisions, live, numberAt(set, 'spec', 'revisionHistoryLimit') ?? 10));
  const wait = nextAvailabilityDelayMs(pods, state.minReadySeconds, state.now);
  if (wait !== undefined) actions.push({ type: 'requeueAfter', delayMs: wait });
  return actions;
}

/** The pod writes of one pass of upstream's updateStatefulSet (see the controller's doc). */
function podActions(state: SetState, pods: readonly KubeObject[]): ControllerAction[] {
  const { set } = state;
  const monotonic = stringAt(set, 'spec', 'podManagementPolicy') !== 'Parallel';
  const byOrdinal = new Map(pods.map((pod) => [ordinalOf(set, pod) ?? -1, pod]));
  const namespace = namespaceOf(set);
  const remove = (pod: KubeObject): ControllerAction => ({ type: 'delete', resource: PODS, namespace, name: pod.metadata.name });
  const actions: ControllerAction[] = [];

  for (let ordinal = 0; ordinal < state.replicas; ordinal += 1) {
    const pod = byOrdinal.get(ordinal);
    if (pod === undefined) {
      actions.push({ type: 'create', resource: PODS, object: newPod(state, ordinal) });
      if (monotonic) return actions;
      continue;
    }
    if (isPodTerminal(pod) && !isBeingDeleted(pod)) {
      actions.push(remove(pod));
      if (monotonic) return actions;
      continue;
    }
    if (monotonic && !healthy(state, pod)) return actions;
  }

  const condemned = pods.filter((pod) => (ordinalOf(set, pod) ?? 0) >= state.replicas).sort((a, b) => (ordinalOf(set, b) ?? 0) - (ordinalOf(set, a) ?? 0));
  for (const pod of condemned) {
    if (isBeingDeleted(pod)) {
      if (monotonic) return actions;
      continue;
    }
    actions.push(remove(pod));
    if (monotonic) return actions;
  }
  if (monotonic && condemned.length > 0) return actions;

  if (stringAt(set, 'spec', 'updateStrategy', 'type') === 'OnDelete') return actions;
  const partition = numberAt(set, 'spec', 'updateStrategy', 'rollingUpdate', 'partition') ?? 0;
  for (let ordinal = state.replicas - 1; ordinal >= partition; ordinal -= 1) {
    const pod = byOrdinal.get(ordinal);
    if (pod === undefined) continue;
    if (revisionOfPod(pod) !== state.updateRevision && !isBeingDeleted(pod)) return [...actions, remove(pod)];
    if (!healthy(state, pod)) return actions;
  }
  return actions;
}

/** newVersionedStatefulSetPod: ordinals below the partition are recreated at the current revision. */
function newPod(state: SetState, ordinal: number): KubeObject {
  const { set } = state;
  const rollingUpdate = stringAt(set, 'spec', 'updateStrategy', 'type') !== 'OnDelete';
  // apps/v1 defaults rollingUpdate.partition to 0, so upstream's currentReplicas fallback never applies.
  const partition = numberAt(set, 'spec', 'updateStrategy', 'rollingUpdate', 'partition') ?? 0;
  const useCurrent = rollingUpdate && ordinal < partition && state.currentTemplate !== undefined;
  const revision = useCurrent ? state.currentRevision : state.updateRevision;
  const template = useCurrent ? state.currentTemplate : objectAt(set, 'spec', 'template');
  const name = `${set.metadata.name}-${ordinal}`;
  const specOverrides: JsonObject = { hostname: name };
  const serviceName = stringAt(set, 'spec', 'serviceName');
  if (serviceName !== undefined && serviceName !== '') specOverrides['subdomain'] = serviceName;
  const extraLabels = { [CONTROLLER_REVISION_HASH]: revision, [STATEFULSET_POD_NAME]: name, [POD_INDEX]: String(ordinal) };
  return podFromTemplate(template, set, { name, extraLabels, specOverrides });
}

/**
 * Status over all owned pods: replicas (created), ready, available, current/updated by revision label;
 * once every replica is updated and ready, currentRevision catches up with updateRevision.
 */
function statefulSetStatus(state: SetState, pods: readonly KubeObject[]): JsonObject {
  const live = pods.filter((pod) => !isPodTerminating(pod));
  const ready = pods.filter((pod) => podPhase(pod) === 'Running' && isPodReady(pod));
  let currentRevision = state.currentRevision;
  let currentReplicas = live.filter((pod) => revisionOfPod(pod) === currentRevision).length;
  const updatedReplicas = live.filter((pod) => revisionOfPod(pod) === state.updateRevision).length;
  const rolling = stringAt(state.set, 'spec', 'updateStrategy', 'type') !== 'OnDelete';
  if (rolling && updatedReplicas === pods.length && ready.length === pods.length) {
    currentRevision = state.updateRevision;
    currentReplicas = updatedReplicas;
  }
  const status: JsonObject = {
    observedGeneration: generationOf(state.set),
    replicas: pods.length,
    availableReplicas: ready.filter((pod) => isPodAvailable(pod, state.minReadySeconds, state.now)).length,
    currentRevision,
    updateRevision: state.updateRevision,
    collisionCount: numberAt(state.set, 'status', 'collisionCount') ?? 0,
  };
  if (ready.length > 0) status['readyReplicas'] = ready.length;
  if (currentReplicas > 0) status['currentReplicas'] = currentReplicas;
  if (updatedReplicas > 0) status['updatedReplicas'] = updatedReplicas;
  return status;
}
