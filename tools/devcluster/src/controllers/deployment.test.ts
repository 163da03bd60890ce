// Deployment rollouts against the fake cluster: create, become available, roll within the surge and
// unavailability budgets, recreate, undo, scale, pause, trim history and time out.
import { describe, expect, it } from '@jest/globals';
import type { KubeObject } from '../model/kube-object.js';
import { builtinControllers } from './index.js';
import { numberAt, objectAt, objectsAt, stringAt } from './json-fields.js';
import { annotationsOf, isBeingDeleted } from './object-meta.js';
import { isPodReady } from './pod-state.js';
import { DEPLOYMENTS, REPLICASETS } from './resource-types.js';
import { FakeCluster } from './testing/fake-cluster.js';
import type { FakeClusterOptions } from './testing/fake-cluster.js';
import { loadFixture, loadObject } from './testing/fixtures.js';
import { conditionOf, conditionSummary, podsOf, replicaSetsOf } from './testing/queries.js';

const HASH = /^web-[4-9bcdf]{1,10}$/;

function cluster(onWrite?: FakeClusterOptions['onWrite']): FakeCluster {
  const result = new FakeCluster({ controllers: builtinControllers(), onWrite });
  result.create(...loadFixture('nodes-three.yaml'));
  return result;
}

function web(c: FakeCluster): KubeObject {
  const found = c.get(DEPLOYMENTS, 'default', 'web');
  if (found === undefined) throw new Error('deployment web is gone');
  return found;
}

function setImage(c: FakeCluster, image: string): void {
  c.edit(DEPLOYMENTS, 'default', 'web', (d) => {
    const [container] = objectsAt(d, 'spec', 'template', 'spec', 'containers');
    if (container !== undefined) container['image'] = image;
  });
}

function rolledOut(c: FakeCluster): boolean {
  const d = web(c);
  const replicas = numberAt(d, 'spec', 'replicas') ?? 1;
  const count = (field: string): number => numberAt(d, 'status', field) ?? 0;
  return (
    count('observedGeneration') >= (numberAt(d, 'metadata', 'generation') ?? 0) &&
    count('updatedReplicas') === replicas &&
    count('replicas') === replicas &&
    count('availableReplicas') === replicas
  );
}

function template(rs: KubeObject): string | undefined {
  return stringAt(objectsAt(rs, 'spec', 'template', 'spec', 'containers')[0], 'image');
}

