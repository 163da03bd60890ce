// The worker loop syncing Applications to a second cluster registered by an Argo CD cluster Secret, as an
// Argo CD user meets it: by server and by name, self-heal and prune there, and the cluster going away.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import type { Application, UnstructuredObject } from '@driftless/api';
import { startDevCluster } from '@driftless/devcluster';
import type { DevCluster } from '@driftless/devcluster';
import { startGitServer } from '@driftless/gitserver';
import type { GitServer } from '@driftless/gitserver';
import { createDiscovery, createResourceClient } from '@driftless/kube';
import type { ResourceClient } from '@driftless/kube';
import { createServedRepo, tempDir, waitFor } from '@driftless/testing';
import type { ServedRepo, TempDir } from '@driftless/testing';
import { APPLICATION_GVK } from '../applications/app-writer.js';
import type { WorkerMetrics } from '../metrics/worker-metrics.js';
import { prepareControlCluster, startTestLoop } from './test-support/loop-fixture.js';
import type { TestLoop } from './test-support/loop-fixture.js';

const CONFIG_MAP = { group: '', version: 'v1', kind: 'ConfigMap' };
const NAMESPACE = { group: '', version: 'v1', kind: 'Namespace' };
const TRACKING = 'argocd.argoproj.io/tracking-id';
const REMOTE_NAME = 'remote';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const configMap = (name: string, data: Record<string, string>): string => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

let temp: TempDir;
let cluster: DevCluster;
let remote: DevCluster;
let remoteToken: string;
let remoteDataDir: string;
let server: GitServer;
let repo: ServedRepo;
let client: ResourceClient;
let remoteClient: ResourceClient;
let loop: TestLoop;
let metrics: WorkerMetrics;

/** A Secret in the control namespace labelled for Argo CD. */
function argoSecret(name: string, type: string, stringData: Record<string, string>): UnstructuredObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': type } }, stringData };
}

function clientOf(kubeconfig: string): ResourceClient {
  const kc = new k8s.KubeConfig();
  kc.loadFromString(kubeconfig);
  return createResourceClient(kc, createDiscovery(kc));
}

function application(name: string, destination: Application['spec']['destination'], sourcePath: string, spec: Partial<Application['spec']> = {}): UnstructuredObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd' },
    spec: { project: 'default', destination, source: { repoURL: repo.url, path: sourcePath, targetRevision: 'main' }, ...spec },
  };
}

/** A namespace created in both clusters, so that an object missing from the control cluster is missing for the right reason. */
async function namespaceInBothClusters(): Promise<string> {
  const name = `shop-${randomUUID().slice(0, 8)}`;
  for (const target of [client, remoteClient]) await target.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

const readApp = async (name: string) => (await client.get(APPLICATION_GVK, { namespace: 'argocd', name })) as unknown as Application;

async function appMatching(name: string, description: string, test: (app: Application) => boolean): Promise<Application> {
  return waitFor(async () => {
    const app = await readApp(name);
    return test(app) ? app : undefined;
  }, { description, timeoutMs: 60_000 });
}

const liveConfigMap = (where: ResourceClient, namespace: string, name: string) => where.get(CONFIG_MAP, { namespace, name }).catch(() => undefined);
const liveNamespace = (where: ResourceClient, name: string) => where.get(NAMESPACE, { name }).catch(() => undefined);
const requestRefresh = (name: string) => client.patch(APPLICATION_GVK, { namespace: 'argocd', name }, { metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } } });
const requestSync = (name: string) => client.patch(APPLICATION_GVK, { namespace: 'argocd', name }, { operation: { sync: { revision: 'main' }, initiatedBy: { username: 'admin' } } });

/** Asks for a refresh, as `argocd app get --refresh` does, whenever none is pending, until `test` holds. */
async function refreshedUntil(name: string, description: string, test: (app: Application) => boolean): Promise<Application> {
  return waitFor(async () => {
    const app = await readApp(name);
    if (test(app)) return app;
    if (app.metadata.annotations?.['argocd.argoproj.io/refresh'] === undefined) await requestRefresh(name);
    return undefined;
  }, { description, timeoutMs: 60_000, intervalMs: 250 });
}

