// clientSideApply against a TLS dev cluster, refereed by real `kubectl apply --server-side=false`:
// the same config sequence must leave the same live objects and report the same actions.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InvalidInputError } from '@driftless/api';
import type { UnstructuredObject } from '@driftless/api';
import { startDevCluster } from '@driftless/devcluster';
import type { DevCluster } from '@driftless/devcluster';
import { LAST_APPLIED_ANNOTATION } from '@driftless/patch';
import { waitFor } from '@driftless/testing';
import { createDiscovery } from '../discovery/discovery.js';
import type { Discovery } from '../discovery/discovery.js';
import { createResourceClient } from '../resources/resource-client.js';
import type { ResourceClient } from '../resources/resource-client.js';
import { crdManifest, freshNamespace, kubeConfigFrom } from '../test-support/dev-cluster-client.js';
import { kubectlFor } from '../test-support/kubectl.js';
import type { Kubectl } from '../test-support/kubectl.js';
import { clientSideApply } from './client-side-apply.js';

const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };
const CONFIG_MAP = { group: '', version: 'v1', kind: 'ConfigMap' };
const WIDGET = { group: 'example.com', version: 'v1', kind: 'Widget' };

let cluster: DevCluster;
let client: ResourceClient;
let discovery: Discovery;
let kubectl: Kubectl;

beforeAll(async () => {
  cluster = await startDevCluster({ tls: true });
  const kc = kubeConfigFrom(cluster.kubeconfig);
  discovery = createDiscovery(kc, { minRefreshIntervalMs: 0 });
  client = createResourceClient(kc, discovery);
  kubectl = await kubectlFor(cluster.kubeconfig);
  await client.create(crdManifest('Widget', 'widgets'));
  await waitFor(() => client.list(WIDGET), { description: 'the Widget CRD is served' });
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
});

function deployment(namespace: string, spec: { labels?: Record<string, string>; replicas?: number; containers: unknown[] }): UnstructuredObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace, labels: { app: 'web', ...spec.labels } },
    spec: {
      replicas: spec.replicas ?? 1,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: spec.containers } },
    },
  };
}

function widget(namespace: string, spec: Record<string, unknown>): UnstructuredObject {
  return { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace }, spec };
}

/** The live object minus what differs between any two writers, namespace names made equal. */
function comparable(object: UnstructuredObject, namespace: string): unknown {
  const { resourceVersion: _rv, managedFields: _mf, uid: _uid, creationTimestamp: _ct, generation: _gen, ...metadata } = object.metadata;
  const { status: _status, ...rest } = object;
  return JSON.parse(JSON.stringify({ ...rest, metadata }).replaceAll(namespace, 'NS')) as unknown;
}

