// The GitOps loop end to end against real servers — a TLS dev cluster with the Argo CD CRDs, a git
// server, Redis — as an Argo CD user drives it: apply an Application, watch it sync, drift, heal, prune.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Application, UnstructuredObject } from '@driftless/api';
import { startDevCluster } from '@driftless/devcluster';
import type { DevCluster } from '@driftless/devcluster';
import { startGitServer } from '@driftless/gitserver';
import type { GitServer } from '@driftless/gitserver';
import type { ResourceClient } from '@driftless/kube';
import { createServedRepo, tempDir, waitFor } from '@driftless/testing';
import type { ServedRepo, TempDir } from '@driftless/testing';
import { APPLICATION_GVK } from '../applications/app-writer.js';
import type { WorkerMetrics } from '../metrics/worker-metrics.js';
import { APP_PROJECT_GVK } from '../projects/projects.js';
import { prepareControlCluster, startTestLoop } from './test-support/loop-fixture.js';
import type { TestLoop } from './test-support/loop-fixture.js';

const CONFIG_MAP = { group: '', version: 'v1', kind: 'ConfigMap' };
const TRACKING = 'argocd.argoproj.io/tracking-id';

const configMap = (name: string, data: Record<string, string>): string => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

let temp: TempDir;
let cluster: DevCluster;
let server: GitServer;
let repo: ServedRepo;
let client: ResourceClient;
let loop: TestLoop;
let metrics: WorkerMetrics;

function application(name: string, namespace: string, spec: Partial<Application['spec']> = {}): UnstructuredObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd' },
    spec: {
      project: 'default',
      destination: { server: 'https://kubernetes.default.svc', namespace },
      source: { repoURL: repo.url, path: 'shop', targetRevision: 'main' },
      ...spec,
    },
  };
}