beforeAll(async () => {
  temp = await tempDir('worker-multi-cluster');
  await mkdir(path.join(temp.path, 'served'));
  // The second cluster keeps its store and CA on disk, so it can come back at the same address after a stop.
  remoteToken = `t-${randomUUID()}`;
  remoteDataDir = path.join(temp.path, 'remote');
  [cluster, remote, server] = await Promise.all([
    startDevCluster({ tls: true }),
    startDevCluster({ tls: true, token: remoteToken, dataDir: remoteDataDir }),
    startGitServer({ root: path.join(temp.path, 'served') }),
  ]);
  repo = await createServedRepo(server, 'shop.git', {
    'auto/settings.yaml': configMap('settings', { mode: 'demo' }),
    'auto/flags.yaml': configMap('flags', { beta: 'off' }),
    'manual/settings.yaml': configMap('settings', { mode: 'manual' }),
  });
  // The second cluster is registered as `argocd cluster add` does: a cluster Secret with its token and CA.
  const config = { bearerToken: remoteToken, tlsClientConfig: { caData: Buffer.from(remote.ca ?? '').toString('base64') } };
  const control = await prepareControlCluster(cluster.kubeconfig, [argoSecret('remote-cluster', 'cluster', { name: REMOTE_NAME, server: remote.url, config: JSON.stringify(config) })]);
  client = control.client;
  remoteClient = clientOf(remote.kubeconfig);
  loop = await startTestLoop(control.kubeconfig, path.join(temp.path, 'cache'));
  metrics = loop.metrics;
}, 120_000);

afterAll(async () => {
  await loop?.stop();
  await repo?.cleanup();
  await server?.stop();
  await remote?.stop();
  await cluster?.stop();
  await temp?.cleanup();
});

