// The Job controller as a pure function: run pods to completion with parallelism/completions, count
// successes and failures, and finish with SuccessCriteriaMet→Complete or FailureTarget→Failed (the
// order Kubernetes ≥ 1.31 uses); also suspend, activeDeadlineSeconds and ttlSecondsAfterFinished.
import type { JsonObject } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import type { ClusterView, Controller, ControllerAction, ObjectKey } from './controller.js';
import { generateName } from './generated-names.js';
import { booleanAt, numberAt, objectAt, objectsAt, omitEmpty, stringAt } from './json-fields.js';
import { byCreation, isBeingDeleted, isControlledBy, namespaceOf, parseKubeTime, toKubeTime, uidOf } from './object-meta.js';
import { isPodActive, isPodReady, isPodTerminating, podPhase } from './pod-state.js';
import { podFromTemplate } from './pod-template.js';
import { JOBS, PODS } from './resource-types.js';
import { semanticEqual } from './template-hash.js';

const BACKOFF_LIMIT_EXCEEDED = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
const DEADLINE_EXCEEDED = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
const COMPLETIONS_REACHED = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };

/**
 * The Job controller. Pods are named `<job>-<5 chars>` and labelled batch.kubernetes.io/job-name,
 * job-name, batch.kubernetes.io/controller-uid and controller-uid. Up to parallelism pods run until
 * `completions` succeeded (or, without completions, one succeeded and none is active). More than
 * backoffLimit (default 6) failed pods, or activeDeadlineSeconds passed, adds FailureTarget and deletes
 * the active pods; Failed follows once none is left. Not simulated: Indexed completion, pod failure
 * policies, per-index backoff, the delay between retries, and the job-tracking finalizer.
 */
export function jobController(): Controller {
  return { name: 'job', primary: JOBS, owns: [PODS], reconcile: reconcileJob };
}

function hasCondition(job: KubeObject, type: string): JsonObject | undefined {
  return objectsAt(job, 'status', 'conditions').find((c) => c['type'] === type && c['status'] === 'True');
}

function newCondition(type: string, status: string, why: { reason: string; message: string }, now: Date): JsonObject {
  const at = toKubeTime(now);
  return { type, status, lastProbeTime: at, lastTransitionTime: at, reason: why.reason, message: why.message };
}

/** What ended the Job, if anything; a FailureTarget wins over SuccessCriteriaMet. */
function finishTarget(job: KubeObject): { type: 'Failed' | 'Complete'; why: { reason: string; message: string } } | undefined {
  const target = hasCondition(job, 'FailureTarget') ?? hasCondition(job, 'SuccessCriteriaMet');
  if (target === undefined) return undefined;
  const why = { reason: stringAt(target, 'reason') ?? '', message: stringAt(target, 'message') ?? '' };
  return { type: target['type'] === 'FailureTarget' ? 'Failed' : 'Complete', why };
}

/** The pods of one sync and the writes decided so far. */
interface JobSync {
  readonly job: KubeObject;
  readonly now: Date;
  readonly active: readonly KubeObject[];
  readonly deleted: Set<string>;
  readonly actions: ControllerAction[];
  created: number;
}

function deleteActive(sync: JobSync, victims: readonly KubeObject[]): void {
  for (const pod of victims) {
    if (sync.deleted.has(pod.metadata.name)) continue;
    sync.deleted.add(pod.metadata.name);
    sync.actions.push({ type: 'delete', resource: PODS, namespace: namespaceOf(sync.job), name: pod.metadata.name });
  }
}

function stillActive(sync: JobSync): KubeObject[] {
  return sync.active.filter((pod) => !sync.deleted.has(pod.metadata.name));
}

