// How workload controllers judge pods (podutil): active, terminating, ready, available after minReadySeconds.
import type { KubeObject } from '../model/kube-object.js';
import { objectsAt, stringAt } from './json-fields.js';
import { isBeingDeleted, parseKubeTime } from './object-meta.js';

/** status.phase, '' when the kubelet has not reported yet. */
export function podPhase(pod: KubeObject): string {
  return stringAt(pod, 'status', 'phase') ?? '';
}

/** True for Succeeded and Failed: the pod will not run again. */
export function isPodTerminal(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase === 'Succeeded' || phase === 'Failed';
}

/** controller.IsPodActive: not terminal and not being deleted. */
export function isPodActive(pod: KubeObject): boolean {
  return !isPodTerminal(pod) && !isBeingDeleted(pod);
}

/** True when the pod has a deletionTimestamp but has not reached a terminal phase. */
export function isPodTerminating(pod: KubeObject): boolean {
  return isBeingDeleted(pod) && !isPodTerminal(pod);
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: KubeObject): boolean {
  return objectsAt(pod, 'status', 'conditions').some((c) => c['type'] === 'Ready' && c['status'] === 'True');
}

/** When the pod became Ready (Ready condition's lastTransitionTime), undefined if not ready. */
function readySinceMs(pod: KubeObject): number | undefined {
  if (!isPodReady(pod)) return undefined;
  const ready = objectsAt(pod, 'status', 'conditions').find((c) => c['type'] === 'Ready');
  return parseKubeTime(stringAt(ready, 'lastTransitionTime')) ?? 0;
}

/**
 * When the pod counts as available: ready and ready for more than minReadySeconds (podutil.IsPodAvailable
 * compares strictly, so availability starts 1 ms after the boundary). Undefined when not ready.
 * Example: ready at 10:00:00, minReadySeconds 5 → available from 10:00:05.001.
 */
function podAvailableFromMs(pod: KubeObject, minReadySeconds: number): number | undefined {
  const since = readySinceMs(pod);
  if (since === undefined) return undefined;
  return minReadySeconds <= 0 ? since : since + minReadySeconds * 1000 + 1;
}

/** podutil.IsPodAvailable at `nowMs`. */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, nowMs: number): boolean {
  if (minReadySeconds <= 0) return isPodReady(pod);
  const from = podAvailableFromMs(pod, minReadySeconds);
  return from !== undefined && from <= nowMs;
}

/**
 * The delay until the next ready-but-not-yet-available pod becomes available, so a controller can
 * requeue itself for minReadySeconds; undefined when nothing is waiting.
 */
export function nextAvailabilityDelayMs(pods: readonly KubeObject[], minReadySeconds: number, nowMs: number): number | undefined {
  if (minReadySeconds <= 0) return undefined;
  let next: number | undefined;
  for (const pod of pods) {
    const from = podAvailableFromMs(pod, minReadySeconds);
    if (from !== undefined && from > nowMs) next = Math.min(next ?? Infinity, from - nowMs);
  }
  return next;
}
