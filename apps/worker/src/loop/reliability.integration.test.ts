// The loop's reliability as issue 6 demands it, with the worker as a real process: SIGKILLed mid-sync
// 20 times, Redis flushed and restarted, the git server down, the API server failing and dropping
// watches, and bad Applications beside good ones. Nothing is lost; Kubernetes holds every fact.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Application, UnstructuredObject } from '@driftless/api';
import { startDevCluster } from '@driftless/devcluster';
import type { DevCluster } from '@driftless/devcluster';
import { startGitServer } from '@driftless/gitserver';
import type { GitServer } from '@driftless/gitserver';
import type { ResourceClient } from '@driftless/kube';
import { createServedRepo, startTestRedis, tempDir, waitFor } from '@driftless/testing';
import type { ServedRepo, TempDir, TestRedis } from '@driftless/testing';
import { APPLICATION_GVK } from '../applications/app-writer.js';
import { prepareControlCluster } from './test-support/loop-fixture.js';
import { spawnWorker } from './test-support/worker-process.js';
import type { WorkerProcess } from './test-support/worker-process.js';

const CONFIG_MAP = { group: '', version: 'v1', kind: 'ConfigMap' };
const PERIOD = '6s';

const manifest = (obj: UnstructuredObject): string => JSON.stringify(obj);
const configMap = (name: string, wave: number, data: Record<string, string>): UnstructuredObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, annotations: { 'argocd.argoproj.io/sync-wave': String(wave) } },
  data,
});
const deployment: UnstructuredObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', annotations: { 'argocd.argoproj.io/sync-wave': '1' } },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' }, annotations: { 'devcluster.driftless.io/ready-after-ms': '300' } }, spec: { containers: [{ name: 'web', image: 'web:1' }] } },
  },
};

let temp: TempDir;
let redis: TestRedis;
let cluster: DevCluster;
let gitRoot: string;
let git: GitServer;
let gitPort: number;
let repo: ServedRepo;
let client: ResourceClient;
let kubeconfigPath: string;

const workerEnv = (): Record<string, string> => ({
  KUBECONFIG: kubeconfigPath,
  REDIS_URL: redis.url,
  DRIFTLESS_NAMESPACE: 'argocd',
  DRIFTLESS_WORKER_METRICS_PORT: '0',
  DRIFTLESS_ALLOW_HTTP_REPOS: 'true',
  DRIFTLESS_WORKER_CACHE_DIR: path.join(temp.path, 'worker-cache'),
  DRIFTLESS_JOB_LOCK_MS: '2000',
  DRIFTLESS_LOG_LEVEL: 'info',
});

