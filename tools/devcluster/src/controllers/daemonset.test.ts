// DaemonSets: one pod per eligible node, node selection (selector, taints, cordon), nodes joining,
// and rolling updates within maxUnavailable.
import { describe, expect, it } from '@jest/globals';
import type { JsonObject } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import { builtinControllers } from './index.js';
import { numberAt, objectAt, objectsAt, stringAt } from './json-fields.js';
import { isBeingDeleted } from './object-meta.js';
import { isPodReady } from './pod-state.js';
import { DAEMONSETS, NODES, PODS } from './resource-types.js';
import { FakeCluster } from './testing/fake-cluster.js';
import type { WriteRecord } from './testing/fake-cluster.js';
import { loadFixture, loadObject } from './testing/fixtures.js';

function agent(spec: JsonObject = {}, podSpec: JsonObject = {}): KubeObject {
  const ds = loadObject('daemonset-healthy.yaml');
  const template = objectAt(ds, 'spec', 'template') ?? {};
  template['spec'] = { ...objectAt(template, 'spec'), ...podSpec };
  ds['spec'] = { ...objectAt(ds, 'spec'), ...spec, template };
  return ds;
}

function start(nodes: KubeObject[], ds: KubeObject, onWrite?: (c: FakeCluster, w: WriteRecord) => void): FakeCluster {
  const c = new FakeCluster({ controllers: builtinControllers(), onWrite });
  c.create(...nodes, ds);
  return c;
}

function status(c: FakeCluster): unknown {
  return objectAt(c.get(DAEMONSETS, 'kube-system', 'agent'), 'status');
}

function podNodes(c: FakeCluster): (string | undefined)[] {
  return c.list(PODS, 'kube-system').map((pod) => stringAt(pod, 'spec', 'nodeName')).sort();
}

function withNode(nodes: KubeObject[], name: string, change: (node: KubeObject) => void): KubeObject[] {
  return nodes.map((node) => {
    if (node.metadata.name === name) change(node);
    return node;
  });
}

describe('daemonset controller', () => {
  it('runs one pod on each of three nodes and reports it', () => {
    const c = start(loadFixture('nodes-three.yaml'), agent());
    c.advance(1000);
    expect(podNodes(c)).toEqual(['devcluster-node-1', 'devcluster-node-2', 'devcluster-node-3']);
    expect(status(c)).toEqual({
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      desiredNumberScheduled: 3,
      numberReady: 3,
      observedGeneration: 1,
      updatedNumberScheduled: 3,
      numberAvailable: 3,
    });
    const [pod] = c.list(PODS, 'kube-system');
    expect(pod?.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(objectsAt(pod, 'spec', 'tolerations').map((t) => t['key'])).toContain('node.kubernetes.io/unschedulable');
  });

  const selection: { case: string; nodes: KubeObject[]; podSpec: JsonObject; expected: string[] }[] = [
    { case: 'a nodeSelector', nodes: withNode(loadFixture('nodes-three.yaml'), 'devcluster-node-2', (n) => (n.metadata['labels'] = { role: 'edge' })), podSpec: { nodeSelector: { role: 'edge' } }, expected: ['devcluster-node-2'] },
    { case: 'an untolerated taint', nodes: withNode(loadFixture('nodes-three.yaml'), 'devcluster-node-1', (n) => (n['spec'] = { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] })), podSpec: {}, expected: ['devcluster-node-2', 'devcluster-node-3'] },
    { case: 'a cordoned node', nodes: withNode(loadFixture('nodes-three.yaml'), 'devcluster-node-3', (n) => (n['spec'] = { unschedulable: true })), podSpec: {}, expected: ['devcluster-node-1', 'devcluster-node-2', 'devcluster-node-3'] },
  ];
  it.each(selection)('chooses nodes with $case', ({ nodes, podSpec, expected }) => {
    const c = start(nodes, agent({}, podSpec));
    c.advance(1000);
    expect(podNodes(c)).toEqual(expected);
    expect(status(c)).toMatchObject({ desiredNumberScheduled: expected.length, numberAvailable: expected.length });
  });

  it('adds a pod when a node joins', () => {
    const [first, second] = loadFixture('nodes-three.yaml');
    const c = start(first === undefined ? [] : [first], agent());
    c.advance(1000);
    expect(podNodes(c)).toEqual(['devcluster-node-1']);
    if (second !== undefined) c.create(second);
    c.advance(1000);
    expect(podNodes(c)).toEqual(['devcluster-node-1', 'devcluster-node-2']);
    expect(status(c)).toMatchObject({ desiredNumberScheduled: 2, numberReady: 2 });
  });

  it('rolls out a new template with at most maxUnavailable nodes down', () => {
    let worst = 0;
    let rolling = false;
    const c = start(loadFixture('nodes-three.yaml'), agent(), (view) => {
      if (!rolling) return;
      const ready = view.list(PODS, 'kube-system').filter((p) => !isBeingDeleted(p) && isPodReady(p)).length;
      worst = Math.max(worst, 3 - ready);
    });
    c.advance(1000);
    rolling = true;
    c.edit(DAEMONSETS, 'kube-system', 'agent', (ds) => {
      const [container] = objectsAt(ds, 'spec', 'template', 'spec', 'containers');
      if (container !== undefined) container['image'] = 'example.com/agent:2';
    });
    c.advanceUntil(() => numberAt(c.get(DAEMONSETS, 'kube-system', 'agent'), 'status', 'updatedNumberScheduled') === 3 && numberAt(c.get(DAEMONSETS, 'kube-system', 'agent'), 'status', 'numberAvailable') === 3);
    expect(worst).toBe(1);
    expect(c.list(PODS, 'kube-system').map((p) => stringAt(objectsAt(p, 'spec', 'containers')[0], 'image'))).toEqual(['example.com/agent:2', 'example.com/agent:2', 'example.com/agent:2']);
    expect(status(c)).toMatchObject({ observedGeneration: 2, updatedNumberScheduled: 3 });
  });

  it('removes pods from a node that stops matching', () => {
    const nodes = loadFixture('nodes-three.yaml').map((n) => ({ ...n, metadata: { ...n.metadata, labels: { role: 'edge' } } }));
    const c = start(nodes, agent({}, { nodeSelector: { role: 'edge' } }));
    c.advance(1000);
    c.edit(NODES, undefined, 'devcluster-node-1', (n) => {
      n.metadata['labels'] = {};
    });
    c.advance(1000);
    expect(podNodes(c)).toEqual(['devcluster-node-2', 'devcluster-node-3']);
    expect(status(c)).toMatchObject({ desiredNumberScheduled: 2, numberMisscheduled: 0 });
  });
});