async function freshNamespace(): Promise<string> {
  const name = `shop-${randomUUID().slice(0, 8)}`;
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

const readApp = async (name: string) => (await client.get(APPLICATION_GVK, { namespace: 'argocd', name })) as unknown as Application;

async function appMatching(name: string, description: string, test: (app: Application) => boolean): Promise<Application> {
  return waitFor(async () => {
    const app = await readApp(name);
    return test(app) ? app : undefined;
  }, { description, timeoutMs: 60_000 });
}

const liveConfigMap = (namespace: string, name: string) => client.get(CONFIG_MAP, { namespace, name }).catch(() => undefined);

beforeAll(async () => {
  temp = await tempDir('worker-loop');
  await mkdir(path.join(temp.path, 'served'));
  [cluster, server] = await Promise.all([startDevCluster({ tls: true }), startGitServer({ root: path.join(temp.path, 'served') })]);
  repo = await createServedRepo(server, 'shop.git', { 'shop/settings.yaml': configMap('settings', { mode: 'demo' }), 'shop/flags.yaml': configMap('flags', { beta: 'off' }) });
  const control = await prepareControlCluster(cluster.kubeconfig);
  client = control.client;
  loop = await startTestLoop(control.kubeconfig, path.join(temp.path, 'cache'));
  metrics = loop.metrics;
}, 120_000);

afterAll(async () => {
  await loop?.stop();
  await repo?.cleanup();
  await server?.stop();
  await cluster?.stop();
  await temp?.cleanup();
});

describe('the worker loop', () => {
  it('creates the default AppProject, as Argo CD does', async () => {
    const project = await client.get(APP_PROJECT_GVK, { namespace: 'argocd', name: 'default' });
    expect(project['spec']).toMatchObject({ sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }] });
  });

  it('syncs an automated Application applied with kubectl-like writes, then heals drift and prunes a deleted file', async () => {
    // Given an Application with automated sync, prune and self-heal
    const namespace = await freshNamespace();
    const head = await repo.head();
    await client.create(application('auto', namespace, { syncPolicy: { automated: { prune: true, selfHeal: true } } }));

    // Then it is Synced and Healthy at the commit, with its objects tracked and a history entry
    const synced = await appMatching('auto', 'auto is Synced at the first commit', (app) => app.status?.sync?.status === 'Synced' && app.status.operationState?.phase === 'Succeeded');
    expect(synced.status?.sync?.revision).toBe(head);
    expect(synced.status?.health?.status).toBe('Healthy');
    expect(synced.status?.history?.map((entry) => [entry.id, entry.revision])).toEqual([[0, head]]);
    expect(synced.status?.operationState?.operation.initiatedBy).toEqual({ automated: true });
    expect(synced.operation).toBeUndefined();
    const settings = await liveConfigMap(namespace, 'settings');
    expect(settings?.metadata.annotations?.[TRACKING]).toBe(`auto:/ConfigMap:${namespace}/settings`);

    // When someone edits a managed object by hand, self-heal puts Git's value back
    await client.patch(CONFIG_MAP, { namespace, name: 'settings' }, { data: { mode: 'hacked' } });
    await waitFor(async () => (await liveConfigMap(namespace, 'settings'))?.['data'] !== undefined && ((await liveConfigMap(namespace, 'settings'))?.['data'] as Record<string, string>)['mode'] === 'demo', {
      description: 'self-heal reverts the edited ConfigMap',
      timeoutMs: 60_000,
    });

    // When a file is deleted in Git and the app is asked to refresh, the object is pruned
    await repo.commit({ 'shop/flags.yaml': null }, 'drop flags');
    await repo.push();
    const next = await repo.head();
    await client.patch(APPLICATION_GVK, { namespace: 'argocd', name: 'auto' }, { metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } } });
    const pruned = await appMatching('auto', 'auto is Synced at the second commit', (app) => app.status?.sync?.status === 'Synced' && app.status.sync.revision === next && app.status.operationState?.phase === 'Succeeded');
    expect(await liveConfigMap(namespace, 'flags')).toBeUndefined();
    expect(pruned.metadata.annotations?.['argocd.argoproj.io/refresh']).toBeUndefined();
    expect(pruned.status?.resources?.map((r) => r.name)).toEqual(['settings']);
  }, 180_000);

  it('leaves a manual app OutOfSync until an operation is written, then runs it', async () => {
    // Given an app without automated sync
    const namespace = await freshNamespace();
    await client.create(application('manual', namespace));
    const outOfSync = await appMatching('manual', 'manual is compared', (app) => app.status?.sync?.status === 'OutOfSync');
    expect(outOfSync.status?.resources?.map((r) => [r.name, r.status])).toEqual([['settings', 'OutOfSync']]);
    expect(await liveConfigMap(namespace, 'settings')).toBeUndefined();

    // When an operation is written, as `argocd app sync` (or kubectl) does
    await client.patch(APPLICATION_GVK, { namespace: 'argocd', name: 'manual' }, { operation: { sync: { revision: 'main' }, initiatedBy: { username: 'admin' } } });

    // Then it runs and the app ends Synced
    const done = await appMatching('manual', 'manual is Synced', (app) => app.status?.operationState?.phase === 'Succeeded' && app.status.sync?.status === 'Synced');
    expect(done.status?.operationState?.syncResult?.resources?.map((r) => [r.kind, r.name, r.status])).toEqual([['ConfigMap', 'settings', 'Synced']]);
    expect(done.status?.operationState?.operation.initiatedBy).toEqual({ username: 'admin' });

    // And the metrics count the finished sync and describe the app as Argo CD's controller does
    const counted = 'argocd_app_sync_total{namespace="argocd",name="manual",project="default",dest_server="https://kubernetes.default.svc",phase="Succeeded"} 1';
    const scrape = await waitFor(async () => {
      const text = await metrics.scrape();
      return text.includes(counted) && /^argocd_app_info\{[^}]*name="manual"[^}]*sync_status="Synced"/m.test(text) ? text : undefined;
    }, { description: 'the sync is counted and argocd_app_info shows manual Synced' });
    expect(scrape).toContain('argocd_cluster_connection_status{server="https://kubernetes.default.svc"} 1');
    expect(scrape).toMatch(/^argocd_git_request_total\{repo="[^"]*shop[^"]*",request_type="fetch"\} [1-9]/m);
  }, 90_000);

  it('reports an unknown project as InvalidSpecError and fails its operation without applying anything', async () => {
    const namespace = await freshNamespace();
    await client.create(application('orphan', namespace, { project: 'nowhere' }));
    const invalid = await appMatching('orphan', 'orphan has an InvalidSpecError', (app) => (app.status?.conditions ?? []).some((c) => c.type === 'InvalidSpecError'));
    expect(invalid.status?.conditions?.map((c) => c.message)).toEqual(['Application referencing project nowhere which does not exist']);

    await client.patch(APPLICATION_GVK, { namespace: 'argocd', name: 'orphan' }, { operation: { sync: {}, initiatedBy: { username: 'admin' } } });
    const failed = await appMatching('orphan', 'the operation fails', (app) => app.status?.operationState?.phase === 'Failed');
    expect(failed.status?.operationState?.message).toBe('Application referencing project nowhere which does not exist');
    expect(await liveConfigMap(namespace, 'settings')).toBeUndefined();
  }, 90_000);

  it('deletes an app with the resources finalizer together with its objects, and keeps the objects of one without', async () => {
    // Given two synced apps, one with Argo's resources finalizer
    const cascaded = await freshNamespace();
    const kept = await freshNamespace();
    const automated = { syncPolicy: { automated: { prune: true } } };
    await client.create({ ...application('cascade', cascaded, automated), metadata: { name: 'cascade', namespace: 'argocd', finalizers: ['resources-finalizer.argocd.argoproj.io'] } });
    await client.create(application('orphaned', kept, automated));
    for (const name of ['cascade', 'orphaned']) await appMatching(name, `${name} is Synced`, (app) => app.status?.sync?.status === 'Synced' && app.status.operationState?.phase === 'Succeeded');

    // When both are deleted
    await client.delete(APPLICATION_GVK, { namespace: 'argocd', name: 'cascade' });
    await client.delete(APPLICATION_GVK, { namespace: 'argocd', name: 'orphaned' });

    // Then the finalized app goes only after its objects went; the other leaves its objects running
    await waitFor(async () => (await client.get(APPLICATION_GVK, { namespace: 'argocd', name: 'cascade' }).catch(() => undefined)) === undefined, { description: 'the cascade app is gone', timeoutMs: 60_000 });
    expect(await liveConfigMap(cascaded, 'settings')).toBeUndefined();
    await waitFor(async () => (await client.get(APPLICATION_GVK, { namespace: 'argocd', name: 'orphaned' }).catch(() => undefined)) === undefined, { description: 'the orphaned app is gone' });
    expect((await liveConfigMap(kept, 'settings'))?.metadata.name).toBe('settings');
  }, 90_000);

  it('fails an operation that breaks its project\'s rules, naming the rule, before anything is applied', async () => {
    // Given a project that allows the app's repository and namespace but denies ConfigMaps
    const namespace = await freshNamespace();
    await client.create({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'locked', namespace: 'argocd' },
      spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace }], namespaceResourceBlacklist: [{ group: '', kind: 'ConfigMap' }] },
    });
    await client.create(application('denied', namespace, { project: 'locked' }));
    await appMatching('denied', 'denied is compared', (app) => app.status?.sync?.status === 'OutOfSync');
    // When it is synced
    await client.patch(APPLICATION_GVK, { namespace: 'argocd', name: 'denied' }, { operation: { sync: { revision: 'main' }, initiatedBy: { username: 'admin' } } });
    // Then the operation fails with the rule, and no object was applied
    const failed = await appMatching('denied', 'the operation fails', (app) => app.status?.operationState?.phase === 'Failed');
    expect(failed.status?.operationState?.message).toMatch(/resource :ConfigMap is not permitted in project locked.*namespaceResourceBlacklist/);
    expect(await liveConfigMap(namespace, 'settings')).toBeUndefined();
  }, 90_000);

  it('terminates a running operation when its phase is set to Terminating, as argocd app terminate-op does', async () => {
    // Given an operation that waits on a PreSync hook that never completes
    const namespace = await freshNamespace();
    const hook = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate', annotations: { 'argocd.argoproj.io/hook': 'PreSync' } },
      spec: {
        backoffLimit: 0,
        template: {
          // The dev cluster's pod runs ten minutes: long past the test.
          metadata: { annotations: { 'devcluster.driftless.io/ready-after-ms': '0', 'devcluster.driftless.io/complete-after-ms': '600000' } },
          spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'migrate:1' }] },
        },
      },
    };
    await repo.commit({ 'hooked/job.yaml': JSON.stringify(hook), 'hooked/settings.yaml': configMap('settings', { mode: 'hooked' }) }, 'a slow hook');
    await repo.push();
    await client.create(application('stuck', namespace, { source: { repoURL: repo.url, path: 'hooked', targetRevision: 'main' } }));
    await client.patch(APPLICATION_GVK, { namespace: 'argocd', name: 'stuck' }, { operation: { sync: { revision: 'main' }, initiatedBy: { username: 'admin' } } });
    await appMatching('stuck', 'the hook runs', (app) => app.status?.operationState?.phase === 'Running' && (app.status.operationState.syncResult?.resources ?? []).some((r) => r.hookPhase === 'Running'));
    // When the operation is terminated (as `argocd app terminate-op` does: a patch of the object's status)
    await client.patch(APPLICATION_GVK, { namespace: 'argocd', name: 'stuck' }, { status: { operationState: { phase: 'Terminating' } } });
    // Then it ends Failed "Operation terminated", its hook is deleted and the Sync phase never ran
    const terminated = await appMatching('stuck', 'the operation is terminated', (app) => app.status?.operationState?.phase === 'Failed');
    expect(terminated.status?.operationState?.message).toBe('Operation terminated');
    expect(await liveConfigMap(namespace, 'settings')).toBeUndefined();
    await waitFor(async () => (await client.get({ group: 'batch', version: 'v1', kind: 'Job' }, { namespace, name: 'migrate' }).catch(() => undefined)) === undefined, { description: 'the running hook is deleted' });
  }, 90_000);
});
