// Unit checks of what the executor sees from the kube ports: libs/kube's errors classified by their HTTP
// status (transient vs permanent) with the API's message, the served kinds of a CRD, and the discovery wait.
import { describe, expect, it } from '@jest/globals';
import { NotFoundError, UnavailableError } from '@driftless/api';
import type { UnstructuredObject } from '@driftless/api';
import { errorForStatus, gvkOf } from '@driftless/kube';
import type { ApiResource, Discovery, ResourceClient } from '@driftless/kube';
import { apiStatusOf, classifyError, isNotFound } from '@driftless/reconcile';
import type { ApplyOptions } from '@driftless/reconcile';
import { servedKindsOfCrd } from './crd-kinds.js';
import { createKubeClusterPorts } from './kube-cluster-ports.js';

const ctx = { server: 'https://cluster.example', verb: 'patch', group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'prod', name: 'web' };

describe('libs/kube errors as the executor reads them', () => {
  it.each([
    [409, 409, 'transient'],
    [429, 503, 'transient'],
    [500, 503, 'transient'],
    [503, 503, 'transient'],
    [422, 422, 'permanent'],
    [400, 422, 'permanent'],
    [403, 403, 'permanent'],
    [401, 403, 'permanent'],
    [404, 404, 'permanent'],
  ])('HTTP %i → status %i, %s', (status, seen, kind) => {
    const error = errorForStatus(status, 'the server said no', ctx);
    expect(apiStatusOf(error)).toBe(seen);
    expect(classifyError(error)).toBe(kind);
    expect(isNotFound(error)).toBe(status === 404);
    // The API's own words reach the user, with the object named.
    expect(error.message).toBe('patch Deployment.apps prod/web on https://cluster.example: the server said no');
  });
});

describe('servedKindsOfCrd', () => {
  it('lists one kind per served version', () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: { group: 'example.com', names: { kind: 'Widget' }, versions: [{ name: 'v1', served: true }, { name: 'v2', served: false }, { name: 'v3', served: true }] },
    };
    expect(servedKindsOfCrd(crd)).toEqual([
      { group: 'example.com', version: 'v1', kind: 'Widget' },
      { group: 'example.com', version: 'v3', kind: 'Widget' },
    ]);
  });

  it('yields nothing for a malformed manifest', () => {
    expect(servedKindsOfCrd({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'x' } })).toEqual([]);
  });
});

const CSA: ApplyOptions = { serverSideApply: false, replace: false, force: false, validate: true, skipDryRunOnMissingResource: false };

const gadgetCrd: UnstructuredObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gadgets.example.com' },
  spec: { group: 'example.com', names: { kind: 'Gadget' }, versions: [{ name: 'v1', served: true }] },
};

const resource = (group: string, version: string, kind: string): ApiResource => ({ group, version, kind, resource: `${kind.toLowerCase()}s`, namespaced: false, verbs: [], preferred: true });

/** Discovery that starts serving Gadget after `servedAfter` refreshes, and a client that stores what it creates. */
function fakes(servedAfter: number): { discovery: Discovery; client: ResourceClient; refreshes: () => number } {
  let refreshes = 0;
  const served = (): ApiResource[] => [resource('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition'), ...(refreshes >= servedAfter ? [resource('example.com', 'v1', 'Gadget')] : [])];
  const discovery: Discovery = {
    server: 'https://cluster.example',
    resourceFor: async (gvk) => served().find((r) => r.kind === gvk.kind) ?? Promise.reject(new NotFoundError('no matches')),
    resources: async () => served(),
    refresh: async () => {
      refreshes += 1;
    },
  };
  const unused = (): Promise<never> => Promise.reject(new Error('not used'));
  const client: ResourceClient = {
    get: async () => Promise.reject(new NotFoundError('not found')),
    create: async (obj) => ({ ...obj, metadata: { ...obj.metadata, uid: 'u1' } }),
    list: unused,
    update: unused,
    patch: unused,
    apply: unused,
    delete: unused,
  };
  return { discovery, client, refreshes: () => refreshes };
}

describe('refreshDiscovery', () => {
  it('polls until the kinds of the CRDs applied are served', async () => {
    const { discovery, client, refreshes } = fakes(3);
    const sleeps: number[] = [];
    const ports = createKubeClusterPorts({ client, discovery, pollIntervalMs: 7, sleep: async (ms) => void sleeps.push(ms) });
    const live = await ports.apply(gadgetCrd, CSA);
    expect(gvkOf(live)).toEqual({ group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition' });
    await ports.refreshDiscovery();
    expect(refreshes()).toBe(3);
    expect(sleeps).toEqual([7, 7]);
    // Nothing awaited any more: one plain refresh.
    await ports.refreshDiscovery();
    expect(refreshes()).toBe(4);
  });

  it('gives up after the wait with an Unavailable error naming the kinds', async () => {
    const { discovery, client } = fakes(Number.POSITIVE_INFINITY);
    const ports = createKubeClusterPorts({ client, discovery, waitTimeoutMs: 0, sleep: async () => undefined });
    await ports.apply(gadgetCrd, CSA);
    const error = await ports.refreshDiscovery().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as Error).message).toBe('timed out after 0ms waiting for the API server to serve Gadget.example.com/v1');
  });
});
