// The kubelet (and the scheduler's binding step) for the dev cluster: places pending pods on Nodes,
// then reports the status a real kubelet would, stage by stage, on the injected clock.
import type { JsonObject } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import type { ClusterView, Controller, ControllerAction, ObjectKey } from './controller.js';
import { objectAt, objectsAt, stringAt } from './json-fields.js';
import { isBeingDeleted, namespaceOf, parseKubeTime, toKubeTime } from './object-meta.js';
import { nodeHostIP, podIPFor } from './pod-network.js';
import { DEFAULT_KUBELET_TIMINGS, podStageAt } from './pod-lifecycle.js';
import type { KubeletTimings } from './pod-lifecycle.js';
import { isPodTerminal } from './pod-state.js';
import { qosClass, renderPodStatus } from './pod-status.js';
import { NODES, PODS } from './resource-types.js';
import { placePod } from './scheduler.js';
import { semanticEqual } from './template-hash.js';

/** Options of the kubelet simulation; every field is optional. */
export interface PodControllerOptions extends Partial<KubeletTimings> {
  /** How often an unschedulable pod looks for a Node again. @defaultValue 1000 */
  readonly unschedulableRetryMs?: number;
}

/**
 * The kubelet simulation, keyed by pod. In order, one step per reconcile:
 * 1. being deleted → delete it (the kubelet's final delete) once its finalizers are gone;
 * 2. terminal → nothing;
 * 3. no spec.nodeName → bind: an `update` setting spec.nodeName (see {@link placePod}), or when no
 *    Node fits, PodScheduled=False/Unschedulable and a retry;
 * 4. scheduled → the status of its current stage ({@link podStageAt}), requeued for the next stage.
 */
export function podController(options: PodControllerOptions = {}): Controller {
  const timings: KubeletTimings = {
    readyDelayMs: options.readyDelayMs ?? DEFAULT_KUBELET_TIMINGS.readyDelayMs,
    completeDelayMs: options.completeDelayMs ?? DEFAULT_KUBELET_TIMINGS.completeDelayMs,
    imagePullBackOffAfterMs: options.imagePullBackOffAfterMs ?? DEFAULT_KUBELET_TIMINGS.imagePullBackOffAfterMs,
    crashLoopBackOffBaseMs: options.crashLoopBackOffBaseMs ?? DEFAULT_KUBELET_TIMINGS.crashLoopBackOffBaseMs,
    crashLoopBackOffMaxMs: options.crashLoopBackOffMaxMs ?? DEFAULT_KUBELET_TIMINGS.crashLoopBackOffMaxMs,
  };
  const retryMs = options.unschedulableRetryMs ?? 1000;
  return {
    name: 'kubelet',
    primary: PODS,
    owns: [],
    reconcile: (key, view, now) => reconcilePod(key, view, now, timings, retryMs),
  };
}

function reconcilePod(key: ObjectKey, view: ClusterView, now: Date, timings: KubeletTimings, retryMs: number): ControllerAction[] {
  const pod = view.get(PODS, key.namespace, key.name);
  if (pod === undefined) return [];
  if (isBeingDeleted(pod)) {
    const finalizers = pod.metadata['finalizers'];
    const blocked = Array.isArray(finalizers) && finalizers.length > 0;
    return blocked ? [] : [{ type: 'delete', resource: PODS, namespace: namespaceOf(pod), name: pod.metadata.name }];
  }
  if (isPodTerminal(pod)) return [];
  const nodes = view.list(NODES);
  const nodeName = stringAt(pod, 'spec', 'nodeName');
  if (nodeName === undefined || nodeName === '') return schedule(pod, nodes, view.list(PODS), now, retryMs);
  const node = nodes.find((n) => n.metadata.name === nodeName);
  // A pod bound to a Node that does not exist has no kubelet: it stays as it is, as on a real cluster.
  if (node === undefined) return [];

  const startTime = stringAt(pod, 'status', 'startTime') ?? toKubeTime(now);
  const at = podStageAt(pod, parseKubeTime(startTime) ?? now.getTime(), now.getTime(), timings);
  const addresses = { hostIP: nodeHostIP(node, nodes), podIP: podIPFor(pod, node, nodes, view.list(PODS)) };
  const status = renderPodStatus(pod, at, addresses, startTime, now);
  const actions: ControllerAction[] = [];
  if (!semanticEqual(objectAt(pod, 'status') ?? {}, status)) actions.push({ type: 'updateStatus', resource: PODS, object: { ...pod, status } });
  if (at.nextChangeInMs !== undefined) actions.push({ type: 'requeueAfter', delayMs: Math.max(at.nextChangeInMs, 0) });
  return actions;
}

/** Binds the pod to a Node, or records why none fits and tries again later. */
function schedule(pod: KubeObject, nodes: readonly KubeObject[], pods: readonly KubeObject[], now: Date, retryMs: number): ControllerAction[] {
  const placement = placePod(pod, nodes, pods);
  if ('node' in placement) {
    const spec = { ...(objectAt(pod, 'spec') ?? {}), nodeName: placement.node.metadata.name };
    return [{ type: 'update', resource: PODS, object: { ...pod, spec } }];
  }
  const prior = objectAt(pod, 'status');
  const previous = objectsAt(pod, 'status', 'conditions').find((c) => c['type'] === 'PodScheduled');
  const unchanged = previous?.['status'] === 'False' && previous['message'] === placement.unschedulable;
  const condition = {
    type: 'PodScheduled',
    status: 'False',
    lastProbeTime: null,
    lastTransitionTime: unchanged ? (previous?.['lastTransitionTime'] ?? toKubeTime(now)) : toKubeTime(now),
    reason: 'Unschedulable',
    message: placement.unschedulable,
  };
  const status: JsonObject = { phase: 'Pending', conditions: [condition], qosClass: stringAt(pod, 'status', 'qosClass') ?? qosClass(pod) };
  const actions: ControllerAction[] = [];
  if (!semanticEqual(prior ?? {}, status)) actions.push({ type: 'updateStatus', resource: PODS, object: { ...pod, status } });
  actions.push({ type: 'requeueAfter', delayMs: retryMs });
  return actions;
}
