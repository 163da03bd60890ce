// Issue 5 against a TLS dev cluster: CreateNamespace with managed metadata, a CRD and its custom resource in
// one sync (SkipDryRunOnMissingResource), selective sync and dry run.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startDevCluster } from '@driftless/devcluster';
import type { DevCluster } from '@driftless/devcluster';
import type { UnstructuredObject } from '@driftless/api';
import { createdAt, recordEvents } from './test-support/cluster-events.js';
import type { EventLog } from './test-support/cluster-events.js';
import { CONFIG_MAP, NAMESPACE, annotate, configMap, freshNamespace, uniqueName } from './test-support/manifests.js';
import { connect, newRun, requestOperation, resultLines, runToEnd, stateOf } from './test-support/sync-driver.js';
import type { Connection } from './test-support/sync-driver.js';

const TRACKING = 'argocd.argoproj.io/tracking-id';

let cluster: DevCluster;
let conn: Connection;
let log: EventLog;

beforeAll(async () => {
  cluster = await startDevCluster({ tls: true });
  conn = connect(cluster.kubeconfig);
  log = recordEvents(cluster);
}, 60_000);

afterAll(async () => {
  log?.stop();
  await cluster?.stop();
});

function crd(group: string): UnstructuredObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `gadgets.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
    },
  };
}

function gadget(group: string, namespace: string, name: string): UnstructuredObject {
  return { apiVersion: `${group}/v1`, kind: 'Gadget', metadata: { name, namespace }, spec: { size: 3 } };
}

describe('CreateNamespace=true', () => {
  it('creates the destination namespace with the managed labels and annotations, untracked, before its objects', async () => {
    // Given a destination namespace that does not exist and managed namespace metadata
    const ns = uniqueName('created');
    const run = newRun({
      appName: uniqueName('createns'),
      namespace: ns,
      desired: [configMap(ns, 'settings')],
      operation: { sync: { syncOptions: ['CreateNamespace=true'] } },
      spec: { syncPolicy: { managedNamespaceMetadata: { labels: { team: 'payments' }, annotations: { owner: 'alice' } } } },
    });

    // When the sync runs
    await runToEnd(conn, run);

    // Then the namespace exists with the metadata, is not tracked, and was created before the ConfigMap
    expect(stateOf(run).phase).toBe('Succeeded');
    const live = await conn.ports.get({ ...NAMESPACE, namespace: '', name: ns });
    expect(live?.metadata.labels).toMatchObject({ team: 'payments' });
    expect(live?.metadata.annotations).toMatchObject({ owner: 'alice' });
    expect(live?.metadata.annotations?.[TRACKING]).toBeUndefined();
    expect(createdAt(log, 'namespaces', '', ns)).toBeLessThan(createdAt(log, 'configmaps', ns, 'settings'));
    expect(resultLines(run)[0]).toBe(`PreSync Namespace/${ns} Synced Succeeded`);
    expect(stateOf(run).syncResult?.managedNamespaceMetadata).toEqual({ labels: { team: 'payments' }, annotations: { owner: 'alice' } });
  }, 60_000);
});

describe('a CRD and its custom resources', () => {
  it('applies the CRD, then the custom resource, in one sync (its dry run skipped)', async () => {
    // Given a CRD and a custom resource of it, neither in the cluster
    const ns = await freshNamespace(conn.client);
    const group = `${uniqueName('g')}.example.com`;
    const run = newRun({ appName: uniqueName('crd'), namespace: ns, desired: [gadget(group, ns, 'g1'), crd(group)] });

    // When the sync runs
    await runToEnd(conn, run);

    // Then both exist and the custom resource came after its definition
    expect(stateOf(run).phase).toBe('Succeeded');
    const live = await conn.ports.get({ group, version: 'v1', kind: 'Gadget', namespace: ns, name: 'g1' });
    expect(live?.['spec']).toEqual({ size: 3 });
    expect(createdAt(log, 'customresourcedefinitions', '', `gadgets.${group}`)).toBeLessThan(createdAt(log, 'gadgets', ns, 'g1'));
    // One step: its resources do not hold the operation, so both stay Running (gitops-engine).
    expect(resultLines(run)).toEqual([`Sync CustomResourceDefinition/gadgets.${group} Synced Running`, 'Sync Gadget/g1 Synced Running']);
  }, 60_000);

  it('fails the dry run of a custom resource whose CRD is missing, before any write', async () => {
    // Given a custom resource of a kind the cluster does not serve, next to a ConfigMap
    const ns = await freshNamespace(conn.client);
    const group = `${uniqueName('missing')}.example.com`;
    const run = newRun({ appName: uniqueName('nocrd'), namespace: ns, desired: [configMap(ns, 'first'), gadget(group, ns, 'g1')] });

    // When the sync runs
    await runToEnd(conn, run);

    // Then it fails in the pre-flight dry run and nothing was created
    expect(stateOf(run).phase).toBe('Failed');
    expect(stateOf(run).message).toMatch(/^one or more objects failed to apply \(dry run\), reason: .*Gadget/);
    expect(await conn.ports.get({ ...CONFIG_MAP, namespace: ns, name: 'first' })).toBeUndefined();
  }, 60_000);

  it('with SkipDryRunOnMissingResource=true, skips that dry run and fails at the apply instead', async () => {
    // Given the same custom resource marked SkipDryRunOnMissingResource=true
    const ns = await freshNamespace(conn.client);
    const group = `${uniqueName('missing')}.example.com`;
    const cr = annotate(gadget(group, ns, 'g1'), { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' });
    const run = newRun({ appName: uniqueName('skipdry'), namespace: ns, desired: [configMap(ns, 'first'), cr] });

    // When the sync runs
    await runToEnd(conn, run);

    // Then the pre-flight passed (the ConfigMap was applied) and the apply of the custom resource failed
    expect(stateOf(run).phase).toBe('Failed');
    expect(stateOf(run).message).toMatch(/^one or more objects failed to apply, reason: .*Gadget/);
    expect(await conn.ports.get({ ...CONFIG_MAP, namespace: ns, name: 'first' })).toBeDefined();
    expect(resultLines(run)).toContain('Sync Gadget/g1 SyncFailed Failed');
  }, 60_000);
});

describe('selective sync', () => {
  it('changes only the listed resource and records no history', async () => {
    // Given two ConfigMaps synced once (one history entry)
    const ns = await freshNamespace(conn.client);
    const run = newRun({ appName: uniqueName('selective'), namespace: ns, desired: [configMap(ns, 'a', { v: '1' }), configMap(ns, 'b', { v: '1' })] });
    await runToEnd(conn, run);
    expect(run.app.status?.history).toHaveLength(1);
    const before = await conn.ports.get({ ...CONFIG_MAP, namespace: ns, name: 'b' });

    // When both change in Git and a sync of `a` alone runs
    requestOperation(run, { sync: { resources: [{ kind: 'ConfigMap', namespace: ns, name: 'a' }] } }, [configMap(ns, 'a', { v: '2' }), configMap(ns, 'b', { v: '2' })]);
    await runToEnd(conn, run);

    // Then only `a` changed, and the history is unchanged
    expect(stateOf(run).phase).toBe('Succeeded');
    expect((await conn.ports.get({ ...CONFIG_MAP, namespace: ns, name: 'a' }))?.['data']).toEqual({ v: '2' });
    const after = await conn.ports.get({ ...CONFIG_MAP, namespace: ns, name: 'b' });
    expect(after?.['data']).toEqual({ v: '1' });
    expect(after?.metadata.resourceVersion).toBe(before?.metadata.resourceVersion);
    expect(resultLines(run).map((l) => l.split(' ')[1])).toEqual(['ConfigMap/a']);
    expect(run.app.status?.history).toHaveLength(1);
  }, 60_000);
});

describe('dry run', () => {
  it('changes nothing: live objects keep their resourceVersion, absent ones stay absent, prunes do not delete', async () => {
    // Given a synced ConfigMap `a` and a tracked ConfigMap `old`
    const ns = await freshNamespace(conn.client);
    const run = newRun({ appName: uniqueName('dryrun'), namespace: ns, desired: [configMap(ns, 'a', { v: '1' }), configMap(ns, 'old')] });
    await runToEnd(conn, run);
    const a = await conn.ports.get({ ...CONFIG_MAP, namespace: ns, name: 'a' });
    const old = await conn.ports.get({ ...CONFIG_MAP, namespace: ns, name: 'old' });

    // When Git changes `a`, adds `b`, drops `old`, and a pruning dry run runs
    requestOperation(run, { sync: { dryRun: true, prune: true } }, [configMap(ns, 'a', { v: '2' }), configMap(ns, 'b')]);
    await runToEnd(conn, run);

    // Then it reports success and the cluster is untouched
    expect(stateOf(run).phase).toBe('Succeeded');
    expect((await conn.ports.get({ ...CONFIG_MAP, namespace: ns, name: 'a' }))?.metadata.resourceVersion).toBe(a?.metadata.resourceVersion);
    expect((await conn.ports.get({ ...CONFIG_MAP, namespace: ns, name: 'old' }))?.metadata.resourceVersion).toBe(old?.metadata.resourceVersion);
    expect(await conn.ports.get({ ...CONFIG_MAP, namespace: ns, name: 'b' })).toBeUndefined();
    expect(stateOf(run).syncResult?.resources?.find((r) => r.name === 'old')).toMatchObject({ status: 'Pruned', message: 'pruned (dry run)' });
    expect(run.app.status?.history).toHaveLength(1);
  }, 60_000);
});
