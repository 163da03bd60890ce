// The generic client against a dev cluster: CRUD on ConfigMaps and a custom resource, patch types,
// conflicts, dry run, server-side apply ownership, and the typed errors.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConflictError, InvalidInputError, NotFoundError } from '@driftless/api';
import type { UnstructuredObject } from '@driftless/api';
import { startDevCluster } from '@driftless/devcluster';
import type { DevCluster } from '@driftless/devcluster';
import { waitFor } from '@driftless/testing';
import { createDiscovery } from '../discovery/discovery.js';
import { crdManifest, freshNamespace, kubeConfigFrom } from '../test-support/dev-cluster-client.js';
import { createResourceClient } from './resource-client.js';
import type { ResourceClient } from './resource-client.js';

const CONFIG_MAP = { group: '', version: 'v1', kind: 'ConfigMap' };
const WIDGET = { group: 'example.com', version: 'v1', kind: 'Widget' };

let cluster: DevCluster;
let client: ResourceClient;

beforeAll(async () => {
  cluster = await startDevCluster({ tls: true });
  const kc = kubeConfigFrom(cluster.kubeconfig);
  client = createResourceClient(kc, createDiscovery(kc, { minRefreshIntervalMs: 0 }));
  await client.create(crdManifest('Widget', 'widgets'));
  await waitFor(() => client.list(WIDGET), { description: 'the Widget CRD is served' });
});

afterAll(async () => {
  await cluster?.stop();
});

function configMap(namespace: string, name: string, data: Record<string, string>): UnstructuredObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels: { app: 'demo' } }, data };
}

describe('createResourceClient on ConfigMaps', () => {
  it('creates, gets, lists by label, updates, patches and deletes', async () => {
    const namespace = await freshNamespace(client);
    const created = await client.create(configMap(namespace, 'a', { k: '1' }));
    expect(created.metadata.resourceVersion).toBeTruthy();
    await client.create({ ...configMap(namespace, 'b', {}), metadata: { name: 'b', namespace } });

    expect((await client.get(CONFIG_MAP, { namespace, name: 'a' })).data).toEqual({ k: '1' });
    const listed = await client.list(CONFIG_MAP, { namespace, labelSelector: 'app=demo' });
    expect(listed.items.map((i) => `${i.kind}/${i.metadata.name}`)).toEqual(['ConfigMap/a']);
    expect(listed.resourceVersion).toBeTruthy();

    const updated = await client.update({ ...created, data: { k: '2' } });
    expect(updated.data).toEqual({ k: '2' });
    const merged = await client.patch(CONFIG_MAP, { namespace, name: 'a' }, { data: { extra: 'x' } });
    expect(merged.data).toEqual({ k: '2', extra: 'x' });
    const strategic = await client.patch(CONFIG_MAP, { namespace, name: 'a' }, { metadata: { labels: { tier: 'web' } } }, { type: 'strategic' });
    expect(strategic.metadata.labels).toEqual({ app: 'demo', tier: 'web' });
    const jsonPatched = await client.patch(CONFIG_MAP, { namespace, name: 'a' }, [{ op: 'remove', path: '/data/extra' }], { type: 'json' });
    expect(jsonPatched.data).toEqual({ k: '2' });

    await client.delete(CONFIG_MAP, { namespace, name: 'a' }, { propagationPolicy: 'Foreground' });
    await waitFor(async () => (await client.list(CONFIG_MAP, { namespace, labelSelector: 'app=demo' })).items.length === 0);
  });

  it('rejects an update with a stale resourceVersion as ConflictError', async () => {
    const namespace = await freshNamespace(client);
    const created = await client.create(configMap(namespace, 'c', { k: '1' }));
    await client.update({ ...created, data: { k: '2' } });
    const stale = client.update({ ...created, data: { k: '3' } });
    await expect(stale).rejects.toThrow(ConflictError);
    await expect(client.update({ ...created, data: { k: '3' } })).rejects.toMatchObject({ context: { kind: 'ConfigMap', namespace, name: 'c', status: 409 } });
  });

  it('names kind, namespace and name when an object is missing', async () => {
    const namespace = await freshNamespace(client);
    const missing = client.get(CONFIG_MAP, { namespace, name: 'nope' });
    await expect(missing).rejects.toThrow(NotFoundError);
    await expect(client.get(CONFIG_MAP, { namespace, name: 'nope' })).rejects.toThrow(`get ConfigMap ${namespace}/nope on ${cluster.url}`);
    await expect(client.delete(CONFIG_MAP, { namespace, name: 'nope' })).rejects.toThrow(NotFoundError);
  });

  it('persists nothing on dry run', async () => {
    const namespace = await freshNamespace(client);
    const dry = await client.create(configMap(namespace, 'dry', { k: '1' }), { dryRun: true });
    expect(dry.metadata.name).toBe('dry');
    await expect(client.get(CONFIG_MAP, { namespace, name: 'dry' })).rejects.toThrow(NotFoundError);
    await client.create(configMap(namespace, 'real', { k: '1' }));
    await client.patch(CONFIG_MAP, { namespace, name: 'real' }, { data: { k: '2' } }, { dryRun: true });
    await client.delete(CONFIG_MAP, { namespace, name: 'real' }, { dryRun: true });
    expect((await client.get(CONFIG_MAP, { namespace, name: 'real' })).data).toEqual({ k: '1' });
  });

  it('applies server-side, and a second manager changing the same field conflicts unless it forces', async () => {
    const namespace = await freshNamespace(client);
    const applied = await client.apply(configMap(namespace, 'ssa', { owner: 'first' }), { fieldManager: 'driftless' });
    expect(applied.data).toEqual({ owner: 'first' });
    const second = client.apply(configMap(namespace, 'ssa', { owner: 'second' }), { fieldManager: 'other' });
    await expect(second).rejects.toThrow(ConflictError);
    const forced = await client.apply(configMap(namespace, 'ssa', { owner: 'second' }), { fieldManager: 'other', force: true });
    expect(forced.data).toEqual({ owner: 'second' });
  });
});

describe('createResourceClient on a custom resource', () => {
  it('creates, merge-patches, updates, lists and deletes a Widget', async () => {
    const namespace = await freshNamespace(client);
    const widget: UnstructuredObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace }, spec: { size: 1 } };
    const created = await client.create(widget);
    const patched = await client.patch(WIDGET, { namespace, name: 'w' }, { spec: { color: 'red' } });
    expect(patched.spec).toEqual({ size: 1, color: 'red' });
    await expect(client.patch(WIDGET, { namespace, name: 'w' }, { spec: { size: 2 } }, { type: 'strategic' })).rejects.toThrow(InvalidInputError);
    await expect(client.update({ ...created, spec: { size: 9 } })).rejects.toThrow(ConflictError);
    const updated = await client.update({ ...patched, spec: { size: 3 } });
    expect(updated.spec).toEqual({ size: 3 });
    expect((await client.list(WIDGET, { namespace })).items.map((i) => i.kind)).toEqual(['Widget']);
    await client.delete(WIDGET, { namespace, name: 'w' });
    await expect(client.get(WIDGET, { namespace, name: 'w' })).rejects.toThrow(`get Widget.example.com ${namespace}/w`);
  });
});
