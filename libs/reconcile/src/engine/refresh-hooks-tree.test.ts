// refresh with hooks (never compared, listed with hook: true) and the resource tree served to the API.
import { describe, expect, it } from '@jest/globals';
import type { UnstructuredObject } from '@driftless/api';
import { SHA, application, configMap, deployment, fakeEngine, liveDeployment, tracking } from './fake-ports.js';

const HOOK = { 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/sync-wave': '-1' };

const job = (annotations: Record<string, string>): UnstructuredObject => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'migrate', annotations },
  spec: { template: { spec: { containers: [{ name: 'migrate', image: 'migrate:1' }], restartPolicy: 'Never' } } },
});

const liveJob = (): UnstructuredObject => ({
  ...job({ ...HOOK, ...tracking('guestbook', 'batch', 'Job', 'migrate') }),
  metadata: { name: 'migrate', namespace: 'prod', uid: 'j1', annotations: { ...HOOK, ...tracking('guestbook', 'batch', 'Job', 'migrate') } },
  status: { failed: 1, conditions: [{ type: 'Failed', status: 'True', message: 'BackoffLimitExceeded' }] },
});

const owned = (apiVersion: string, kind: string, name: string, uid: string, owner: UnstructuredObject, status: object): UnstructuredObject => ({
  apiVersion,
  kind,
  metadata: { name, namespace: 'prod', uid, ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '' }] },
  status,
});

describe('refresh: hooks', () => {
  it('never makes the application OutOfSync or Missing with a desired hook that is not live', async () => {
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment(), job(HOOK), job({ 'helm.sh/hook': 'post-install' })] }, live: [liveDeployment()] });
    const result = await engine.refresh(application());
    expect(result.sync.status).toBe('Synced');
    expect(result.health.status).toBe('Healthy');
    expect(result.resources.map((r) => r.kind)).toEqual(['Deployment']);
  });

  it('lists a live hook with hook: true, no sync status or health, and its desired wave', async () => {
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment(), job(HOOK)] }, live: [liveDeployment(), liveJob()] });
    const result = await engine.refresh(application());
    expect(result.sync.status).toBe('Synced');
    expect(result.health.status).toBe('Healthy');
    expect(result.resources[1]).toEqual({ group: 'batch', version: 'v1', kind: 'Job', namespace: 'prod', name: 'migrate', hook: true, requiresPruning: true, syncWave: -1 });
    expect(result.tree?.nodes[1]).toMatchObject({ kind: 'Job', health: { status: 'Degraded' } });
  });

  it('lists a Skip object without status or health', async () => {
    const skipped = configMap('skipped', { a: '1' }, { 'argocd.argoproj.io/hook': 'Skip' });
    const result = await fakeEngine({ rendered: { [SHA]: [deployment(), skipped] }, live: [liveDeployment()] }).engine.refresh(application());
    expect(result.sync.status).toBe('Synced');
    expect(result.resources[1]).toEqual({ group: '', version: 'v1', kind: 'ConfigMap', namespace: 'prod', name: 'skipped', syncWave: 0 });
  });
});

describe('refresh: resource tree', () => {
  it('serves managed resources and what they own with health; app health comes from managed ones only', async () => {
    const live = liveDeployment();
    const replicaSet = owned('apps/v1', 'ReplicaSet', 'web-1', 'r1', live, { replicas: 1, availableReplicas: 1, readyReplicas: 1 });
    const pod = owned('v1', 'Pod', 'web-1-a', 'p1', replicaSet, { phase: 'Failed', containerStatuses: [{ name: 'web', state: { terminated: { exitCode: 1 } } }] });
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment()] }, live: [pod, live, replicaSet] });
    const result = await engine.refresh(application());
    expect(result.health).toEqual({ status: 'Healthy' });
    expect(result.resources.map((r) => r.kind)).toEqual(['Deployment']);
    expect(result.tree?.nodes.map((n) => [n.kind, n.uid, n.parentRefs?.map((p) => p.uid), n.health?.status])).toEqual([
      ['Deployment', 'd1', undefined, 'Healthy'],
      ['ReplicaSet', 'r1', ['d1'], 'Healthy'],
      ['Pod', 'p1', ['r1'], 'Degraded'],
    ]);
  });
});