function reconcileJob(key: ObjectKey, view: ClusterView, now: Date): ControllerAction[] {
  const job = view.get(JOBS, key.namespace, key.name);
  if (job === undefined) return [];
  const finished = hasCondition(job, 'Complete') ?? hasCondition(job, 'Failed');
  if (finished !== undefined) return afterFinish(job, finished, now);
  if (isBeingDeleted(job)) return [];

  const allPods = view.list(PODS, namespaceOf(job));
  const pods = allPods.filter((pod) => isControlledBy(pod, job)).sort(byCreation);
  const sync: JobSync = { job, now, active: pods.filter(isPodActive), deleted: new Set(), actions: [], created: 0 };
  const previous = objectAt(job, 'status') ?? {};
  // Upstream counts each finished pod once (job-tracking finalizers); never decreasing is the closest
  // approximation without them, so pods deleted after finishing still count.
  const succeeded = Math.max(numberAt(previous, 'succeeded') ?? 0, pods.filter((pod) => podPhase(pod) === 'Succeeded').length);
  let failed = Math.max(numberAt(previous, 'failed') ?? 0, pods.filter((pod) => podPhase(pod) === 'Failed').length);
  const suspended = booleanAt(job, 'spec', 'suspend') === true;
  const conditions = objectsAt(previous, 'conditions').map((c) => ({ ...c }));
  let startTime = stringAt(previous, 'startTime') ?? (suspended ? undefined : toKubeTime(now));
  let requeueMs: number | undefined;

  let target = finishTarget(job);
  if (target === undefined) {
    const deadline = numberAt(job, 'spec', 'activeDeadlineSeconds');
    const elapsedMs = now.getTime() - (parseKubeTime(startTime) ?? now.getTime());
    const pastDeadline = deadline !== undefined && !suspended && elapsedMs >= deadline * 1000;
    const failure = failed > (numberAt(job, 'spec', 'backoffLimit') ?? 6) ? BACKOFF_LIMIT_EXCEEDED : pastDeadline ? DEADLINE_EXCEEDED : undefined;
    if (failure !== undefined) {
      conditions.push(newCondition('FailureTarget', 'True', failure, now));
      target = { type: 'Failed', why: failure };
    } else if (deadline !== undefined && !suspended) {
      requeueMs = deadline * 1000 - elapsedMs;
    }
  }
  if (target !== undefined) {
    // Once the Job is failing, pods stopped before they finished count as failed, as upstream.
    if (target.type === 'Failed') failed += sync.active.length;
    deleteActive(sync, sync.active);
  } else {
    startTime = manage(sync, succeeded, suspended, conditions, startTime, allPods);
    const running = stillActive(sync).length + sync.created;
    const completions = numberAt(job, 'spec', 'completions');
    const complete = completions === undefined ? succeeded > 0 && running === 0 : succeeded >= completions && running === 0;
    if (complete && !suspended) {
      conditions.push(newCondition('SuccessCriteriaMet', 'True', COMPLETIONS_REACHED, now));
      target = { type: 'Complete', why: COMPLETIONS_REACHED };
    }
  }

  const terminating = pods.filter(isPodTerminating).length + sync.deleted.size;
  const running = stillActive(sync).length + sync.created;
  let completionTime = stringAt(previous, 'completionTime');
  if (target !== undefined && running === 0 && terminating === 0) {
    conditions.push(newCondition(target.type, 'True', target.why, now));
    if (target.type === 'Complete') completionTime = toKubeTime(now);
    requeueMs = ttlDelay(job, now, now);
  }

  const status: JsonObject = omitEmpty({ active: running, succeeded, failed }, ['active', 'succeeded', 'failed']);
  status['ready'] = stillActive(sync).filter(isPodReady).length;
  status['terminating'] = terminating;
  if (startTime !== undefined) status['startTime'] = startTime;
  if (completionTime !== undefined) status['completionTime'] = completionTime;
  status['uncountedTerminatedPods'] = {};
  if (conditions.length > 0) status['conditions'] = conditions;
  const actions = sync.actions;
  if (!semanticEqual(previous, status)) actions.push({ type: 'updateStatus', resource: JOBS, object: { ...job, status } });
  if (requeueMs !== undefined) actions.push({ type: 'requeueAfter', delayMs: Math.max(requeueMs, 0) });
  return actions;
}

/**
 * manageJob: suspend (delete active pods, Suspended=True) or resume (Suspended=False, startTime reset),
 * then create or delete pods toward min(parallelism, completions − succeeded). Returns the startTime.
 */
function manage(sync: JobSync, succeeded: number, suspended: boolean, conditions: JsonObject[], startTime: string | undefined, allPods: readonly KubeObject[]): string | undefined {
  const { job, now } = sync;
  const suspendedCondition = conditions.find((c) => c['type'] === 'Suspended');
  if (suspended) {
    deleteActive(sync, sync.active);
    if (suspendedCondition?.['status'] !== 'True') {
      const fresh = newCondition('Suspended', 'True', { reason: 'JobSuspended', message: 'Job suspended' }, now);
      if (suspendedCondition === undefined) conditions.push(fresh);
      else Object.assign(suspendedCondition, fresh);
    }
    return startTime;
  }
  let start = startTime;
  if (suspendedCondition?.['status'] === 'True') {
    Object.assign(suspendedCondition, newCondition('Suspended', 'False', { reason: 'JobResumed', message: 'Job resumed' }, now));
    start = toKubeTime(now);
  }
  const parallelism = numberAt(job, 'spec', 'parallelism') ?? 1;
  const completions = numberAt(job, 'spec', 'completions');
  const wanted = completions === undefined ? (succeeded > 0 ? 0 : parallelism) : Math.max(Math.min(parallelism, completions - succeeded), 0);
  const { active } = sync;
  if (active.length > wanted) deleteActive(sync, [...active].reverse().slice(0, active.length - wanted));
  const taken = new Set(allPods.map((pod) => pod.metadata.name));
  const labels = {
    'batch.kubernetes.io/controller-uid': uidOf(job),
    'batch.kubernetes.io/job-name': job.metadata.name,
    'controller-uid': uidOf(job),
    'job-name': job.metadata.name,
  };
  for (let i = active.length; i < wanted; i += 1) {
    const name = generateName(`${job.metadata.name}-`, `${uidOf(job)}/${now.getTime()}/${i}`, taken);
    const pod = podFromTemplate(objectAt(job, 'spec', 'template'), job, { name, generateName: `${job.metadata.name}-`, extraLabels: labels });
    sync.actions.push({ type: 'create', resource: PODS, object: pod });
    sync.created += 1;
  }
  return start;
}

/** ttlSecondsAfterFinished: delete the finished Job (and, by cascade, its pods) when it expires. */
function afterFinish(job: KubeObject, finished: JsonObject, now: Date): ControllerAction[] {
  const finishedAt = parseKubeTime(stringAt(finished, 'lastTransitionTime')) ?? now.getTime();
  const delay = ttlDelay(job, new Date(finishedAt), now);
  if (delay === undefined) return [];
  if (delay > 0) return [{ type: 'requeueAfter', delayMs: delay }];
  return [{ type: 'delete', resource: JOBS, namespace: namespaceOf(job), name: job.metadata.name, propagationPolicy: 'Foreground' }];
}

function ttlDelay(job: KubeObject, finishedAt: Date, now: Date): number | undefined {
  const ttl = numberAt(job, 'spec', 'ttlSecondsAfterFinished');
  return ttl === undefined ? undefined : Math.max(finishedAt.getTime() + ttl * 1000 - now.getTime(), 0);
}
