// Renders the status a kubelet would report for a pod in a given simulated stage: phase, the five
// kubelet conditions (honouring readiness gates), container statuses, addresses and QoS class.
import { createHash } from 'node:crypto';
import type { JsonObject } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import { objectAt, objectsAt, stringAt } from './json-fields.js';
import { namespaceOf, toKubeTime, uidOf } from './object-meta.js';
import type { StageAt } from './pod-lifecycle.js';

/** Conditions the kubelet owns, in the order it reports them; others (readiness gates) are kept. */
const KUBELET_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

/** Where the pod runs. */
export interface PodAddresses {
  readonly hostIP: string;
  readonly podIP: string;
}

/** Docker-style reference completion, as containerd reports images: nginx → docker.io/library/nginx:latest. */
export function normalizeImage(image: string): string {
  const slash = image.indexOf('/');
  const first = slash === -1 ? '' : image.slice(0, slash);
  let name = image;
  if (slash === -1) name = `docker.io/library/${image}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') name = `docker.io/${image}`;
  const last = name.slice(name.lastIndexOf('/') + 1);
  return name.includes('@') || last.includes(':') ? name : `${name}:latest`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A fake but stable digest reference for an image: `<repository>@sha256:<hex>`. */
function imageID(image: string): string {
  const normalized = normalizeImage(image);
  const repository = normalized.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  return `${repository}@sha256:${sha256(normalized)}`;
}

/** Go's time.Duration.String for whole milliseconds: 10s, 1m20s, 5m0s, 500ms. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = `${Number(((ms % 60_000) / 1000).toFixed(3))}s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  return minutes > 0 ? `${minutes}m${seconds}` : seconds;
}

