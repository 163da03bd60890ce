// StatefulSets: ordered creation, status revisions, rolling updates top-down, partitions, OnDelete,
// ordered scale-down and Parallel creation.
import { describe, expect, it } from '@jest/globals';
import type { JsonObject } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import { builtinControllers } from './index.js';
import { numberAt, objectAt, objectsAt, stringAt } from './json-fields.js';
import { labelsOf } from './object-meta.js';
import { isPodReady } from './pod-state.js';
import { CONTROLLER_REVISIONS, PODS, STATEFULSETS } from './resource-types.js';
import { FakeCluster } from './testing/fake-cluster.js';
import type { WriteRecord } from './testing/fake-cluster.js';
import { loadFixture, loadObject } from './testing/fixtures.js';

function withSpec(spec: JsonObject): KubeObject {
  const set = loadObject('statefulset-healthy.yaml');
  set['spec'] = { ...objectAt(set, 'spec'), ...spec };
  return set;
}

function start(set: KubeObject, onWrite?: (c: FakeCluster, w: WriteRecord) => void): FakeCluster {
  const c = new FakeCluster({ controllers: builtinControllers(), onWrite });
  c.create(...loadFixture('nodes-three.yaml'), set);
  return c;
}

function db(c: FakeCluster): KubeObject | undefined {
  return c.get(STATEFULSETS, 'default', 'db');
}

function settled(c: FakeCluster): boolean {
  const set = db(c);
  const replicas = numberAt(set, 'spec', 'replicas') ?? 1;
  return (numberAt(set, 'status', 'observedGeneration') ?? 0) === (numberAt(set, 'metadata', 'generation') ?? 0) && (numberAt(set, 'status', 'readyReplicas') ?? 0) === replicas && (numberAt(set, 'status', 'replicas') ?? 0) === replicas;
}

function setImage(c: FakeCluster, image: string): void {
  c.edit(STATEFULSETS, 'default', 'db', (set) => {
    const [container] = objectsAt(set, 'spec', 'template', 'spec', 'containers');
    if (container !== undefined) container['image'] = image;
  });
}

function images(c: FakeCluster): Record<string, string | undefined> {
  return Object.fromEntries(c.list(PODS, 'default').map((pod) => [pod.metadata.name, stringAt(objectsAt(pod, 'spec', 'containers')[0], 'image')]));
}

describe('statefulset controller', () => {
  it('creates <name>-<ordinal> one at a time, each after the previous is ready', () => {
    const early: string[] = [];
    const c = start(loadObject('statefulset-healthy.yaml'), (view, write) => {
      if (write.verb !== 'create' || write.resource !== 'pods') return;
      const ordinal = Number(write.name.split('-').pop());
      for (let lower = 0; lower < ordinal; lower += 1) {
        const pod = view.get(PODS, 'default', `db-${lower}`);
        if (pod === undefined || !isPodReady(pod)) early.push(`${write.name} before db-${lower} was ready`);
      }
    });
    c.advanceUntil(() => settled(c));
    expect(early).toEqual([]);
    const pods = c.list(PODS, 'default');
    expect(pods.map((p) => p.metadata.name)).toEqual(['db-0', 'db-1', 'db-2']);
    const [revision] = c.list(CONTROLLER_REVISIONS, 'default');
    expect(labelsOf(pods[1] ?? {})).toMatchObject({ app: 'db', 'controller-revision-hash': revision?.metadata.name, 'statefulset.kubernetes.io/pod-name': 'db-1', 'apps.kubernetes.io/pod-index': '1' });
    expect(objectAt(pods[1], 'spec')).toMatchObject({ hostname: 'db-1', subdomain: 'db' });
    expect(revision).toMatchObject({ revision: 1 });
    expect(objectAt(db(c), 'status')).toEqual({
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      currentRevision: revision?.metadata.name,
      updateRevision: revision?.metadata.name,
      collisionCount: 0,
    });
  });

  it('rolls out from the highest ordinal down and then moves currentRevision', () => {
    const deleted: string[] = [];
    const c = start(loadObject('statefulset-healthy.yaml'), (_view, write) => {
      if (write.resource === 'pods' && write.verb === 'terminate') deleted.push(write.name);
    });
    c.advanceUntil(() => settled(c));
    const before = stringAt(db(c), 'status', 'currentRevision');
    setImage(c, 'postgres:17');
    c.advanceUntil(() => settled(c) && stringAt(db(c), 'status', 'currentRevision') !== before);
    expect(deleted).toEqual(['db-2', 'db-1', 'db-0']);
    expect(images(c)).toEqual({ 'db-0': 'postgres:17', 'db-1': 'postgres:17', 'db-2': 'postgres:17' });
    expect(stringAt(db(c), 'status', 'currentRevision')).toBe(stringAt(db(c), 'status', 'updateRevision'));
    expect(c.list(CONTROLLER_REVISIONS, 'default').map((r) => r['revision']).sort()).toEqual([1, 2]);
  });

  it('stops at the partition and keeps the current revision', () => {
    const c = start(withSpec({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }));
    c.advanceUntil(() => settled(c));
    setImage(c, 'postgres:17');
    c.advance(10_000);
    expect(images(c)).toEqual({ 'db-0': 'postgres:16', 'db-1': 'postgres:16', 'db-2': 'postgres:17' });
    expect(objectAt(db(c), 'status')).toMatchObject({ replicas: 3, readyReplicas: 3, updatedReplicas: 1, currentReplicas: 2 });
    expect(stringAt(db(c), 'status', 'currentRevision')).not.toBe(stringAt(db(c), 'status', 'updateRevision'));
  });

  it('OnDelete only updates pods someone deletes', () => {
    const c = start(withSpec({ updateStrategy: { type: 'OnDelete' } }));
    c.advanceUntil(() => settled(c));
    setImage(c, 'postgres:17');
    c.advance(10_000);
    expect(images(c)).toEqual({ 'db-0': 'postgres:16', 'db-1': 'postgres:16', 'db-2': 'postgres:16' });
    c.remove(PODS, 'default', 'db-1');
    c.advance(10_000);
    expect(images(c)).toEqual({ 'db-0': 'postgres:16', 'db-1': 'postgres:17', 'db-2': 'postgres:16' });
  });

  it('scales down from the highest ordinal, one pod at a time', () => {
    const order: string[] = [];
    const c = start(withSpec({ replicas: 4 }), (_view, write) => {
      if (write.resource === 'pods' && write.verb === 'delete') order.push(write.name);
    });
    c.advanceUntil(() => settled(c));
    c.edit(STATEFULSETS, 'default', 'db', (set) => {
      set['spec'] = { ...objectAt(set, 'spec'), replicas: 1 };
    });
    c.advanceUntil(() => settled(c));
    expect(order).toEqual(['db-3', 'db-2', 'db-1']);
    expect(c.list(PODS, 'default').map((p) => p.metadata.name)).toEqual(['db-0']);
  });

  it('Parallel creates every pod at once', () => {
    const c = new FakeCluster({ controllers: builtinControllers() });
    c.create(...loadFixture('nodes-three.yaml'));
    c.create(withSpec({ podManagementPolicy: 'Parallel' }));
    expect(c.list(PODS, 'default').map((p) => p.metadata.name)).toEqual(['db-0', 'db-1', 'db-2']);
    expect(c.list(PODS, 'default').every((p) => !isPodReady(p))).toBe(true);
  });
});
