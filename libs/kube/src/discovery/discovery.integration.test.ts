// Discovery against a dev cluster: built-in kinds, a CRD that appears during the test, rate-limited refresh.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NotFoundError } from '@driftless/api';
import { startDevCluster } from '@driftless/devcluster';
import type { DevCluster } from '@driftless/devcluster';
import { waitFor } from '@driftless/testing';
import { createResourceClient } from '../resources/resource-client.js';
import { crdManifest, kubeConfigFrom } from '../test-support/dev-cluster-client.js';
import { createDiscovery } from './discovery.js';

let cluster: DevCluster;

beforeAll(async () => {
  cluster = await startDevCluster({ tls: true });
});

afterAll(async () => {
  await cluster?.stop();
});

describe('createDiscovery', () => {
  it('maps built-in kinds to their resources', async () => {
    const discovery = createDiscovery(kubeConfigFrom(cluster.kubeconfig));
    expect(await discovery.resourceFor({ group: '', version: 'v1', kind: 'ConfigMap' })).toMatchObject({ resource: 'configmaps', namespaced: true, preferred: true });
    const deployments = await discovery.resourceFor({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(deployments).toMatchObject({ resource: 'deployments', namespaced: true });
    expect(deployments.verbs).toEqual(expect.arrayContaining(['get', 'list', 'watch', 'patch']));
    expect(await discovery.resourceFor({ group: '', version: 'v1', kind: 'Namespace' })).toMatchObject({ resource: 'namespaces', namespaced: false });
    expect((await discovery.resources()).some((r) => r.resource.includes('/'))).toBe(false);
  });

  it('refuses an unknown kind with "no matches for kind"', async () => {
    const discovery = createDiscovery(kubeConfigFrom(cluster.kubeconfig));
    const missing = discovery.resourceFor({ group: 'example.com', version: 'v1', kind: 'Nothing' });
    await expect(missing).rejects.toThrow(NotFoundError);
    await expect(discovery.resourceFor({ group: 'example.com', version: 'v1', kind: 'Nothing' })).rejects.toThrow('no matches for kind "Nothing" in group "example.com"');
  });

  it('finds a CRD created later: on a miss once the interval passed, or after refresh()', async () => {
    let clock = 0;
    const kc = kubeConfigFrom(cluster.kubeconfig);
    const discovery = createDiscovery(kc, { minRefreshIntervalMs: 60_000, now: () => clock });
    const gvk = { group: 'example.com', version: 'v1', kind: 'Sprocket' };
    await expect(discovery.resourceFor(gvk)).rejects.toThrow(NotFoundError);

    await createResourceClient(kc, discovery).create(crdManifest('Sprocket', 'sprockets'));
    const direct = createDiscovery(kc, { minRefreshIntervalMs: 0 });
    await waitFor(() => direct.resourceFor(gvk), { description: 'the CRD is served' });

    // Refreshed at clock 0: a miss within the interval answers from the cache.
    await expect(discovery.resourceFor(gvk)).rejects.toThrow(NotFoundError);
    clock = 60_000;
    expect(await discovery.resourceFor(gvk)).toMatchObject({ resource: 'sprockets', namespaced: true });

    const other = createDiscovery(kc, { minRefreshIntervalMs: 60_000, now: () => 0 });
    await other.resources();
    await other.refresh();
    expect(await other.resourceFor(gvk)).toMatchObject({ resource: 'sprockets' });
  });
});