function containerState(pod: KubeObject, container: JsonObject, at: StageAt): { state: JsonObject; lastState: JsonObject; ready: boolean; started: boolean; restartCount: number } {
  const image = stringAt(container, 'image') ?? '';
  const name = stringAt(container, 'name') ?? '';
  const running = toKubeTime(at.runningAtMs);
  const { stage } = at;
  switch (stage.kind) {
    case 'creating':
      return { state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ready: false, started: false, restartCount: 0 };
    case 'image-pull': {
      const ref = normalizeImage(image);
      const waiting = stage.backOff
        ? { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` }
        : { reason: 'ErrImagePull', message: `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found` };
      return { state: { waiting }, lastState: {}, ready: false, started: false, restartCount: 0 };
    }
    case 'crash-loop': {
      const podRef = `${pod.metadata.name}_${namespaceOf(pod) ?? ''}(${uidOf(pod)})`;
      const message = `back-off ${goDuration(stage.backOffMs)} restarting failed container=${name} pod=${podRef}`;
      const crashed = toKubeTime(stage.lastCrashMs);
      const terminated = { exitCode: 1, reason: 'Error', startedAt: crashed, finishedAt: crashed, containerID: containerID(pod, name, stage.restartCount - 1) };
      return { state: { waiting: { reason: 'CrashLoopBackOff', message } }, lastState: { terminated }, ready: false, started: false, restartCount: stage.restartCount };
    }
    case 'running':
      return { state: { running: { startedAt: running } }, lastState: {}, ready: stage.ready, started: true, restartCount: 0 };
    case 'completed': {
      const terminated = stage.succeeded
        ? { exitCode: 0, reason: 'Completed', startedAt: running, finishedAt: toKubeTime(stage.finishedMs), containerID: containerID(pod, name, 0) }
        : { exitCode: 1, reason: 'Error', startedAt: running, finishedAt: toKubeTime(stage.finishedMs), containerID: containerID(pod, name, 0) };
      return { state: { terminated }, lastState: {}, ready: false, started: false, restartCount: 0 };
    }
  }
}

function containerID(pod: KubeObject, name: string, restart: number): string {
  return `containerd://${sha256(`${uidOf(pod)}/${name}/${restart}`)}`;
}

function containerStatus(pod: KubeObject, container: JsonObject, at: StageAt): JsonObject {
  const image = stringAt(container, 'image') ?? '';
  const name = stringAt(container, 'name') ?? '';
  const { state, lastState, ready, started, restartCount } = containerState(pod, container, at);
  const pulled = at.stage.kind !== 'creating' && at.stage.kind !== 'image-pull';
  const status: JsonObject = { name, image: normalizeImage(image), imageID: pulled ? imageID(image) : '', ready, restartCount, started, state, lastState };
  if (state['running'] !== undefined) status['containerID'] = containerID(pod, name, 0);
  if (state['terminated'] !== undefined) status['containerID'] = stringAt(state, 'terminated', 'containerID') ?? '';
  return status;
}

function initContainerStatus(pod: KubeObject, container: JsonObject, at: StageAt): JsonObject {
  const image = stringAt(container, 'image') ?? '';
  const name = stringAt(container, 'name') ?? '';
  const base = { name, image: normalizeImage(image), restartCount: 0, lastState: {} };
  if (at.stage.kind === 'creating') return { ...base, imageID: '', ready: false, started: false, state: { waiting: { reason: 'PodInitializing' } } };
  const at0 = toKubeTime(at.runningAtMs);
  const terminated = { exitCode: 0, reason: 'Completed', startedAt: at0, finishedAt: at0, containerID: containerID(pod, name, 0) };
  return { ...base, imageID: imageID(image), ready: true, started: false, containerID: terminated.containerID, state: { terminated } };
}

/** The QoS class kube derives from requests and limits (containers only; approximation). */
export function qosClass(pod: KubeObject): string {
  const containers = objectsAt(pod, 'spec', 'containers');
  const resources = containers.map((c) => ({ requests: objectAt(c, 'resources', 'requests') ?? {}, limits: objectAt(c, 'resources', 'limits') ?? {} }));
  if (resources.every((r) => Object.keys(r.requests).length === 0 && Object.keys(r.limits).length === 0)) return 'BestEffort';
  const guaranteed = resources.every((r) =>
    ['cpu', 'memory'].every((k) => r.limits[k] !== undefined && (r.requests[k] === undefined || r.requests[k] === r.limits[k])),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** Readiness gates not satisfied by status.conditions, as kubelet messages; empty when all pass. */
function failingGates(pod: KubeObject): string[] {
  const conditions = objectsAt(pod, 'status', 'conditions');
  const messages: string[] = [];
  for (const gate of objectsAt(pod, 'spec', 'readinessGates')) {
    const type = stringAt(gate, 'conditionType') ?? '';
    const found = conditions.find((c) => c['type'] === type);
    if (found === undefined) messages.push(`corresponding condition of pod readiness gate "${type}" does not exist.`);
    else if (found['status'] !== 'True') messages.push(`the status of pod readiness gate "${type}" is not "True", but ${stringAt(found, 'status') ?? ''}`);
  }
  return messages;
}

/** A condition keeping its lastTransitionTime when the status did not change. */
function condition(pod: KubeObject, type: string, status: string, now: Date, reason?: string, message?: string): JsonObject {
  const prior = objectsAt(pod, 'status', 'conditions').find((c) => c['type'] === type);
  const lastTransitionTime = prior !== undefined && prior['status'] === status ? (prior['lastTransitionTime'] ?? toKubeTime(now)) : toKubeTime(now);
  const result: JsonObject = { type, status, lastProbeTime: null, lastTransitionTime };
  if (reason !== undefined) result['reason'] = reason;
  if (message !== undefined) result['message'] = message;
  return result;
}

const PHASES: Readonly<Record<StageAt['stage']['kind'], string>> = { creating: 'Pending', 'image-pull': 'Pending', 'crash-loop': 'Running', running: 'Running', completed: '' };

/**
 * The full kubelet status for `pod` in stage `at`, started at `startTime`. Containers are ready only in
 * a ready running stage; the pod is Ready only if its containers are and every readiness gate's
 * condition is True. Conditions other than the kubelet's own are carried over unchanged.
 */
export function renderPodStatus(pod: KubeObject, at: StageAt, addresses: PodAddresses, startTime: string, now: Date): JsonObject {
  const containers = objectsAt(pod, 'spec', 'containers');
  const initContainers = objectsAt(pod, 'spec', 'initContainers');
  const statuses = containers.map((c) => containerStatus(pod, c, at)).sort((a, b) => String(a['name']).localeCompare(String(b['name'])));
  const unready = statuses.filter((s) => s['ready'] !== true).map((s) => String(s['name']));
  const completed = at.stage.kind === 'completed';
  const phase = at.stage.kind === 'completed' ? (at.stage.succeeded ? 'Succeeded' : 'Failed') : PHASES[at.stage.kind];
  const initializing = at.stage.kind === 'creating' && initContainers.length > 0;
  const gates = failingGates(pod);

  const containersReady = unready.length === 0 && !completed;
  const notReady = completed ? { reason: 'PodCompleted' } : { reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]` };
  const ready = containersReady && gates.length === 0;
  const readyWhy = containersReady ? { reason: 'ReadinessGatesNotReady', message: gates.join(', ') } : notReady;
  const conditions = [
    condition(pod, 'PodReadyToStartContainers', completed ? 'False' : 'True', now),
    initializing
      ? condition(pod, 'Initialized', 'False', now, 'ContainersNotInitialized', `containers with incomplete status: [${initContainers.map((c) => String(c['name'])).join(' ')}]`)
      : condition(pod, 'Initialized', 'True', now, completed ? 'PodCompleted' : undefined),
    ready ? condition(pod, 'Ready', 'True', now) : condition(pod, 'Ready', 'False', now, readyWhy.reason, readyWhy.message),
    containersReady ? condition(pod, 'ContainersReady', 'True', now) : condition(pod, 'ContainersReady', 'False', now, notReady.reason, notReady.message),
    condition(pod, 'PodScheduled', 'True', now),
    ...objectsAt(pod, 'status', 'conditions').filter((c) => !KUBELET_CONDITIONS.includes(String(c['type']))),
  ];
  const status: JsonObject = {
    phase,
    conditions,
    hostIP: addresses.hostIP,
    hostIPs: [{ ip: addresses.hostIP }],
    podIP: addresses.podIP,
    podIPs: [{ ip: addresses.podIP }],
    startTime,
    containerStatuses: statuses,
    qosClass: stringAt(pod, 'status', 'qosClass') ?? qosClass(pod),
  };
  if (initContainers.length > 0) status['initContainerStatuses'] = initContainers.map((c) => initContainerStatus(pod, c, at));
  return status;
}