describe('clientSideApply', () => {
  it('creates with the annotation, then reports unchanged without a write', async () => {
    const namespace = await freshNamespace(client);
    const config: UnstructuredObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace }, data: { a: '1' } };
    const created = await clientSideApply(client, discovery, config);
    expect(created.action).toBe('created');
    expect(created.object.metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toBe(
      `{"apiVersion":"v1","data":{"a":"1"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"c","namespace":"${namespace}"}}\n`,
    );
    expect(created.object.metadata.managedFields?.map((entry) => entry.manager)).toEqual(['argocd-controller']);
    const again = await clientSideApply(client, discovery, config);
    expect(again.action).toBe('unchanged');
    expect(again.object.metadata.resourceVersion).toBe(created.object.metadata.resourceVersion);
  });

  it('deletes what the config dropped and keeps what another actor added', async () => {
    const namespace = await freshNamespace(client);
    const config = (data: Record<string, string>): UnstructuredObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace, labels: { a: '1', b: '2' } }, data });
    await clientSideApply(client, discovery, config({ x: '1', y: '2' }));
    await kubectl(['annotate', '-n', namespace, 'configmap', 'c', 'someone=else']);
    await client.patch(CONFIG_MAP, { namespace, name: 'c' }, { data: { z: 'foreign' } }, { fieldManager: 'other' });
    const result = await clientSideApply(client, discovery, config({ x: '1' }));
    expect(result.action).toBe('configured');
    expect(result.object['data']).toEqual({ x: '1', z: 'foreign' });
    expect(result.object.metadata.annotations?.['someone']).toBe('else');
  });

  it('merges a Deployment container list by name', async () => {
    const namespace = await freshNamespace(client);
    await clientSideApply(client, discovery, deployment(namespace, { containers: [{ name: 'a', image: 'nginx:1' }, { name: 'b', image: 'busybox' }] }));
    const result = await clientSideApply(client, discovery, deployment(namespace, { containers: [{ name: 'c', image: 'redis' }, { name: 'a', image: 'nginx:2' }] }));
    const containers = ((result.object['spec'] as { template: { spec: { containers: { name: string; image: string; imagePullPolicy?: string }[] } } }).template.spec.containers);
    expect(containers.map((c) => [c.name, c.image])).toEqual([['c', 'redis'], ['a', 'nginx:2']]);
    // Server defaults on the kept container survive.
    expect(containers[1]?.imagePullPolicy).toBe('IfNotPresent');
  });

  it('patches a custom resource with a JSON merge patch', async () => {
    const namespace = await freshNamespace(client);
    await clientSideApply(client, discovery, widget(namespace, { size: 1, color: 'red' }));
    const result = await clientSideApply(client, discovery, widget(namespace, { size: 2 }));
    expect(result.action).toBe('configured');
    expect(result.object['spec']).toEqual({ size: 2 });
  });

  it('changes nothing on dryRun', async () => {
    const namespace = await freshNamespace(client);
    const first = await clientSideApply(client, discovery, widget(namespace, { size: 1 }));
    const dry = await clientSideApply(client, discovery, widget(namespace, { size: 5 }), { dryRun: true });
    expect(dry.action).toBe('configured');
    expect(dry.object['spec']).toEqual({ size: 5 });
    const live = await client.get(WIDGET, { namespace, name: 'w' });
    expect(live.metadata.resourceVersion).toBe(first.object.metadata.resourceVersion);
    expect(live['spec']).toEqual({ size: 1 });
    const dryCreate = await clientSideApply(client, discovery, { ...widget(namespace, { size: 1 }), metadata: { name: 'w2', namespace } }, { dryRun: true });
    expect(dryCreate.action).toBe('created');
    await expect(client.get(WIDGET, { namespace, name: 'w2' })).rejects.toThrow();
  });

  it('fails with the server message for an invalid object, naming it', async () => {
    // A wrong type for a schema-checked field (the dev cluster checks CRD schemas; it does not
    // type-check built-in kinds such as Deployment replicas, see docs/devcluster.md).
    const namespace = await freshNamespace(client);
    const failure = clientSideApply(client, discovery, widget(namespace, { size: 'three' }));
    await expect(failure).rejects.toBeInstanceOf(InvalidInputError);
    await expect(failure).rejects.toThrow(new RegExp(`Widget.*${namespace}/w.*spec.size`, 's'));
  });

  it('sends fieldValidation: unknown fields fail when validating and are dropped with validate=false', async () => {
    const namespace = await freshNamespace(client);
    const config: UnstructuredObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace }, data: { a: '1' }, bogus: 1 };
    await expect(clientSideApply(client, discovery, config)).rejects.toThrow(/bogus/);
    const created = await clientSideApply(client, discovery, config, { validate: false });
    expect(created.object['bogus']).toBeUndefined();
  });

  it('leaves the same objects and reports the same actions as kubectl apply for the same configs', async () => {
    const ours = await freshNamespace(client);
    const theirs = await freshNamespace(client);
    const steps = (namespace: string): UnstructuredObject[] => [
      deployment(namespace, { labels: { tier: 'fe' }, replicas: 2, containers: [{ name: 'a', image: 'nginx:1', args: ['1', '2'], env: [{ name: 'E1', value: '1' }, { name: 'E2', value: '2' }] }, { name: 'b', image: 'busybox' }] }),
      deployment(namespace, { replicas: 3, containers: [{ name: 'c', image: 'redis' }, { name: 'a', image: 'nginx:2', args: ['1'], env: [{ name: 'E1', value: '1' }] }] }),
      deployment(namespace, { replicas: 3, containers: [{ name: 'c', image: 'redis' }, { name: 'a', image: 'nginx:2', args: ['1'], env: [{ name: 'E1', value: '1' }] }] }),
      widget(namespace, { size: 1, color: 'red' }),
      widget(namespace, { size: 2 }),
    ];
    const actions: string[][] = [];
    for (const [i, step] of steps(ours).entries()) {
      const theirStep = steps(theirs)[i] as UnstructuredObject;
      const kubectlOut = await kubectl(['apply', '--server-side=false', '-f', '-'], JSON.stringify(theirStep));
      const result = await clientSideApply(client, discovery, step);
      actions.push([result.action, /(created|configured|unchanged)/.exec(kubectlOut)?.[1] ?? kubectlOut]);
      if (i === 0) {
        // Someone else labels both objects and sets a field the configs never mention.
        for (const namespace of [ours, theirs]) {
          await kubectl(['label', '-n', namespace, 'deployment', 'web', 'owner=ops']);
          await client.patch(DEPLOYMENT, { namespace, name: 'web' }, { spec: { minReadySeconds: 5 } }, { fieldManager: 'other' });
        }
      }
      const gvk = step.kind === 'Widget' ? WIDGET : DEPLOYMENT;
      const mine = await client.get(gvk, { namespace: ours, name: step.metadata.name ?? '' });
      const kubectls = await client.get(gvk, { namespace: theirs, name: step.metadata.name ?? '' });
      expect(comparable(mine, ours)).toEqual(comparable(kubectls, theirs));
    }
    expect(actions).toEqual([
      ['created', 'created'],
      ['configured', 'configured'],
      ['unchanged', 'unchanged'],
      ['created', 'created'],
      ['configured', 'configured'],
    ]);
    const live = await client.get(DEPLOYMENT, { namespace: ours, name: 'web' });
    expect(live.metadata.labels).toEqual({ app: 'web', owner: 'ops' });
    expect((live['spec'] as { minReadySeconds?: number }).minReadySeconds).toBe(5);
  });
});