describe('deployment controller', () => {
  it('creates a ReplicaSet named by the template hash, owned by the Deployment, at revision 1', () => {
    const c = cluster();
    c.create(loadObject('deployment-healthy.yaml'));
    const [rs, ...others] = replicaSetsOf(c, web(c));
    expect(others).toEqual([]);
    const hash = stringAt(rs, 'metadata', 'labels', 'pod-template-hash') ?? '';
    expect(rs?.metadata.name).toMatch(HASH);
    expect(rs?.metadata.name).toBe(`web-${hash}`);
    expect(rs?.metadata['ownerReferences']).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: web(c).metadata['uid'], controller: true, blockOwnerDeletion: true },
    ]);
    expect(annotationsOf(rs ?? web(c))).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(objectAt(rs, 'spec', 'selector')).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(stringAt(rs, 'spec', 'template', 'metadata', 'labels', 'pod-template-hash')).toBe(hash);
    expect(annotationsOf(web(c))['deployment.kubernetes.io/revision']).toBe('1');
    expect(podsOf(c, rs ?? web(c))).toHaveLength(3);
    expect(conditionSummary(web(c))).toEqual({ Available: 'False/MinimumReplicasUnavailable', Progressing: 'True/ReplicaSetUpdated' });
  });

  it('becomes Available with NewReplicaSetAvailable once the pods are ready', () => {
    const c = cluster();
    c.create(loadObject('deployment-healthy.yaml'));
    c.advance(1000);
    const d = web(c);
    const [rs] = replicaSetsOf(c, d);
    expect(objectAt(d, 'status')).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(numberAt(d, 'status', 'unavailableReplicas')).toBeUndefined();
    expect(conditionOf(d, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(conditionOf(d, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rs?.metadata.name ?? ''}" has successfully progressed.` });
    expect(c.noopWrites).toBe(0);
  });

  const rollingCases = [
    { replicas: 4, maxSurge: '25%', maxUnavailable: '25%', maxTotal: 5, minAvailable: 3 },
    { replicas: 3, maxSurge: 1, maxUnavailable: 0, maxTotal: 4, minAvailable: 3 },
    { replicas: 3, maxSurge: 0, maxUnavailable: 1, maxTotal: 3, minAvailable: 2 },
    { replicas: 10, maxSurge: '50%', maxUnavailable: '20%', maxTotal: 15, minAvailable: 8 },
    { replicas: 2, maxSurge: '0%', maxUnavailable: '1%', maxTotal: 2, minAvailable: 1 },
  ];
  it.each(rollingCases)('rolls $replicas replicas with surge $maxSurge / unavailable $maxUnavailable within budget', (row) => {
    let checking = false;
    let checks = 0;
    const violations: string[] = [];
    const c = cluster((view) => {
      if (!checking) return;
      checks += 1;
      const d = view.get(DEPLOYMENTS, 'default', 'web');
      if (d === undefined) return;
      const replicaSets = replicaSetsOf(view, d);
      const total = replicaSets.reduce((sum, rs) => sum + (numberAt(rs, 'spec', 'replicas') ?? 0), 0);
      const available = replicaSets.flatMap((rs) => podsOf(view, rs)).filter((p) => !isBeingDeleted(p) && isPodReady(p)).length;
      if (total > row.maxTotal) violations.push(`${total} replicas in ReplicaSets`);
      if (available < row.minAvailable) violations.push(`${available} available pods`);
    });
    const deployment = loadObject('deployment-healthy.yaml');
    deployment['spec'] = { ...objectAt(deployment, 'spec'), replicas: row.replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: row.maxSurge, maxUnavailable: row.maxUnavailable } } };
    c.create(deployment);
    c.advanceUntil(() => rolledOut(c));
    checking = true;
    setImage(c, 'nginx:1.26');
    c.advanceUntil(() => rolledOut(c));

    expect(violations).toEqual([]);
    expect(checks).toBeGreaterThan(row.replicas * 2);
    const replicaSets = replicaSetsOf(c, web(c));
    expect(replicaSets.map((rs) => [template(rs), numberAt(rs, 'spec', 'replicas'), annotationsOf(rs)['deployment.kubernetes.io/revision']]).sort()).toEqual([
      ['nginx:1.25', 0, '1'],
      ['nginx:1.26', row.replicas, '2'],
    ]);
    expect(annotationsOf(web(c))['deployment.kubernetes.io/revision']).toBe('2');
    expect(objectAt(web(c), 'status')).toMatchObject({ observedGeneration: 2, replicas: row.replicas, updatedReplicas: row.replicas, availableReplicas: row.replicas });
    expect(conditionSummary(web(c))).toEqual({ Available: 'True/MinimumReplicasAvailable', Progressing: 'True/NewReplicaSetAvailable' });
  });

  it('Recreate removes every old pod before the new ReplicaSet exists', () => {
    const overlaps: string[] = [];
    const c = cluster((view, write) => {
      if (write.resource !== 'pods' && write.resource !== 'replicasets') return;
      const d = view.get(DEPLOYMENTS, 'default', 'web');
      if (d === undefined) return;
      const sets = replicaSetsOf(view, d);
      const byImage = (image: string): KubeObject[] => sets.filter((rs) => template(rs) === image).flatMap((rs) => podsOf(view, rs));
      if (byImage('nginx:1.26').length > 0 && byImage('nginx:1.25').length > 0) overlaps.push(`${write.verb} ${write.name}`);
    });
    const deployment = loadObject('deployment-healthy.yaml');
    deployment['spec'] = { ...objectAt(deployment, 'spec'), strategy: { type: 'Recreate' } };
    c.create(deployment);
    c.advanceUntil(() => rolledOut(c));
    setImage(c, 'nginx:1.26');
    c.advanceUntil(() => rolledOut(c));
    expect(overlaps).toEqual([]);
    expect(replicaSetsOf(c, web(c)).map((rs) => [template(rs), numberAt(rs, 'spec', 'replicas')]).sort()).toEqual([
      ['nginx:1.25', 0],
      ['nginx:1.26', 3],
    ]);
  });

  it('rollout undo reuses the revision-1 ReplicaSet as revision 3', () => {
    const c = cluster();
    c.create(loadObject('deployment-healthy.yaml'));
    c.advanceUntil(() => rolledOut(c));
    const [first] = replicaSetsOf(c, web(c));
    setImage(c, 'nginx:1.26');
    c.advanceUntil(() => rolledOut(c));
    // What `kubectl rollout undo` does: copy revision 1's template (without pod-template-hash) back.
    setImage(c, 'nginx:1.25');
    c.advanceUntil(() => rolledOut(c));

    const replicaSets = replicaSetsOf(c, web(c));
    expect(replicaSets).toHaveLength(2);
    const reused = replicaSets.find((rs) => rs.metadata.name === first?.metadata.name);
    expect(annotationsOf(reused ?? web(c))).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect(numberAt(reused, 'spec', 'replicas')).toBe(3);
    expect(annotationsOf(web(c))['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('kubectl scale resizes the ReplicaSet and its annotations', () => {
    const c = cluster();
    c.create(loadObject('deployment-healthy.yaml'));
    c.advanceUntil(() => rolledOut(c));
    c.edit(DEPLOYMENTS, 'default', 'web', (d) => {
      d['spec'] = { ...objectAt(d, 'spec'), replicas: 5 };
    });
    c.advanceUntil(() => rolledOut(c));
    const [rs] = replicaSetsOf(c, web(c));
    expect(numberAt(rs, 'spec', 'replicas')).toBe(5);
    expect(annotationsOf(rs ?? web(c))).toMatchObject({ 'deployment.kubernetes.io/desired-replicas': '5', 'deployment.kubernetes.io/max-replicas': '7' });
    expect(annotationsOf(rs ?? web(c))['deployment.kubernetes.io/revision']).toBe('1');
  });

  it('scaled to zero is complete and available', () => {
    const c = cluster();
    c.create(loadObject('deployment-healthy.yaml'));
    c.advanceUntil(() => rolledOut(c));
    c.edit(DEPLOYMENTS, 'default', 'web', (d) => {
      d['spec'] = { ...objectAt(d, 'spec'), replicas: 0 };
    });
    c.advance(1000);
    expect(podsOf(c, replicaSetsOf(c, web(c))[0] ?? web(c))).toEqual([]);
    expect(objectAt(web(c), 'status')).toMatchObject({ observedGeneration: 2 });
    expect(numberAt(web(c), 'status', 'replicas')).toBeUndefined();
    expect(conditionSummary(web(c))).toEqual({ Available: 'True/MinimumReplicasAvailable', Progressing: 'True/NewReplicaSetAvailable' });
  });

  it('a paused Deployment does not roll out and reports DeploymentPaused, then resumes', () => {
    const c = cluster();
    c.create(loadObject('deployment-healthy.yaml'));
    c.advanceUntil(() => rolledOut(c));
    c.edit(DEPLOYMENTS, 'default', 'web', (d) => {
      d['spec'] = { ...objectAt(d, 'spec'), paused: true };
    });
    setImage(c, 'nginx:1.26');
    c.advance(5000);
    expect(replicaSetsOf(c, web(c))).toHaveLength(1);
    expect(conditionOf(web(c), 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    c.edit(DEPLOYMENTS, 'default', 'web', (d) => {
      d['spec'] = { ...objectAt(d, 'spec'), paused: false };
    });
    c.advanceUntil(() => rolledOut(c));
    expect(replicaSetsOf(c, web(c)).map(template).sort()).toEqual(['nginx:1.25', 'nginx:1.26']);
    expect(conditionOf(web(c), 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
  });

  it('keeps only revisionHistoryLimit old ReplicaSets', () => {
    const c = cluster();
    const deployment = loadObject('deployment-healthy.yaml');
    deployment['spec'] = { ...objectAt(deployment, 'spec'), revisionHistoryLimit: 1 };
    c.create(deployment);
    for (const image of ['nginx:1.26', 'nginx:1.27', 'nginx:1.28']) {
      c.advanceUntil(() => rolledOut(c));
      setImage(c, image);
    }
    c.advanceUntil(() => rolledOut(c));
    c.advance(1000);
    expect(replicaSetsOf(c, web(c)).map((rs) => [template(rs), annotationsOf(rs)['deployment.kubernetes.io/revision']]).sort()).toEqual([
      ['nginx:1.27', '3'],
      ['nginx:1.28', '4'],
    ]);
  });

  it('reports ProgressDeadlineExceeded when pods never become ready', () => {
    const c = cluster();
    c.create(loadObject('deployment-progress-deadline-exceeded.yaml'));
    c.advance(29_000);
    const before = c.get(DEPLOYMENTS, 'default', 'stuck');
    expect(conditionOf(before, 'Progressing')).toMatchObject({ status: 'True' });
    c.advance(3_000);
    const after = c.get(DEPLOYMENTS, 'default', 'stuck');
    const [rs] = c.list(REPLICASETS, 'default');
    expect(conditionOf(after, 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${rs?.metadata.name ?? ''}" has timed out progressing.`,
    });
    expect(conditionOf(after, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
    expect(objectAt(after, 'status')).toMatchObject({ replicas: 2, updatedReplicas: 2, unavailableReplicas: 2 });
  });
});
