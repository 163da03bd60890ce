// The kubelet simulation: scheduling, readiness after the delay, each failure mode over time,
// readiness gates, run-to-completion pods and deletion.
import { describe, expect, it } from '@jest/globals';
import type { JsonObject } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import { builtinControllers } from './index.js';
import { numberAt, objectAt, objectsAt, stringAt } from './json-fields.js';
import { NODES, PODS } from './resource-types.js';
import { FakeCluster } from './testing/fake-cluster.js';
import { loadFixture, loadObject } from './testing/fixtures.js';
import { conditionOf, conditionSummary } from './testing/queries.js';

function podWith(annotations: Record<string, string>, restartPolicy?: string, spec: JsonObject = {}): KubeObject {
  const pod = loadObject('pod-bare.yaml');
  pod.metadata['annotations'] = annotations;
  pod['spec'] = { ...objectAt(pod, 'spec'), ...spec };
  if (restartPolicy !== undefined) pod['spec'] = { ...objectAt(pod, 'spec'), restartPolicy };
  return pod;
}

/** phase, Ready, the container's state as "kind:reason:exitCode" and its restart count. */
function summary(pod: KubeObject | undefined): { phase: string; ready: string; state: string; restarts: number } {
  const status = objectsAt(pod, 'status', 'containerStatuses')[0];
  const state = status?.['state'];
  let described = 'none';
  for (const kind of ['waiting', 'running', 'terminated']) {
    const detail = typeof state === 'object' && state !== null && !Array.isArray(state) ? state[kind] : undefined;
    if (detail === undefined) continue;
    const reason = stringAt(detail, 'reason');
    const exitCode = numberAt(detail, 'exitCode');
    described = [kind, reason, exitCode].filter((part) => part !== undefined).join(':');
  }
  return {
    phase: stringAt(pod, 'status', 'phase') ?? '',
    ready: String(conditionOf(pod, 'Ready')?.['status'] ?? ''),
    state: described,
    restarts: numberAt(status, 'restartCount') ?? 0,
  };
}

function started(pod: KubeObject): FakeCluster {
  const c = new FakeCluster({ controllers: builtinControllers() });
  c.create(...loadFixture('nodes-three.yaml'), pod);
  return c;
}

interface TimelineRow {
  readonly mode: string;
  readonly annotations: Record<string, string>;
  readonly restartPolicy?: string;
  readonly at: number;
  readonly expected: ReturnType<typeof summary>;
}

const timeline: TimelineRow[] = [
  { mode: 'healthy', annotations: {}, at: 0, expected: { phase: 'Pending', ready: 'False', state: 'waiting:ContainerCreating', restarts: 0 } },
  { mode: 'healthy', annotations: {}, at: 500, expected: { phase: 'Running', ready: 'True', state: 'running', restarts: 0 } },
  { mode: 'slow', annotations: { 'devcluster.driftless.io/ready-after-ms': '3000' }, at: 2900, expected: { phase: 'Pending', ready: 'False', state: 'waiting:ContainerCreating', restarts: 0 } },
  { mode: 'slow', annotations: { 'devcluster.driftless.io/ready-after-ms': '3000' }, at: 3000, expected: { phase: 'Running', ready: 'True', state: 'running', restarts: 0 } },
  { mode: 'image-pull', annotations: { 'devcluster.driftless.io/fail': 'image-pull' }, at: 600, expected: { phase: 'Pending', ready: 'False', state: 'waiting:ErrImagePull', restarts: 0 } },
  { mode: 'image-pull', annotations: { 'devcluster.driftless.io/fail': 'image-pull' }, at: 6000, expected: { phase: 'Pending', ready: 'False', state: 'waiting:ImagePullBackOff', restarts: 0 } },
  { mode: 'crash-loop', annotations: { 'devcluster.driftless.io/fail': 'crash-loop' }, at: 600, expected: { phase: 'Running', ready: 'False', state: 'waiting:CrashLoopBackOff', restarts: 1 } },
  { mode: 'crash-loop', annotations: { 'devcluster.driftless.io/fail': 'crash-loop' }, at: 10_600, expected: { phase: 'Running', ready: 'False', state: 'waiting:CrashLoopBackOff', restarts: 2 } },
  { mode: 'crash-loop', annotations: { 'devcluster.driftless.io/fail': 'crash-loop' }, at: 70_600, expected: { phase: 'Running', ready: 'False', state: 'waiting:CrashLoopBackOff', restarts: 4 } },
  { mode: 'never-ready', annotations: { 'devcluster.driftless.io/fail': 'never-ready' }, at: 60_000, expected: { phase: 'Running', ready: 'False', state: 'running', restarts: 0 } },
  { mode: 'run to completion', annotations: {}, restartPolicy: 'Never', at: 700, expected: { phase: 'Running', ready: 'True', state: 'running', restarts: 0 } },
  { mode: 'run to completion', annotations: {}, restartPolicy: 'Never', at: 1000, expected: { phase: 'Succeeded', ready: 'False', state: 'terminated:Completed:0', restarts: 0 } },
  { mode: 'job-failure', annotations: { 'devcluster.driftless.io/fail': 'job-failure' }, restartPolicy: 'OnFailure', at: 1000, expected: { phase: 'Failed', ready: 'False', state: 'terminated:Error:1', restarts: 0 } },
];

