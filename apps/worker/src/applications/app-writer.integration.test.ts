// The Application writer against a real API server, under Argo CD's CRD (status is part of the object)
// and under a CRD that serves a status subresource: what a watcher (the UI, the notifier) sees of an
// operation's end and of an automated sync's start.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as k8s from '@kubernetes/client-node';
import { loadCrdManifests } from '@driftless/api';
import type { Application, UnstructuredObject } from '@driftless/api';
import { startDevCluster } from '@driftless/devcluster';
import type { DevCluster } from '@driftless/devcluster';
import { createDiscovery, createResourceClient } from '@driftless/kube';
import type { ResourceClient } from '@driftless/kube';
import { waitFor } from '@driftless/testing';
import { APPLICATION_GVK, createAppWriter } from './app-writer.js';
import type { AppKey, AppWriter } from './app-writer.js';

interface Setup {
  readonly cluster: DevCluster;
  readonly kubeconfig: k8s.KubeConfig;
  readonly client: ResourceClient;
  readonly writer: AppWriter;
}

const OPERATION = { sync: { revision: 'main' }, initiatedBy: { automated: true } };
const RUNNING = { operation: OPERATION, phase: 'Running', startedAt: '2026-11-26T12:00:00Z' };
const SUCCEEDED = { ...RUNNING, phase: 'Succeeded', message: 'successfully synced (all tasks run)', finishedAt: '2026-11-26T12:00:01Z' };

/** A dev cluster with the Application CRD, served with or without a status subresource. */
async function setUp(statusSubresource: boolean): Promise<Setup> {
  const cluster = await startDevCluster({ tls: true });
  const kubeconfig = new k8s.KubeConfig();
  kubeconfig.loadFromString(cluster.kubeconfig);
  const discovery = createDiscovery(kubeconfig);
  const client = createResourceClient(kubeconfig, discovery);
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argocd' } });
  const crd = loadCrdManifests().find((c) => c.spec.names.kind === 'Application');
  if (crd === undefined) throw new Error('the Application CRD is not shipped');
  for (const version of crd.spec.versions) if (statusSubresource) version.subresources = { status: {} };
  await client.create(crd as unknown as UnstructuredObject);
  await waitFor(async () => {
    await discovery.refresh();
    return (await discovery.resources()).some((r) => r.kind === 'Application');
  }, { description: 'the Application CRD is served' });
  return { cluster, kubeconfig, client, writer: createAppWriter(client) };
}

async function createApp(setup: Setup, name: string, operation?: object): Promise<AppKey> {
  await setup.client.create({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd' },
    spec: { project: 'default', destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' }, source: { repoURL: 'https://example.com/shop.git', path: 'shop' } },
    ...(operation === undefined ? {} : { operation }),
  });
  return { namespace: 'argocd', name };
}

/** Every version of the Application a watcher sees while `write` runs. */
async function watched(setup: Setup, key: AppKey, write: () => Promise<unknown>): Promise<Application[]> {
  const start = (await setup.client.get(APPLICATION_GVK, key)).metadata.resourceVersion;
  const seen: Application[] = [];
  const watch = await new k8s.Watch(setup.kubeconfig).watch(
    `/apis/argoproj.io/v1alpha1/namespaces/${key.namespace}/applications`,
    { fieldSelector: `metadata.name=${key.name}`, resourceVersion: start },
    (type: string, obj: Application) => {
      if (type === 'MODIFIED') seen.push(obj);
    },
    () => undefined,
  );
  try {
    await write();
    const final = (await setup.client.get(APPLICATION_GVK, key)).metadata.resourceVersion;
    await waitFor(() => seen.at(-1)?.metadata.resourceVersion === final, { description: 'the watch caught up with the writes' });
    return seen;
  } finally {
    watch.abort();
  }
}

const phases = (apps: readonly Application[]) => apps.map((app) => [app.status?.operationState?.phase ?? null, app.operation === undefined ? 'no operation' : 'operation']);

describe.each([
  { crd: "Argo CD's CRD (no status subresource)", statusSubresource: false },
  { crd: 'a CRD with a status subresource', statusSubresource: true },
])('the Application writer under $crd', ({ statusSubresource }) => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await setUp(statusSubresource);
  }, 60_000);
  afterAll(() => setup?.cluster.stop());

  it('ends an operation so that no watcher sees it cleared without its final state', async () => {
    // Given an operation that is running
    const key = await createApp(setup, 'ending', OPERATION);
    await setup.writer.patchStatus(key, { operationState: RUNNING });
    // When its final state is saved and the operation cleared
    const seen = await watched(setup, key, () => setup.writer.patchStatusAndOperation(key, { operationState: SUCCEEDED }, null));
    // Then a watcher sees one write with both under Argo's CRD, else the operation cleared first
    expect(phases(seen)).toEqual(statusSubresource ? [['Running', 'no operation'], ['Succeeded', 'no operation']] : [['Succeeded', 'no operation']]);
    expect((await setup.writer.get(key))?.status?.operationState).toEqual(SUCCEEDED);
  }, 60_000);

  it("starts an automated sync so that the operation never comes without the status that decided it", async () => {
    // Given an app never compared
    const key = await createApp(setup, 'starting');
    // When the refresh writes its status and the operation automated sync decided
    const status = { sync: { status: 'OutOfSync', revision: 'abc' }, reconciledAt: '2026-11-26T12:00:00Z' };
    const seen = await watched(setup, key, () => setup.writer.patchStatusAndOperation(key, status, OPERATION));
    // Then the operation arrives with the status, or after it
    expect(seen.map((app) => [app.status?.sync?.status ?? null, app.operation === undefined ? 'no operation' : 'operation'])).toEqual(
      statusSubresource ? [['OutOfSync', 'no operation'], ['OutOfSync', 'operation']] : [['OutOfSync', 'operation']],
    );
  }, 60_000);

  it('answers false, writing nothing, for an Application that is gone', async () => {
    expect(await setup.writer.patchStatusAndOperation({ namespace: 'argocd', name: 'never-created' }, { reconciledAt: '2026-11-26T12:00:00Z' }, OPERATION)).toBe(false);
    await expect(setup.client.get(APPLICATION_GVK, { namespace: 'argocd', name: 'never-created' })).rejects.toThrow();
  });
});
