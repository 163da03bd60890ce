// The executor's cluster ports against a TLS dev cluster: every apply mode, dry runs, hooks, deletes with
// each propagation policy, discovery after a CRD, errors with their status — then a whole sync via stepSync.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import type { Application, UnstructuredObject } from '@driftless/api';
import { startDevCluster } from '@driftless/devcluster';
import type { DevCluster } from '@driftless/devcluster';
import { createDiscovery, createResourceClient } from '@driftless/kube';
import type { Discovery, ResourceClient } from '@driftless/kube';
import { apiStatusOf, isNotFound, keyOf, matchResources, stepSync } from '@driftless/reconcile';
import type { ApplyOptions, ClusterPorts, PlanKey, StepInput, SyncPorts } from '@driftless/reconcile';
import { waitFor } from '@driftless/testing';
import { ARGOCD_FIELD_MANAGER, createKubeClusterPorts } from './kube-cluster-ports.js';

const CONFIG_MAP = { group: '', version: 'v1', kind: 'ConfigMap' };
const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };
const REPLICA_SET = { group: 'apps', version: 'v1', kind: 'ReplicaSet' };
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const TRACKING = 'argocd.argoproj.io/tracking-id';

/** Argo's defaults: client-side apply, validated. */
const CSA: ApplyOptions = { serverSideApply: false, replace: false, force: false, validate: true, skipDryRunOnMissingResource: false };

let cluster: DevCluster;
let discovery: Discovery;
let client: ResourceClient;
let ports: ClusterPorts;

beforeAll(async () => {
  cluster = await startDevCluster({ tls: true });
  const kc = new k8s.KubeConfig();
  kc.loadFromString(cluster.kubeconfig);
  // A miss never refreshes discovery by itself here, so the CRD test shows refreshDiscovery doing it.
  discovery = createDiscovery(kc, { minRefreshIntervalMs: 3_600_000 });
  client = createResourceClient(kc, discovery);
  ports = createKubeClusterPorts({ client, discovery, pollIntervalMs: 50 });
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
});

async function freshNamespace(): Promise<string> {
  const name = `test-${randomUUID().slice(0, 8)}`;
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

function configMap(namespace: string, name: string, data: Record<string, string>, extra: Partial<UnstructuredObject['metadata']> = {}): UnstructuredObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...extra }, data };
}

function deployment(namespace: string, labels: Record<string, string>): UnstructuredObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace, labels: { app: 'web', ...labels } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' }, annotations: { 'devcluster.driftless.io/ready-after-ms': '50' } },
        spec: { containers: [{ name: 'web', image: 'guestbook:1' }] },
      },
    },
  };
}

function service(namespace: string, clusterIP: string): UnstructuredObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace }, spec: { clusterIP, selector: { app: 'web' }, ports: [{ port: 80 }] } };
}

