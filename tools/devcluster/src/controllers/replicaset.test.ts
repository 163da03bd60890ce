// ReplicaSets: pods from the template, scale-down order, and availability after minReadySeconds.
import { describe, expect, it } from '@jest/globals';
import type { JsonObject } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import { builtinControllers } from './index.js';
import { objectAt } from './json-fields.js';
import { compareForDeletion } from './replicaset.js';
import { PODS, REPLICASETS } from './resource-types.js';
import { selectorMatches } from './label-selector.js';
import { FakeCluster } from './testing/fake-cluster.js';
import { loadFixture } from './testing/fixtures.js';

function replicaSet(replicas: number, extra: JsonObject = {}, annotations: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'api-5d4f', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'api' } },
      template: { metadata: { labels: { app: 'api' }, annotations }, spec: { containers: [{ name: 'api', image: 'example.com/api:1' }] } },
      ...extra,
    },
  };
}

function cluster(...objects: KubeObject[]): FakeCluster {
  const c = new FakeCluster({ controllers: builtinControllers() });
  c.create(...loadFixture('nodes-three.yaml'), ...objects);
  return c;
}

function pod(name: string, phase: string, ready: boolean, readySince = '2024-01-01T00:00:00Z', created = '2024-01-01T00:00:00Z', nodeName = 'n1'): KubeObject {
  const conditions = [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: readySince }];
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, creationTimestamp: created }, spec: nodeName === '' ? {} : { nodeName }, status: { phase, conditions } };
}

describe('replicaset controller', () => {
  it('creates owned pods named <rs>-<5 chars> from the template and counts them', () => {
    const c = cluster(replicaSet(3));
    c.advance(1000);
    const pods = c.list(PODS, 'default');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^api-5d4f-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata).toMatchObject({ generateName: 'api-5d4f-', labels: { app: 'api' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'api-5d4f', controller: true }] });
    }
    expect(objectAt(c.get(REPLICASETS, 'default', 'api-5d4f'), 'status')).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  });

  it('scales down by deleting the pods that are not ready first', () => {
    const c = cluster(replicaSet(2));
    c.advance(1000);
    c.edit(REPLICASETS, 'default', 'api-5d4f', (rs) => {
      rs['spec'] = { ...objectAt(rs, 'spec'), replicas: 4, template: { metadata: { labels: { app: 'api' }, annotations: { 'devcluster.driftless.io/fail': 'never-ready' } }, spec: { containers: [{ name: 'api', image: 'example.com/api:1' }] } } };
    });
    c.advance(1000);
    c.edit(REPLICASETS, 'default', 'api-5d4f', (rs) => {
      rs['spec'] = { ...objectAt(rs, 'spec'), replicas: 2 };
    });
    c.advance(1000);
    const annotations = c.list(PODS, 'default').map((p) => (objectAt(p, 'metadata', 'annotations') ?? {})['devcluster.driftless.io/fail']);
    expect(annotations).toEqual([undefined, undefined]);
  });

  it('counts pods available only minReadySeconds after they are ready', () => {
    const c = cluster(replicaSet(2, { minReadySeconds: 10 }));
    c.advance(1000);
    expect(objectAt(c.get(REPLICASETS, 'default', 'api-5d4f'), 'status')).toMatchObject({ readyReplicas: 2 });
    expect(objectAt(c.get(REPLICASETS, 'default', 'api-5d4f'), 'status')?.['availableReplicas']).toBeUndefined();
    c.advance(10_000);
    expect(objectAt(c.get(REPLICASETS, 'default', 'api-5d4f'), 'status')).toMatchObject({ availableReplicas: 2 });
  });

  it('orders deletion candidates like controller.ActivePods', () => {
    const pods = [
      pod('ready-old', 'Running', true, '2024-01-01T00:00:00Z'),
      pod('ready-new', 'Running', true, '2024-01-01T00:05:00Z'),
      pod('running-unready', 'Running', false),
      pod('pending', 'Pending', false),
      pod('unscheduled', 'Pending', false, undefined, undefined, ''),
    ];
    expect([...pods].sort(compareForDeletion).map((p) => p.metadata.name)).toEqual(['unscheduled', 'pending', 'running-unready', 'ready-new', 'ready-old']);
  });
});

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front' };
  const cases: { selector: JsonObject | undefined; expected: boolean }[] = [
    { selector: undefined, expected: false },
    { selector: {}, expected: true },
    { selector: { matchLabels: { app: 'web' } }, expected: true },
    { selector: { matchLabels: { app: 'api' } }, expected: false },
    { selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, expected: true },
    { selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, expected: false },
    { selector: { matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] }, expected: true },
    { selector: { matchExpressions: [{ key: 'canary', operator: 'Exists' }] }, expected: false },
    { selector: { matchExpressions: [{ key: 'tier', operator: 'Like' }] }, expected: false },
  ];
  it.each(cases)('$selector → $expected', ({ selector, expected }) => {
    expect(selectorMatches(selector, labels)).toBe(expected);
  });
});