describe('the worker loop with a second cluster registered by a cluster Secret', () => {
  let autoNamespace: string;

  it('syncs an automated app to the cluster its destination server names, heals drift there and prunes a deleted file there', async () => {
    // Given an automated Application whose destination is the second cluster, by server
    autoNamespace = await namespaceInBothClusters();
    const head = await repo.head();
    await client.create(application('remote-auto', { server: remote.url, namespace: autoNamespace }, 'auto', { syncPolicy: { automated: { prune: true, selfHeal: true } } }));

    // Then it is Synced and Healthy at the commit
    const synced = await appMatching('remote-auto', 'remote-auto is Synced', (app) => app.status?.sync?.status === 'Synced' && app.status.operationState?.phase === 'Succeeded');
    expect(synced.status?.sync?.revision).toBe(head);
    expect(synced.status?.health?.status).toBe('Healthy');
    expect(synced.status?.conditions ?? []).toEqual([]);
    expect(synced.status?.resources?.map((r) => [r.kind, r.namespace, r.name, r.status]).sort()).toEqual([
      ['ConfigMap', autoNamespace, 'flags', 'Synced'],
      ['ConfigMap', autoNamespace, 'settings', 'Synced'],
    ]);
    // And its objects are in the second cluster, tracked, and not in the control cluster
    for (const name of ['settings', 'flags']) {
      const live = await liveConfigMap(remoteClient, autoNamespace, name);
      expect(live?.metadata.annotations?.[TRACKING]).toBe(`remote-auto:/ConfigMap:${autoNamespace}/${name}`);
      expect(await liveConfigMap(client, autoNamespace, name)).toBeUndefined();
    }
    // And the metrics show the second cluster connected
    await waitFor(async () => (await metrics.scrape()).includes(`argocd_cluster_connection_status{server="${remote.url}"} 1`), { description: 'the second cluster is reported connected' });

    // When someone edits a managed object in the second cluster by hand, self-heal puts Git's value back there
    await remoteClient.patch(CONFIG_MAP, { namespace: autoNamespace, name: 'settings' }, { data: { mode: 'hacked' } });
    await waitFor(async () => ((await liveConfigMap(remoteClient, autoNamespace, 'settings'))?.['data'] as Record<string, string> | undefined)?.['mode'] === 'demo', {
      description: 'self-heal reverts the ConfigMap edited in the second cluster',
      timeoutMs: 60_000,
    });

    // When a file is deleted in Git and the app is asked to refresh, its object is pruned from the second cluster
    const next = await repo.commit({ 'auto/flags.yaml': null }, 'drop flags');
    await repo.push();
    await requestRefresh('remote-auto');
    const pruned = await appMatching('remote-auto', 'remote-auto is Synced at the second commit', (app) => app.status?.sync?.status === 'Synced' && app.status.sync.revision === next && app.status.operationState?.phase === 'Succeeded');
    expect(await liveConfigMap(remoteClient, autoNamespace, 'flags')).toBeUndefined();
    expect((await liveConfigMap(remoteClient, autoNamespace, 'settings'))?.metadata.name).toBe('settings');
    expect(pruned.status?.resources?.map((r) => r.name)).toEqual(['settings']);
  }, 120_000);

  it('runs a manual sync to the cluster its destination name names, creating the missing namespace there', async () => {
    // Given a manual app targeting the second cluster by name, in a namespace neither cluster has
    const namespace = `fresh-${randomUUID().slice(0, 8)}`;
    await client.create(application('remote-manual', { name: REMOTE_NAME, namespace }, 'manual', { syncPolicy: { syncOptions: ['CreateNamespace=true'] } }));
    const outOfSync = await appMatching('remote-manual', 'remote-manual is compared', (app) => app.status?.sync?.status === 'OutOfSync');
    expect(outOfSync.status?.resources?.map((r) => [r.kind, r.namespace, r.name, r.status])).toEqual([['ConfigMap', namespace, 'settings', 'OutOfSync']]);
    expect(await liveNamespace(remoteClient, namespace)).toBeUndefined();

    // When an operation is written, as `argocd app sync` does
    await requestSync('remote-manual');

    // Then it succeeds and the app ends Synced
    const done = await appMatching('remote-manual', 'remote-manual is Synced', (app) => app.status?.operationState?.phase === 'Succeeded' && app.status.sync?.status === 'Synced');
    expect(done.status?.operationState?.syncResult?.resources?.map((r) => [r.kind, r.name, r.status])).toEqual([
      ['Namespace', namespace, 'Synced'],
      ['ConfigMap', 'settings', 'Synced'],
    ]);
    // And the namespace and the ConfigMap were created in the second cluster, not in the control cluster
    expect((await liveNamespace(remoteClient, namespace))?.metadata.name).toBe(namespace);
    expect(await liveNamespace(client, namespace)).toBeUndefined();
    const settings = await liveConfigMap(remoteClient, namespace, 'settings');
    expect(settings?.['data']).toEqual({ mode: 'manual' });
    expect(settings?.metadata.annotations?.[TRACKING]).toBe(`remote-manual:/ConfigMap:${namespace}/settings`);
  }, 90_000);

  it('reports a stopped cluster on its apps, prunes nothing, fails an operation naming the cluster, and recovers when it is back', async () => {
    // Given the synced automated app of the first test, and its cluster stopped
    const before = await readApp('remote-auto');
    expect(before.status?.sync?.status).toBe('Synced');
    const port = Number(new URL(remote.url).port);
    const unreachable = new RegExp(`^Failed to load live state: live state of ${escapeRegExp(remote.url)} is incomplete: .*ECONNREFUSED`);
    await remote.stop();

    // When the app refreshes while the cluster is away
    // Then it reports the cluster as a ComparisonError, its sync status is Unknown and no automated sync runs
    const unknown = await refreshedUntil('remote-auto', 'remote-auto reports the stopped cluster', (app) => app.status?.sync?.status === 'Unknown');
    const conditions = unknown.status?.conditions ?? [];
    expect(conditions.map((c) => c.type)).toEqual(['ComparisonError']);
    expect(conditions[0]?.message).toMatch(unreachable);
    expect(unknown.status?.operationState?.startedAt).toBe(before.status?.operationState?.startedAt);
    expect(unknown.operation).toBeUndefined();
    // And the metrics report the cluster disconnected
    await waitFor(async () => (await metrics.scrape()).includes(`argocd_cluster_connection_status{server="${remote.url}"} 0`), { description: 'the second cluster is reported disconnected' });

    // When an operation is requested for the app targeting it by name
    await requestSync('remote-manual');

    // Then it fails, naming the cluster, rather than waiting
    const failed = await appMatching('remote-manual', 'the operation fails', (app) => app.status?.operationState?.phase === 'Failed');
    expect(failed.status?.operationState?.message).toMatch(unreachable);
    expect(failed.operation).toBeUndefined();

    // When the cluster comes back at the same address with its objects
    remote = await startDevCluster({ tls: true, token: remoteToken, dataDir: remoteDataDir, port });
    remoteClient = clientOf(remote.kubeconfig);

    // Then, once its watches reconnect and without anyone asking for a refresh, the app is Synced again
    // without any sync having run meanwhile, and its object is still there
    const back = await appMatching('remote-auto', 'remote-auto is Synced again', (app) => app.status?.sync?.status === 'Synced' && (app.status.conditions ?? []).length === 0);
    expect(back.status?.sync?.revision).toBe(before.status?.sync?.revision);
    expect(back.status?.operationState?.startedAt).toBe(before.status?.operationState?.startedAt);
    expect(back.status?.history?.length).toBe(before.status?.history?.length);
    expect((await liveConfigMap(remoteClient, autoNamespace, 'settings'))?.['data']).toEqual({ mode: 'demo' });
  }, 120_000);
});