function keyFor(obj: UnstructuredObject): PlanKey {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  return { group: group ?? '', version: version ?? '', kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('client-side apply (default)', () => {
  it('creates, configures, then leaves an unchanged object alone', async () => {
    const ns = await freshNamespace();
    const created = await ports.apply(configMap(ns, 'settings', { mode: 'demo' }), CSA);
    expect(created.metadata.annotations?.[LAST_APPLIED]).toContain('"mode":"demo"');

    const configured = await ports.apply(configMap(ns, 'settings', { mode: 'prod' }), CSA);
    expect(configured['data']).toEqual({ mode: 'prod' });
    expect(configured.metadata.resourceVersion).not.toBe(created.metadata.resourceVersion);

    const unchanged = await ports.apply(configMap(ns, 'settings', { mode: 'prod' }), CSA);
    expect(unchanged.metadata.resourceVersion).toBe(configured.metadata.resourceVersion);
  });

  it('removes a field dropped from the config (three-way) and keeps server defaults', async () => {
    const ns = await freshNamespace();
    const first = await ports.apply(deployment(ns, { tier: 'front' }), CSA);
    expect(first['spec']).toMatchObject({ progressDeadlineSeconds: 600, revisionHistoryLimit: 10 });

    const second = await ports.apply(deployment(ns, {}), CSA);
    expect(second.metadata.labels).toEqual({ app: 'web' });
    expect(second['spec']).toMatchObject({ progressDeadlineSeconds: 600, revisionHistoryLimit: 10 });
  });

  it('rejects an invalid object with 422 and the API server message', async () => {
    const ns = await freshNamespace();
    const error = await rejection(ports.apply(configMap(ns, 'Not_Valid', { a: '1' }), CSA));
    expect(apiStatusOf(error)).toBe(422);
    expect((error as Error).message).toMatch(/metadata\.name: Invalid value: "Not_Valid"/);
  });

  it('with validate: false, drops unknown fields instead of failing', async () => {
    const ns = await freshNamespace();
    const odd = { ...configMap(ns, 'odd', { a: '1' }), bogus: true };
    const error = await rejection(ports.apply(odd, CSA));
    expect(apiStatusOf(error)).toBe(422);
    const live = await ports.apply(odd, { ...CSA, validate: false });
    expect(live['bogus']).toBeUndefined();
  });
});

describe('server-side apply', () => {
  it('creates as argocd-controller and forces conflicts with other managers', async () => {
    const ns = await freshNamespace();
    const live = await ports.apply(configMap(ns, 'ssa', { mode: 'demo' }), { ...CSA, serverSideApply: true });
    const managers = (live.metadata.managedFields ?? []).map((f) => [f.manager, f.operation]);
    expect(managers).toContainEqual([ARGOCD_FIELD_MANAGER, 'Apply']);
    expect(live.metadata.annotations?.[LAST_APPLIED]).toBeUndefined();

    // Another manager takes the field; Argo's apply takes it back instead of failing with a conflict.
    await client.apply(configMap(ns, 'ssa', { mode: 'theirs' }), { fieldManager: 'someone-else', force: true });
    const back = await ports.apply(configMap(ns, 'ssa', { mode: 'ours' }), { ...CSA, serverSideApply: true });
    expect(back['data']).toEqual({ mode: 'ours' });
  });
});

describe('replace', () => {
  it('creates when missing, then PUTs the whole object', async () => {
    const ns = await freshNamespace();
    const replace = { ...CSA, replace: true };
    const created = await ports.apply(configMap(ns, 'r', { a: '1', b: '2' }), replace);
    expect(created.metadata.annotations?.[LAST_APPLIED]).toBeUndefined();
    await client.patch(CONFIG_MAP, { namespace: ns, name: 'r' }, { metadata: { labels: { foreign: 'yes' } } });

    const replaced = await ports.apply(configMap(ns, 'r', { a: '3' }), replace);
    expect(replaced['data']).toEqual({ a: '3' });
    expect(replaced.metadata.labels).toBeUndefined();
    expect(replaced.metadata.uid).toBe(created.metadata.uid);
  });

  it('with force, deletes and re-creates', async () => {
    const ns = await freshNamespace();
    const created = await ports.apply(configMap(ns, 'rf', { a: '1' }), { ...CSA, replace: true });
    const recreated = await ports.apply(configMap(ns, 'rf', { a: '2' }), { ...CSA, replace: true, force: true });
    expect(recreated['data']).toEqual({ a: '2' });
    expect(recreated.metadata.uid).not.toBe(created.metadata.uid);
  });
});

describe('force', () => {
  it('re-creates an object whose immutable field changed; without force that is a 422', async () => {
    const ns = await freshNamespace();
    const created = await ports.apply(service(ns, '10.96.200.10'), CSA);

    const error = await rejection(ports.apply(service(ns, '10.96.200.11'), CSA));
    expect(apiStatusOf(error)).toBe(422);
    expect((error as Error).message).toMatch(/spec\.clusterIPs\[0\]: Invalid value: "10\.96\.200\.11": may not change once set/);

    const recreated = await ports.apply(service(ns, '10.96.200.11'), { ...CSA, force: true });
    expect(recreated['spec']).toMatchObject({ clusterIP: '10.96.200.11' });
    expect(recreated.metadata.uid).not.toBe(created.metadata.uid);
    expect(recreated.metadata.annotations?.[LAST_APPLIED]).toContain('10.96.200.11');
  });
});

describe('dry run', () => {
  it('changes nothing, whether the object exists or not', async () => {
    const ns = await freshNamespace();
    const live = await ports.apply(configMap(ns, 'dry', { a: '1' }), CSA);
    await ports.dryRun(configMap(ns, 'dry', { a: '2' }), CSA);
    await ports.dryRun(configMap(ns, 'dry', { a: '2' }), { ...CSA, serverSideApply: true });
    await ports.dryRun(configMap(ns, 'dry', { a: '2' }), { ...CSA, replace: true, force: true });
    const after = await ports.get(keyFor(live));
    expect(after?.metadata.resourceVersion).toBe(live.metadata.resourceVersion);
    expect(after?.['data']).toEqual({ a: '1' });

    await ports.dryRun(configMap(ns, 'absent', { a: '1' }), CSA);
    expect(await ports.get(keyFor(configMap(ns, 'absent', {})))).toBeUndefined();
  });

  it('fails as the apply would', async () => {
    const ns = await freshNamespace();
    const error = await rejection(ports.dryRun(configMap(ns, 'Not_Valid', {}), CSA));
    expect(apiStatusOf(error)).toBe(422);
  });
});

describe('hooks', () => {
  it('creates a named hook, and applies over it the second time', async () => {
    const ns = await freshNamespace();
    const first = await ports.createHook(configMap(ns, 'pre', { run: '1' }), CSA);
    const second = await ports.createHook(configMap(ns, 'pre', { run: '2' }), CSA);
    expect(second.metadata.uid).toBe(first.metadata.uid);
    expect(second['data']).toEqual({ run: '2' });
  });

  it('creates a generateName hook under a name the API server picks', async () => {
    const ns = await freshNamespace();
    const hook: UnstructuredObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'migrate-', namespace: ns }, data: {} };
    const a = await ports.createHook(hook, CSA);
    const b = await ports.createHook(hook, CSA);
    expect(a.metadata.name).toMatch(/^migrate-.+/);
    expect(b.metadata.name).not.toBe(a.metadata.name);
  });
});

