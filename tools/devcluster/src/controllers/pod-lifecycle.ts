// The simulated life of a scheduled pod as a function of time since it started: container creation,
// then running (or a chosen failure), and for run-to-completion pods, termination. No hidden state:
// the same pod at the same instant is always in the same stage.
import type { KubeObject } from '../model/kube-object.js';
import { COMPLETE_AFTER_MS, FAIL, READY_AFTER_MS, parseFailureMode, parseMillis } from './annotations.js';
import type { FailureMode } from './annotations.js';
import { stringAt } from './json-fields.js';
import { annotationsOf } from './object-meta.js';

/** Delays of the kubelet simulation, all in milliseconds. */
export interface KubeletTimings {
  /** From start until containers run (annotation ready-after-ms overrides). @defaultValue 500 */
  readonly readyDelayMs: number;
  /** How long a run-to-completion pod runs (annotation complete-after-ms overrides). @defaultValue 500 */
  readonly completeDelayMs: number;
  /** From the first ErrImagePull until ImagePullBackOff. @defaultValue 5000 */
  readonly imagePullBackOffAfterMs: number;
  /** First CrashLoopBackOff delay; doubles after each restart. @defaultValue 10000 (kubelet's 10 s) */
  readonly crashLoopBackOffBaseMs: number;
  /** Cap of the CrashLoopBackOff delay. @defaultValue 300000 (kubelet's 5 min) */
  readonly crashLoopBackOffMaxMs: number;
}

/** The timings used when a caller gives none. */
export const DEFAULT_KUBELET_TIMINGS: KubeletTimings = {
  readyDelayMs: 500,
  completeDelayMs: 500,
  imagePullBackOffAfterMs: 5000,
  crashLoopBackOffBaseMs: 10_000,
  crashLoopBackOffMaxMs: 300_000,
};

/** Where a pod is in its simulated life. */
export type PodStage =
  | { readonly kind: 'creating' }
  | { readonly kind: 'image-pull'; readonly backOff: boolean }
  | { readonly kind: 'crash-loop'; readonly restartCount: number; readonly lastCrashMs: number; readonly backOffMs: number }
  | { readonly kind: 'running'; readonly ready: boolean }
  | { readonly kind: 'completed'; readonly succeeded: boolean; readonly finishedMs: number };

/** A stage, when its containers started running, and how long until the stage changes by itself. */
export interface StageAt {
  readonly stage: PodStage;
  readonly runningAtMs: number;
  readonly nextChangeInMs?: number;
}

/**
 * Crash-loop restarts under kubelet's back-off: the first crash when the container first runs
 * (restartCount 1), then restarts after base, 2·base, 4·base … capped at max.
 * Example (base 10 s, max 300 s, first crash at 0): restartCount 1 at 0 s, 2 at 10 s, 3 at 30 s, 4 at 70 s,
 * 5 at 150 s, 6 at 310 s, 7 at 610 s, then one more every 300 s.
 */
export function crashLoopAt(firstCrashMs: number, nowMs: number, baseMs: number, maxMs: number): { restartCount: number; lastCrashMs: number; backOffMs: number } {
  let restartCount = 1;
  let lastCrashMs = firstCrashMs;
  let backOffMs = Math.min(baseMs, maxMs);
  if (backOffMs <= 0) return { restartCount, lastCrashMs, backOffMs: maxMs };
  while (backOffMs < maxMs && lastCrashMs + backOffMs <= nowMs) {
    lastCrashMs += backOffMs;
    restartCount += 1;
    backOffMs = Math.min(backOffMs * 2, maxMs);
  }
  // Once capped, restarts are evenly spaced: skip ahead arithmetically instead of looping for days.
  const capped = Math.max(Math.floor((nowMs - lastCrashMs) / backOffMs), 0);
  return { restartCount: restartCount + capped, lastCrashMs: lastCrashMs + capped * backOffMs, backOffMs };
}

/** True for pods whose containers are expected to exit (restartPolicy Never or OnFailure: Jobs, hooks). */
function runsToCompletion(pod: KubeObject): boolean {
  const policy = stringAt(pod, 'spec', 'restartPolicy');
  return policy === 'Never' || policy === 'OnFailure';
}

/**
 * The stage of a scheduled pod at `nowMs`, given when it started (status.startTime). Failure modes
 * come from the `devcluster.driftless.io/fail` annotation: image-pull (Pending: ErrImagePull, later
 * ImagePullBackOff), crash-loop (Running, CrashLoopBackOff, restarts grow), never-ready (Running, not
 * ready), job-failure (run-to-completion pods end Failed instead of Succeeded).
 * Example (defaults, healthy Job pod started at 0): creating until 500 ms, running until 1000 ms, then
 * completed (succeeded), with nextChangeInMs counting down to each boundary.
 */
export function podStageAt(pod: KubeObject, startMs: number, nowMs: number, timings: KubeletTimings = DEFAULT_KUBELET_TIMINGS): StageAt {
  const annotations = annotationsOf(pod);
  const failure: FailureMode | undefined = parseFailureMode(annotations[FAIL]);
  const runningAtMs = startMs + parseMillis(annotations[READY_AFTER_MS], timings.readyDelayMs);
  if (nowMs < runningAtMs) return { stage: { kind: 'creating' }, runningAtMs, nextChangeInMs: runningAtMs - nowMs };

  if (failure === 'image-pull') {
    const backOffAtMs = runningAtMs + timings.imagePullBackOffAfterMs;
    if (nowMs < backOffAtMs) return { stage: { kind: 'image-pull', backOff: false }, runningAtMs, nextChangeInMs: backOffAtMs - nowMs };
    return { stage: { kind: 'image-pull', backOff: true }, runningAtMs };
  }
  if (failure === 'crash-loop') {
    const loop = crashLoopAt(runningAtMs, nowMs, timings.crashLoopBackOffBaseMs, timings.crashLoopBackOffMaxMs);
    return { stage: { kind: 'crash-loop', ...loop }, runningAtMs, nextChangeInMs: loop.lastCrashMs + loop.backOffMs - nowMs };
  }
  if (runsToCompletion(pod)) {
    const finishedMs = runningAtMs + parseMillis(annotations[COMPLETE_AFTER_MS], timings.completeDelayMs);
    if (nowMs < finishedMs) return { stage: { kind: 'running', ready: failure !== 'never-ready' }, runningAtMs, nextChangeInMs: finishedMs - nowMs };
    return { stage: { kind: 'completed', succeeded: failure !== 'job-failure', finishedMs }, runningAtMs };
  }
  return { stage: { kind: 'running', ready: failure !== 'never-ready' }, runningAtMs };
}