describe('kubelet simulation', () => {
  it.each(timeline)('$mode pod at $at ms: $expected.phase, $expected.state', ({ annotations, restartPolicy, at, expected }) => {
    const c = started(podWith(annotations, restartPolicy));
    c.advance(at);
    expect(summary(c.get(PODS, 'default', 'app'))).toEqual(expected);
  });

  it('schedules onto a node and reports addresses, conditions and container details', () => {
    const c = started(podWith({}));
    c.advance(500);
    const pod = c.get(PODS, 'default', 'app');
    expect(stringAt(pod, 'spec', 'nodeName')).toBe('devcluster-node-1');
    expect(pod?.['status']).toMatchObject({ hostIP: '172.18.0.2', podIP: '10.244.1.2', podIPs: [{ ip: '10.244.1.2' }], startTime: '2024-01-01T00:00:00Z', qosClass: 'BestEffort' });
    expect(objectsAt(pod, 'status', 'conditions').map((x) => `${String(x['type'])}=${String(x['status'])}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    const [container] = objectsAt(pod, 'status', 'containerStatuses');
    expect(container).toMatchObject({ name: 'main', image: 'registry.example.com/team/app:2.1', ready: true, started: true, restartCount: 0 });
    expect(stringAt(container, 'imageID')).toMatch(/^registry\.example\.com\/team\/app@sha256:[0-9a-f]{64}$/);
    expect(stringAt(container, 'containerID')).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
  });

  it('crash loops keep the last termination and the back-off message', () => {
    const c = started(podWith({ 'devcluster.driftless.io/fail': 'crash-loop' }));
    c.advance(31_000);
    const [container] = objectsAt(c.get(PODS, 'default', 'app'), 'status', 'containerStatuses');
    expect(container?.['lastState']).toMatchObject({ terminated: { exitCode: 1, reason: 'Error' } });
    expect(stringAt(container, 'state', 'waiting', 'message')).toMatch(/^back-off 40s restarting failed container=main pod=app_default\(/);
    expect(numberAt(container, 'restartCount')).toBe(3);
  });

  it('holds Ready until the readiness gate condition is True', () => {
    const c = started(podWith({}, undefined, { readinessGates: [{ conditionType: 'example.com/load-balancer-attached' }] }));
    c.advance(1000);
    expect(conditionOf(c.get(PODS, 'default', 'app'), 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ReadinessGatesNotReady',
      message: 'corresponding condition of pod readiness gate "example.com/load-balancer-attached" does not exist.',
    });
    expect(conditionOf(c.get(PODS, 'default', 'app'), 'ContainersReady')).toMatchObject({ status: 'True' });
    c.editStatus(PODS, 'default', 'app', (p) => {
      const gate = { type: 'example.com/load-balancer-attached', status: 'True', lastTransitionTime: '2024-01-01T00:00:01Z' };
      p['status'] = { ...objectAt(p, 'status'), conditions: [...objectsAt(p, 'status', 'conditions'), gate] };
    });
    expect(conditionSummary(c.get(PODS, 'default', 'app'))).toMatchObject({ Ready: 'True/', 'example.com/load-balancer-attached': 'True/' });
  });

  it('stays Pending and Unschedulable without a fitting node, then schedules when one appears', () => {
    const c = new FakeCluster({ controllers: builtinControllers() });
    c.create(...loadFixture('nodes-three.yaml'), podWith({}, undefined, { nodeSelector: { disktype: 'ssd' } }));
    c.advance(5000);
    expect(conditionOf(c.get(PODS, 'default', 'app'), 'PodScheduled')).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
      message: "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.",
    });
    c.edit(NODES, undefined, 'devcluster-node-3', (node) => {
      node.metadata['labels'] = { ...objectAt(node, 'metadata', 'labels'), disktype: 'ssd' };
    });
    c.advance(2000);
    const scheduled = c.get(PODS, 'default', 'app');
    expect(stringAt(scheduled, 'spec', 'nodeName')).toBe('devcluster-node-3');
    expect(summary(scheduled).ready).toBe('True');
  });

  it('finishes termination: a deleted pod goes away', () => {
    const c = started(podWith({}));
    c.advance(1000);
    c.remove(PODS, 'default', 'app');
    expect(c.get(PODS, 'default', 'app')).toBeUndefined();
    expect(c.writes.filter((w) => w.resource === 'pods' && w.verb === 'delete').map((w) => w.by)).toEqual(['kubelet']);
  });
});