describe('delete and get', () => {
  it('orphan keeps the ReplicaSet of a deleted Deployment', async () => {
    const ns = await freshNamespace();
    const deploy = await ports.apply(deployment(ns, {}), CSA);
    await waitFor(async () => (await client.list(REPLICA_SET, { namespace: ns })).items.length === 1, { description: 'the ReplicaSet exists', timeoutMs: 20_000 });
    await ports.delete(keyFor(deploy), { propagationPolicy: 'orphan' });
    await waitFor(async () => (await ports.get(keyFor(deploy))) === undefined, { description: 'the Deployment is gone' });
    const replicaSets = (await client.list(REPLICA_SET, { namespace: ns })).items;
    expect(replicaSets).toHaveLength(1);
    expect(replicaSets[0]?.metadata.ownerReferences ?? []).toEqual([]);
  });

  it('background deletes the dependents after the owner', async () => {
    const ns = await freshNamespace();
    const owner = await ports.apply(configMap(ns, 'owner', {}), CSA);
    const ownerRef = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid ?? '' };
    await ports.apply(configMap(ns, 'dependent', {}, { ownerReferences: [ownerRef] }), CSA);
    await ports.delete(keyFor(owner), { propagationPolicy: 'background' });
    expect(await ports.get(keyFor(owner))).toBeUndefined();
    await waitFor(async () => (await ports.get(keyFor(configMap(ns, 'dependent', {})))) === undefined, { description: 'the dependent is collected' });
  });

  it('foreground holds the owner, deleting, until its blocking dependents are gone', async () => {
    const ns = await freshNamespace();
    const owner = await ports.apply(configMap(ns, 'owner', {}), CSA);
    const ownerRef = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid ?? '', blockOwnerDeletion: true };
    const dependent = configMap(ns, 'dependent', {}, { ownerReferences: [ownerRef], finalizers: ['example.com/hold'] });
    await ports.apply(dependent, CSA);

    await ports.delete(keyFor(owner), { propagationPolicy: 'foreground' });
    const deleting = await waitFor(async () => {
      const live = await ports.get(keyFor(owner));
      return live?.metadata.deletionTimestamp !== undefined ? live : undefined;
    });
    expect(deleting.metadata.finalizers).toContain('foregroundDeletion');

    await client.patch(CONFIG_MAP, { namespace: ns, name: 'dependent' }, { metadata: { finalizers: null } });
    await waitFor(async () => (await ports.get(keyFor(owner))) === undefined, { description: 'the owner is gone' });
  });

  it('a missing object rejects with 404 on delete and reads as undefined', async () => {
    const ns = await freshNamespace();
    const key = keyFor(configMap(ns, 'nothing', {}));
    const error = await rejection(ports.delete(key, { propagationPolicy: 'background' }));
    expect(isNotFound(error)).toBe(true);
    expect(await ports.get(key)).toBeUndefined();
    expect(await ports.get({ ...key, group: 'example.com', kind: 'Unserved' })).toBeUndefined();
  });
});

