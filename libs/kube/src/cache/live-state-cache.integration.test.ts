// The live-state cache against a dev cluster: sees changes, survives a forced 410, keeps namespaces
// apart, and reports an unreachable cluster as an error rather than an empty view.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { InvalidInputError, UnavailableError } from '@driftless/api';
import type { UnstructuredObject } from '@driftless/api';
import { startDevCluster } from '@driftless/devcluster';
import type { DevCluster } from '@driftless/devcluster';
import { waitFor } from '@driftless/testing';
import type * as k8s from '@kubernetes/client-node';
import { createDiscovery } from '../discovery/discovery.js';
import { createResourceClient } from '../resources/resource-client.js';
import type { ResourceClient } from '../resources/resource-client.js';
import { freshNamespace, kubeConfigForServer, kubeConfigFrom } from '../test-support/dev-cluster-client.js';
import { createLiveStateCache } from './live-state-cache.js';
import type { LiveStateCache, LiveStateEvent } from './live-state-cache.js';

const CONFIG_MAP = { group: '', version: 'v1', kind: 'ConfigMap' };
const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };

let cluster: DevCluster;
let kc: k8s.KubeConfig;
let client: ResourceClient;
const caches: LiveStateCache[] = [];

beforeAll(async () => {
  cluster = await startDevCluster({ tls: true });
  kc = kubeConfigFrom(cluster.kubeconfig);
  client = createResourceClient(kc, createDiscovery(kc));
});

afterEach(async () => {
  cluster.faults.clear();
  await Promise.all(caches.splice(0).map((c) => c.stop()));
});

afterAll(async () => {
  await cluster?.stop();
});

function track(cache: LiveStateCache): LiveStateCache {
  caches.push(cache);
  return cache;
}

function configMap(namespace: string, name: string, data: Record<string, string>): UnstructuredObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}

function names(cache: LiveStateCache, namespace: string): string[] {
  return cache.list(CONFIG_MAP, namespace).map((o) => o.metadata.name ?? '').filter((n) => n !== 'kube-root-ca.crt').sort();
}

