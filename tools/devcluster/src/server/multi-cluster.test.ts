// Several dev clusters in one process are independent clusters, as multi-cluster tests need them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as k8s from '@kubernetes/client-node';
import { startDevCluster } from './start-dev-cluster.js';
import type { DevCluster } from './start-dev-cluster.js';

let east: DevCluster;
let west: DevCluster;

function core(cluster: DevCluster): k8s.CoreV1Api {
  const kc = new k8s.KubeConfig();
  kc.loadFromString(cluster.kubeconfig);
  return kc.makeApiClient(k8s.CoreV1Api);
}

beforeAll(async () => {
  [east, west] = await Promise.all([startDevCluster({ tls: true, token: 'east' }), startDevCluster({ tls: true, token: 'west' })]);
});

afterAll(async () => {
  await Promise.all([east?.stop(), west?.stop()]);
});

describe('two dev clusters at once', () => {
  it('listen on different addresses with their own CA and token', () => {
    expect(east.url).not.toBe(west.url);
    expect(east.ca).not.toBe(west.ca);
  });

  it('keep separate state: a ConfigMap created in one is not in the other', async () => {
    await core(east).createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'only-east' }, data: { k: 'v' } } });
    expect((await core(east).readNamespacedConfigMap({ namespace: 'default', name: 'only-east' })).data).toEqual({ k: 'v' });
    await expect(core(west).readNamespacedConfigMap({ namespace: 'default', name: 'only-east' })).rejects.toMatchObject({ code: 404 });
  });

  it("refuse each other's token", async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromString(west.kubeconfig.replace(/token: .*/, 'token: east'));
    await expect(kc.makeApiClient(k8s.CoreV1Api).listNamespace()).rejects.toMatchObject({ code: 401 });
  });
});