describe('refreshDiscovery', () => {
  it('serves the kinds of a CRD just applied, so its custom resources apply', async () => {
    const ns = await freshNamespace();
    const crd: UnstructuredObject = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'gadgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
      },
    };
    const gadget: UnstructuredObject = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g', namespace: ns }, spec: { size: 1 } };
    await discovery.resources(); // loaded before the CRD exists, as in a long-running worker

    await ports.apply(crd, CSA);
    await ports.refreshDiscovery();
    const live = await ports.apply(gadget, CSA);
    expect(live['spec']).toEqual({ size: 1 });
  });
});

describe('a sync through the executor', () => {
  it('runs a ConfigMap in wave 0 and a Deployment in wave 1 to Succeeded, tracked', async () => {
    const ns = await freshNamespace();
    const appName = `app-${randomUUID().slice(0, 8)}`;
    const wave = (obj: UnstructuredObject, n: number): UnstructuredObject => ({
      ...obj,
      metadata: { ...obj.metadata, annotations: { ...obj.metadata.annotations, 'argocd.argoproj.io/sync-wave': String(n) } },
    });
    const desired = [wave(configMap(ns, 'settings', { mode: 'demo' }), 0), wave(deployment(ns, {}), 1)];
    let app: Application = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: appName, namespace: 'argocd' },
      spec: { project: 'default', destination: { server: 'https://kubernetes.default.svc', namespace: ns }, source: { repoURL: 'https://git.example/a.git', path: 'a', targetRevision: 'HEAD' } },
      operation: { sync: {} },
    };
    const syncPorts: SyncPorts = { ...ports, clock: { now: () => new Date(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) } };
    const phases: string[] = [];

    for (let i = 0; i < 100; i += 1) {
      // What the worker does before every step: read the live objects and re-match them.
      const live = (await Promise.all(desired.map((obj) => ports.get(keyFor(obj))))).filter((obj): obj is UnstructuredObject => obj !== undefined);
      const match = matchResources(desired, live, { appName, destinationNamespace: ns });
      const input: StepInput = { app, resources: match.pairs, hooks: match.hooks, revision: 'a'.repeat(40), options: { pollIntervalMs: 100, appName } };
      const result = await stepSync(input, syncPorts);
      phases.push(result.state.phase);
      const { operation, ...rest } = app;
      app = { ...rest, status: { ...app.status, operationState: JSON.parse(JSON.stringify(result.state)) as typeof result.state }, ...(result.done || operation === undefined ? {} : { operation }) };
      if (result.done) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(result.requeueAfterMs ?? 0, 200)));
    }

    const state = app.status?.operationState;
    expect(state?.phase).toBe('Succeeded');
    expect(phases[0]).toBe('Running');
    expect(state?.syncResult?.resources?.map((r) => [r.kind, r.name, r.status, r.hookPhase])).toEqual([
      ['ConfigMap', 'settings', 'Synced', 'Succeeded'],
      // The last step's resources do not hold the operation (gitops-engine): the Deployment is left Running.
      ['Deployment', 'web', 'Synced', 'Running'],
    ]);
    for (const obj of desired) {
      const live = await ports.get(keyFor(obj));
      const key = keyOf(obj);
      expect(live?.metadata.annotations?.[TRACKING]).toBe(`${appName}:${key.group}/${key.kind}:${ns}/${key.name}`);
    }
    // The dev cluster's Deployment controller and kubelet roll it out.
    await waitFor(async () => {
      const web = await client.get(DEPLOYMENT, { namespace: ns, name: 'web' });
      return (web['status'] as { availableReplicas?: number } | undefined)?.availableReplicas === 1;
    }, { description: 'the Deployment is available' });
  }, 60_000);
});