describe('createLiveStateCache', () => {
  it('lists existing objects, then sees create, update and delete', async () => {
    const namespace = await freshNamespace(client);
    await client.create(configMap(namespace, 'before', { v: '1' }));
    const events: LiveStateEvent[] = [];
    const cache = track(createLiveStateCache({ kc, discovery: createDiscovery(kc), kinds: [CONFIG_MAP, DEPLOYMENT], onChange: (e) => events.push(e) }));
    await cache.start();
    await cache.synced;
    expect(cache.status().get('v1/ConfigMap')).toEqual({ state: 'synced' });
    expect(names(cache, namespace)).toEqual(['before']);
    expect(cache.get(CONFIG_MAP, namespace, 'before')?.metadata.managedFields).toBeUndefined();

    await client.create(configMap(namespace, 'after', { v: '1' }));
    await waitFor(() => cache.get(CONFIG_MAP, namespace, 'after'));
    await client.patch(CONFIG_MAP, { namespace, name: 'after' }, { data: { v: '2' } });
    await waitFor(() => cache.get(CONFIG_MAP, namespace, 'after')?.data?.['v' as never] === '2');
    await client.delete(CONFIG_MAP, { namespace, name: 'before' });
    await waitFor(() => names(cache, namespace).join() === 'after');

    const mine = events.filter((e) => e.object.metadata.namespace === namespace && e.object.metadata.name !== 'kube-root-ca.crt');
    expect(mine.map((e) => `${e.type}:${e.object.metadata.name}`)).toEqual(['added:before', 'added:after', 'modified:after', 'deleted:before']);
    expect(mine.every((e) => e.gvk.kind === 'ConfigMap' && e.object.kind === 'ConfigMap')).toBe(true);
    expect(() => cache.list({ group: 'batch', version: 'v1', kind: 'Job' })).toThrow(InvalidInputError);
  });

  it('relists after a forced 410 Expired and keeps seeing changes', async () => {
    const namespace = await freshNamespace(client);
    const cache = track(createLiveStateCache({ kc, discovery: createDiscovery(kc), kinds: [CONFIG_MAP], namespaces: [namespace] }));
    await cache.start();
    await cache.synced;
    await client.create(configMap(namespace, 'one', {}));
    await waitFor(() => names(cache, namespace).join() === 'one');

    // A change the namespaced watch does not see moves the revision past the cache's resourceVersion,
    // so after compaction its resume is answered with 410 Expired.
    await client.create(configMap(await freshNamespace(client), 'unwatched', {}));
    cluster.faults.set({ forceExpired: true });
    await client.create(configMap(namespace, 'two', {}));
    await client.delete(CONFIG_MAP, { namespace, name: 'one' });
    await waitFor(() => names(cache, namespace).join() === 'two', { description: 'the relisted view' });
    await client.create(configMap(namespace, 'three', {}));
    await waitFor(() => names(cache, namespace).join() === 'three,two', { description: 'a change after the relist' });
    expect(cache.status().get('v1/ConfigMap')).toEqual({ state: 'synced' });
  });

  it('resumes watches the server keeps closing', async () => {
    const namespace = await freshNamespace(client);
    const cache = track(createLiveStateCache({ kc, discovery: createDiscovery(kc), kinds: [CONFIG_MAP], namespaces: [namespace] }));
    await cache.start();
    await cache.synced;
    cluster.faults.set({ dropWatchesAfterMs: 100 });
    for (const name of ['a', 'b', 'c']) {
      await client.create(configMap(namespace, name, {}));
      await waitFor(() => cache.get(CONFIG_MAP, namespace, name), { description: `${name} seen across dropped watches` });
    }
    expect(cache.status().get('v1/ConfigMap')).toEqual({ state: 'synced' });
  });

  it('reports failures while relisting and recovers, serving the last known state meanwhile', async () => {
    const namespace = await freshNamespace(client);
    await client.create(configMap(namespace, 'kept', {}));
    const cache = track(createLiveStateCache({ kc, discovery: createDiscovery(kc), kinds: [CONFIG_MAP], namespaces: [namespace], retry: { initialMs: 20, maxMs: 100 } }));
    await cache.start();
    await cache.synced;
    await client.create(configMap(await freshNamespace(client), 'unwatched', {}));
    cluster.faults.set({ forceExpired: true, errorRate: { status: 503, share: 1 } });
    const failing = await waitFor(() => {
      const s = cache.status().get('v1/ConfigMap');
      return s?.state === 'error' ? s : undefined;
    });
    expect(failing.message).toMatch(/503|Service Unavailable/);
    expect(names(cache, namespace)).toEqual(['kept']);
    cluster.faults.clear();
    await waitFor(() => cache.status().get('v1/ConfigMap')?.state === 'synced');
    await client.create(configMap(namespace, 'later', {}));
    await waitFor(() => names(cache, namespace).join() === 'kept,later');
  });

  it('watches only the given namespaces', async () => {
    const watched = await freshNamespace(client);
    const other = await freshNamespace(client);
    const cache = track(createLiveStateCache({ kc, discovery: createDiscovery(kc), kinds: [CONFIG_MAP], namespaces: [watched] }));
    await cache.start();
    await cache.synced;
    await client.create(configMap(other, 'elsewhere', {}));
    await client.create(configMap(watched, 'here', {}));
    await waitFor(() => cache.get(CONFIG_MAP, watched, 'here'));
    expect(cache.list(CONFIG_MAP).some((o) => o.metadata.namespace === other)).toBe(false);
  });

  it('watches every listable kind with all-listable', async () => {
    const namespace = await freshNamespace(client);
    const cache = track(createLiveStateCache({ kc, discovery: createDiscovery(kc), kinds: 'all-listable', namespaces: [namespace] }));
    await cache.start();
    await cache.synced;
    expect(cache.status().get('apps/v1/Deployment')).toEqual({ state: 'synced' });
    expect(cache.status().has('v1/Namespace')).toBe(false);
    await client.create(configMap(namespace, 'seen', {}));
    await waitFor(() => cache.get(CONFIG_MAP, namespace, 'seen'));
  });

  it('reports an unreachable cluster as an error, never as an empty view', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const closed = kubeConfigForServer(`https://127.0.0.1:${port}`);
    const cache = track(createLiveStateCache({ kc: closed, discovery: createDiscovery(closed), kinds: [CONFIG_MAP], retry: { initialMs: 20, maxMs: 200 } }));
    await cache.start();
    const status = await waitFor(() => {
      const s = cache.status().get('v1/ConfigMap');
      return s?.state === 'error' ? s : undefined;
    });
    expect(status.message).toMatch(/ECONNREFUSED/);
    expect(() => cache.list(CONFIG_MAP)).toThrow(UnavailableError);
    expect(() => cache.get(CONFIG_MAP, 'default', 'x')).toThrow(/is unknown: .*ECONNREFUSED/);
    await expect(createLiveStateCache({ kc: closed, discovery: createDiscovery(closed), kinds: 'all-listable' }).start()).rejects.toThrow(UnavailableError);
  });
  it('watches every listable kind except those filtered out, and cluster-scoped kinds only when asked', async () => {
    const namespace = await freshNamespace(client);
    const filtered = track(createLiveStateCache({ kc, discovery: createDiscovery(kc), kinds: 'all-listable', include: (r) => !(r.group === '' && r.kind === 'Event') }));
    await filtered.start();
    await filtered.synced;
    const kinds = [...filtered.status().keys()];
    expect(kinds).toContain('v1/ConfigMap');
    expect(kinds).toContain('apps/v1/Deployment');
    expect(kinds).not.toContain('v1/Event');

    const scoped = track(createLiveStateCache({ kc, discovery: createDiscovery(kc), kinds: 'all-listable', namespaces: [namespace] }));
    await scoped.start();
    expect([...scoped.status().keys()]).not.toContain('v1/Namespace');
    const withCluster = track(createLiveStateCache({ kc, discovery: createDiscovery(kc), kinds: 'all-listable', namespaces: [namespace], clusterScoped: true }));
    await withCluster.start();
    expect([...withCluster.status().keys()]).toContain('v1/Namespace');
  });
});