async function freshNamespace(): Promise<string> {
  const name = `rel-${randomUUID().slice(0, 8)}`;
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

async function createApp(name: string, namespace: string, spec: Record<string, unknown> = {}): Promise<void> {
  await client.create({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd' },
    spec: { project: 'default', destination: { server: 'https://kubernetes.default.svc', namespace }, source: { repoURL: repo.url, path: 'app', targetRevision: 'main' }, revisionHistoryLimit: 100, ...spec },
  });
}

const readApp = async (name: string): Promise<Application> => (await client.get(APPLICATION_GVK, { namespace: 'argocd', name })) as unknown as Application;
const requestSync = (name: string, username: string) => client.patch(APPLICATION_GVK, { namespace: 'argocd', name }, { operation: { sync: { revision: 'main' }, initiatedBy: { username } } });
const finished = (app: Application): boolean => app.operation === undefined && app.status?.operationState?.phase !== 'Running' && app.status?.operationState?.phase !== 'Terminating';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function allApps(names: readonly string[], description: string, test: (app: Application) => boolean, worker?: WorkerProcess, timeoutMs = 90_000): Promise<Application[]> {
  try {
    return await waitFor(async () => {
      const apps = await Promise.all(names.map(readApp));
      return apps.every(test) ? apps : undefined;
    }, { description, timeoutMs, intervalMs: 250 });
  } catch (error) {
    // Read for the failure message through any faults still injected.
    const apps = await Promise.all(names.map((name) => waitFor(() => readApp(name), { description: `read ${name}`, timeoutMs: 10_000 })));
    const states = apps.map((app) => `${app.metadata.name ?? ''}: sync ${app.status?.sync?.status ?? '-'}@${app.status?.sync?.revision ?? '-'} health ${app.status?.health?.status ?? '-'} op ${app.status?.operationState?.phase ?? '-'} "${app.status?.operationState?.message ?? ''}" conditions ${JSON.stringify(app.status?.conditions ?? [])}`);
    process.stderr.write(`apps:\n${states.join('\n')}\n`);
    const namespace = apps[0]?.spec.destination.namespace;
    const web = namespace === undefined ? undefined : await client.get({ group: 'apps', version: 'v1', kind: 'Deployment' }, { namespace, name: 'web' }).catch(() => undefined);
    process.stderr.write(`web: ${JSON.stringify({ metadata: web?.metadata, status: web?.['status'] })}\n`);
    process.stderr.write(`operationState: ${JSON.stringify(apps[0]?.status?.operationState)}\n`);
    if (worker !== undefined) process.stderr.write(`worker log tail:\n${worker.log().slice(-3000)}\n`);
    throw error;
  }
}

beforeAll(async () => {
  temp = await tempDir('worker-reliability');
  gitRoot = path.join(temp.path, 'served');
  await mkdir(gitRoot);
  [redis, cluster, git] = await Promise.all([startTestRedis(temp.path), startDevCluster({ tls: true }), startGitServer({ root: gitRoot })]);
  gitPort = Number(new URL(git.url).port);
  repo = await createServedRepo(git, 'apps.git', {
    'app/first.yaml': manifest(configMap('first', 0, { value: '1' })),
    'app/web.yaml': manifest(deployment),
    'app/last.yaml': manifest(configMap('last', 2, { value: '1' })),
  });
  kubeconfigPath = path.join(temp.path, 'kubeconfig');
  await writeFile(kubeconfigPath, cluster.kubeconfig);
  client = (await prepareControlCluster(cluster.kubeconfig, [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cm', namespace: 'argocd' }, data: { 'timeout.reconciliation': PERIOD } }])).client;
}, 120_000);

afterAll(async () => {
  await repo?.cleanup();
  await git?.stop();
  await cluster?.stop();
  await redis?.stop();
  await temp?.cleanup();
});

describe('a worker SIGKILLed mid-sync 20 times', () => {
  it('ends every operation Succeeded with its results, none Running, none lost', async () => {
    // Given six manual apps, each sync three waves long (a ConfigMap, a Deployment ready after 300 ms, a ConfigMap)
    const names = Array.from({ length: 6 }, (_, i) => `killed-${i}`);
    for (const name of names) await createApp(name, await freshNamespace());
    const requested = new Map(names.map((name) => [name, 0]));
    // When, 20 times, a worker starts, operations are written for every app whose last one finished,
    // and the worker is SIGKILLed at a random point
    for (let round = 1; round <= 20; round++) {
      const worker = spawnWorker(workerEnv());
      await worker.running;
      for (const app of await Promise.all(names.map(readApp))) {
        if (!finished(app)) continue;
        const name = app.metadata.name ?? '';
        await requestSync(name, `round-${round}`);
        requested.set(name, (requested.get(name) ?? 0) + 1);
      }
      await sleep(200 + Math.floor(Math.random() * 1800));
      await worker.kill();
    }
    // And a last worker runs undisturbed
    const last = spawnWorker(workerEnv());
    try {
      await last.running;
      const apps = await allApps(names, 'every operation finished', finished, last, 180_000);
      // Then every operation ended Succeeded, with its results, and each one requested left one history entry
      for (const app of apps) {
        const name = app.metadata.name ?? '';
        expect([name, app.status?.operationState?.phase]).toEqual([name, 'Succeeded']);
        expect(app.status?.operationState?.syncResult?.resources?.map((r) => r.name).sort()).toEqual(['first', 'last', 'web']);
        expect([name, app.status?.history?.length]).toEqual([name, requested.get(name)]);
      }
      expect([...requested.values()].every((count) => count >= 1)).toBe(true);
      // And SIGTERM stops the last worker cleanly (jobs handed back, queues closed): exit code 0
      expect(await last.stop()).toBe(0);
    } finally {
      await last.kill();
    }
  }, 600_000);
});

describe('one worker under Redis, git and API server failures', () => {
  let worker: WorkerProcess;
  const names = ['steady-0', 'steady-1', 'steady-2'];

  beforeAll(async () => {
    worker = spawnWorker(workerEnv());
    await worker.running;
    for (const name of names) await createApp(name, await freshNamespace(), { syncPolicy: { automated: { prune: true, selfHeal: true } } });
    await allApps(names, 'the automated apps are Synced', (app) => app.status?.sync?.status === 'Synced' && app.status.operationState?.phase === 'Succeeded', worker);
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
  });

  const reconciledAfter = (since: number) => (app: Application) => Date.parse(app.status?.reconciledAt ?? '') > since;

  it('reconciles every app again within one period after FLUSHALL, and runs an operation written then', async () => {
    const manual = `flushed-${randomUUID().slice(0, 6)}`;
    await createApp(manual, await freshNamespace());
    await allApps([manual], 'the manual app is compared', (app) => app.status?.sync?.status === 'OutOfSync', worker);
    // When Redis loses every queue and cache
    await redis.client.flushall();
    const flushedAt = Date.now();
    await requestSync(manual, 'after-flush');
    // Then every app is refreshed again (the scheduler reads reconciledAt from Kubernetes) and the operation runs
    await allApps(names, 'every app reconciled after the flush', reconciledAfter(flushedAt), worker, 30_000);
    const [done] = await allApps([manual], 'the operation written after the flush ran', (app) => finished(app) && app.status?.operationState?.phase === 'Succeeded', worker, 60_000);
    expect(done?.status?.sync?.status).toBe('Synced');
  }, 120_000);

  it('carries on after Redis restarts empty', async () => {
    await redis.restart();
    const restartedAt = Date.now();
    await allApps(names, 'every app reconciled after the restart', reconciledAfter(restartedAt), worker, 45_000);
    // A change pushed now is still synced automatically
    await repo.commit({ 'app/last.yaml': manifest(configMap('last', 2, { value: 'after-restart' })) }, 'after restart');
    await repo.push();
    const head = await repo.head();
    await allApps(names, 'the apps sync the new commit', (app) => app.status?.sync?.revision === head && app.status.sync.status === 'Synced', worker, 60_000);
  }, 120_000);

  it('reports an unreachable git server as ComparisonError, prunes nothing, and recovers by itself', async () => {
    // Given the git server is down
    await git.stop();
    try {
      const since = Date.now();
      const failing = await allApps(names, 'every app has a ComparisonError', (app) => reconciledAfter(since)(app) && (app.status?.conditions ?? []).some((c) => c.type === 'ComparisonError'), worker, 45_000);
      // Then the condition names the repository and why; the objects stay
      expect(failing[0]?.status?.conditions?.find((c) => c.type === 'ComparisonError')?.message).toMatch(/Failed to load target state: .*127\.0\.0\.1/);
      for (const app of failing) {
        const namespace = app.spec.destination.namespace ?? '';
        expect((await client.list(CONFIG_MAP, { namespace })).items.map((o) => o.metadata.name).sort()).toEqual(expect.arrayContaining(['first', 'last']));
      }
    } finally {
      // When it is back on its address
      git = await startGitServer({ root: gitRoot, port: gitPort });
    }
    // Then the apps recover on their own, within a period or two
    await allApps(names, 'the apps are Synced again without a condition', (app) => app.status?.sync?.status === 'Synced' && (app.status.conditions ?? []).length === 0, worker, 60_000);
  }, 150_000);

  it('converges under 10 % failing requests, dropped watches and a forced 410, and its watches resume', async () => {
    cluster.faults.set({ forceExpired: true });
    cluster.faults.set({ errorRate: { status: 500, share: 0.1 }, dropWatchesAfterMs: 3000 });
    try {
      await repo.commit({ 'app/first.yaml': manifest(configMap('first', 0, { value: 'under-faults' })) }, 'under faults');
      await repo.push();
      const head = await repo.head();
      for (const name of names) await client.patch(APPLICATION_GVK, { namespace: 'argocd', name }, { metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } } }).catch(() => undefined);
      cluster.faults.set({ errorRate: { status: 409, share: 0.1 }, dropWatchesAfterMs: 3000 });
      await allApps(names, 'the apps sync the commit despite the faults', (app) => app.status?.sync?.revision === head && app.status.sync.status === 'Synced' && app.status.operationState?.phase === 'Succeeded', worker, 120_000);
    } finally {
      cluster.faults.clear();
    }
    // And with the faults gone, a hand edit is healed again (the live watches run)
    const namespace = (await readApp(names[0] ?? '')).spec.destination.namespace ?? '';
    await client.patch(CONFIG_MAP, { namespace, name: 'first' }, { data: { value: 'hand-edited' } });
    await waitFor(async () => ((await client.get(CONFIG_MAP, { namespace, name: 'first' }))['data'] as Record<string, string>)['value'] === 'under-faults', {
      description: 'self-heal reverts the edit',
      timeoutMs: 60_000,
    });
  }, 180_000);

  it('gives bad Applications InvalidSpecError with field paths and keeps serving the others', async () => {
    // Given an app whose destination no cluster serves, one without a repository, and one in an unknown project
    await createApp('bad-destination', 'anywhere', { destination: { server: 'https://nowhere.example:6443', namespace: 'anywhere' } });
    await createApp('bad-source', 'anywhere', { source: { repoURL: '', path: 'app' } });
    await createApp('bad-project', 'anywhere', { project: 'nowhere' });
    const bad = await allApps(['bad-destination', 'bad-source', 'bad-project'], 'the bad apps have InvalidSpecError', (app) => (app.status?.conditions ?? []).some((c) => c.type === 'InvalidSpecError'), worker, 45_000);
    const messages = bad.map((app) => app.status?.conditions?.find((c) => c.type === 'InvalidSpecError')?.message ?? '');
    expect(messages[0]).toContain('spec.destination');
    expect(messages[0]).toContain('https://nowhere.example:6443');
    expect(messages[1]).toContain('spec.source.repoURL');
    expect(messages[2]).toBe('Application referencing project nowhere which does not exist');
    // Then a good app still syncs a new commit
    await repo.commit({ 'app/last.yaml': manifest(configMap('last', 2, { value: 'still-served' })) }, 'still served');
    await repo.push();
    const head = await repo.head();
    await allApps(names, 'the good apps sync the commit', (app) => app.status?.sync?.revision === head && app.status.sync.status === 'Synced', worker, 60_000);
  }, 120_000);
});
