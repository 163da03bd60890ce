// @kubernetes/client-node against a dev cluster with TLS and a bearer token: typed, generic, watch, informer.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as k8s from '@kubernetes/client-node';
import { eventually } from '../testing/eventually.js';
import { startDevCluster } from './start-dev-cluster.js';
import type { DevCluster } from './start-dev-cluster.js';

let cluster: DevCluster;
let kc: k8s.KubeConfig;

beforeAll(async () => {
  cluster = await startDevCluster({ tls: true, token: 'secret-token', controllers: [], bookmarkIntervalMs: 200 });
  kc = new k8s.KubeConfig();
  kc.loadFromString(cluster.kubeconfig);
});

afterAll(async () => {
  await cluster.stop();
});

async function freshNamespace(): Promise<string> {
  const name = `t-${randomUUID().slice(0, 8)}`;
  await kc.makeApiClient(k8s.CoreV1Api).createNamespace({ body: { metadata: { name } } });
  return name;
}

async function apiCode(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 0;
  } catch (err) {
    return (err as { code?: number }).code ?? -1;
  }
}

describe('client-node typed APIs', () => {
  it('creates, reads, patches, replaces, lists and deletes ConfigMaps', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const namespace = await freshNamespace();
    const created = await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'cm', labels: { app: 'a' } }, data: { k: 'v' } } });
    expect(created.metadata?.uid).toBeDefined();
    expect(await apiCode(core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'cm' } } }))).toBe(409);
    const patched = await core.patchNamespacedConfigMap({ namespace, name: 'cm', body: [{ op: 'add', path: '/data/x', value: 'y' }] });
    expect(patched.data).toEqual({ k: 'v', x: 'y' });
    const merged = await core.patchNamespacedConfigMap({ namespace, name: 'cm', body: { data: { k: null } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
    expect(merged.data).toEqual({ x: 'y' });
    const stale = { ...created, data: { stale: 'yes' } };
    expect(await apiCode(core.replaceNamespacedConfigMap({ namespace, name: 'cm', body: stale }))).toBe(409);
    const list = await core.listNamespacedConfigMap({ namespace, labelSelector: 'app=a' });
    expect(list.items.map((i) => i.metadata?.name)).toEqual(['cm']);
    await core.deleteNamespacedConfigMap({ namespace, name: 'cm' });
    expect(await apiCode(core.readNamespacedConfigMap({ namespace, name: 'cm' }))).toBe(404);
  });

  it('keeps Deployment status out of spec writes and generation out of status writes', async () => {
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    const namespace = await freshNamespace();
    const body: k8s.V1Deployment = {
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
    };
    const created = await apps.createNamespacedDeployment({ namespace, body });
    expect(created.spec?.replicas).toBe(1);
    expect(created.metadata?.generation).toBe(1);
    const status = await apps.replaceNamespacedDeploymentStatus({ namespace, name: 'web', body: { ...created, status: { replicas: 1, observedGeneration: 1 } } });
    expect(status.metadata?.generation).toBe(1);
    const scaled = await apps.patchNamespacedDeployment({ namespace, name: 'web', body: [{ op: 'replace', path: '/spec/replicas', value: 3 }] });
    expect(scaled.metadata?.generation).toBe(2);
    expect(scaled.status?.observedGeneration).toBe(1);
  });

  it('answers 401 without the bearer token', async () => {
    const anonymous = new k8s.KubeConfig();
    anonymous.loadFromString(cluster.kubeconfig.replace('secret-token', 'wrong-token'));
    expect(await apiCode(anonymous.makeApiClient(k8s.CoreV1Api).listNamespace())).toBe(401);
  });
});

describe('client-node generic API with a custom resource', () => {
  it('serves a CRD after it is established and manages its objects', async () => {
    const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
    const namespace = await freshNamespace();
    await objects.create({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'gadgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
      },
    } as k8s.KubernetesObject);
    await eventually(
      () => objects.read({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'gadgets.example.com' } }) as Promise<k8s.V1CustomResourceDefinition>,
      (crd) => crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') === true,
    );
    const gadget = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g', namespace }, spec: { size: 1 } };
    // Undeclared fields are pruned (fieldValidation defaults to Warn).
    const created = await eventually(() => objects.create({ ...gadget, spec: { size: 1, junk: true } }));
    expect((created as unknown as { spec: unknown }).spec).toEqual({ size: 1 });
    const patched = await objects.patch({ ...gadget, spec: { size: 5 } }, undefined, undefined, undefined, undefined, k8s.PatchStrategy.MergePatch);
    expect((patched as unknown as { spec: { size: number } }).spec.size).toBe(5);
    expect(await apiCode(objects.patch({ ...gadget, spec: { size: 6 } }))).toBe(415);
    const listed = await objects.list('example.com/v1', 'Gadget', namespace);
    expect(listed.items.map((i) => i.kind)).toEqual(['Gadget']);
    await objects.delete(gadget);
    expect(await apiCode(objects.read(gadget))).toBe(404);
  });
});

describe('client-node watches', () => {
  it('streams ADDED, MODIFIED and DELETED events from a resourceVersion', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const namespace = await freshNamespace();
    const list = await core.listNamespacedConfigMap({ namespace });
    const seen: string[] = [];
    const controller = await new k8s.Watch(kc).watch(
      `/api/v1/namespaces/${namespace}/configmaps`,
      { resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: true },
      (type, obj: k8s.V1ConfigMap) => seen.push(`${type}:${obj.metadata?.name ?? ''}`),
      () => undefined,
    );
    await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'w' } } });
    await core.patchNamespacedConfigMap({ namespace, name: 'w', body: [{ op: 'add', path: '/data', value: { a: 'b' } }] });
    await core.deleteNamespacedConfigMap({ namespace, name: 'w' });
    await eventually(() => seen.filter((s) => !s.startsWith('BOOKMARK') && !s.includes('kube-root-ca.crt')), (events) => events.length >= 3);
    expect(seen.filter((s) => s.endsWith(':w'))).toEqual(['ADDED:w', 'MODIFIED:w', 'DELETED:w']);
    await eventually(() => seen.some((s) => s.startsWith('BOOKMARK')));
    controller.abort();
  });

  it('keeps an informer in sync across a forced 410 Expired', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const namespace = await freshNamespace();
    await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'before' } } });
    const informer = k8s.makeInformer(kc, `/api/v1/namespaces/${namespace}/configmaps`, () => core.listNamespacedConfigMap({ namespace }));
    const errors: unknown[] = [];
    informer.on('error', (err) => errors.push(err));
    await informer.start();
    await eventually(() => informer.list().map((o) => o.metadata?.name).sort(), (names) => names.includes('before'));
    cluster.faults.set({ forceExpired: true });
    await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'after' } } });
    await core.deleteNamespacedConfigMap({ namespace, name: 'before' });
    const names = await eventually(() => informer.list().map((o) => o.metadata?.name ?? '').sort(), (n) => n.includes('after') && !n.includes('before'));
    expect(names).toEqual(['after', 'kube-root-ca.crt']);
    await informer.stop();
    cluster.faults.clear();
  });
});
