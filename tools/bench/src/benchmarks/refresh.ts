// Refresh throughput (issue 4): N Applications, each a directory of 20 ConfigMaps already live and
// tracked in a TLS dev cluster (child process), refreshed by one `createRefresher` (apps/worker, Redis
// render cache, one git fetch per pass) after a warm-up pass — sequentially and at concurrency 8 — next
// to a raw HTTPS list of one app's namespace; then per-app cost as unrelated objects grow 10k → 100k.
import fs from 'node:fs/promises';
import type https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { startGitServer } from '@driftless/gitserver';
import { cleanupQueuePrefix, createServedRepo, redisConnection, uniqueQueuePrefix } from '@driftless/testing';
import { createRedisRenderCache, createRefresher } from '@driftless/worker';
import type { Refresher } from '@driftless/worker';
import type { Benchmark, BenchOptions, BenchResult } from '../benchmark.js';
import { summarize, timeRuns } from '../stats.js';
import type { DurationStats } from '../stats.js';
import { startDevClusterProcess } from './devcluster-process.js';
import { expectStatus, httpsAgent, request, runConcurrent } from './http-load.js';

type Application = Parameters<Refresher['refresh']>[0];
type RefreshResult = Awaited<ReturnType<Refresher['refresh']>>;
type RefreshOptions = NonNullable<Parameters<Refresher['refresh']>[1]>;

/** Apps in a full run, as issue 4 names. */
const FULL_APPS = 1000;
/** Unrelated ConfigMaps in the cluster at the two flatness points (full run). */
const UNRELATED_STEPS = [10_000, 100_000] as const;
/** Apps refreshed sequentially at each flatness point. */
const FLATNESS_SAMPLE = 200;
/** A steady pass reuses a fetch of the repository younger than this: one fetch per pass, as the worker's periodic pass does. */
const PASS_FETCH_AGE_MS = 60_000;
const CONFIGMAPS_PER_APP = 20;
const CREATE_CONCURRENCY = 32;
const REFRESH_CONCURRENCY = 8;
const APP_PATH = 'app';
const TRACKING = 'argocd.argoproj.io/tracking-id';

/** See the module comment. */
export const refreshBenchmark: Benchmark = {
  name: 'refresh',
  description: `refresh: apps/s and per-app p50/p95 of one refresher over N Synced apps (${CONFIGMAPS_PER_APP} ConfigMaps each), sequential and concurrency ${REFRESH_CONCURRENCY}`,
  run: runRefreshBench,
};

/** The desired ConfigMap `i` of the app directory (no namespace: the destination supplies it). */
function configMap(i: number): { apiVersion: string; kind: string; metadata: { name: string }; data: Record<string, string> } {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data: { key: `value-${i}`, index: String(i) } };
}

const appName = (i: number): string => `app-${i}`;

async function runRefreshBench({ quick, log }: BenchOptions): Promise<BenchResult> {
  const apps = quick ? 5 : FULL_APPS;
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'driftless-bench-refresh-'));
  await fs.mkdir(path.join(work, 'served'));
  const kubeconfigPath = path.join(work, 'kubeconfig');
  const [cluster, server] = await Promise.all([
    startDevClusterProcess(path.join(work, 'data'), kubeconfigPath, { tls: true }),
    startGitServer({ root: path.join(work, 'served') }),
  ]);
  let refresher: Refresher | undefined;
  const redis = redisConnection();
  const prefix = uniqueQueuePrefix();
  try {
    const files = Object.fromEntries(Array.from({ length: CONFIGMAPS_PER_APP }, (_, i) => [`${APP_PATH}/cm-${i}.yaml`, JSON.stringify(configMap(i))]));
    const repo = await createServedRepo(server, 'apps.git', files);
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfigPath);
    const caData = kc.getCurrentCluster()?.caData;
    if (caData === undefined) throw new Error('refresh bench: the dev cluster kubeconfig has no CA');
    const agent = httpsAgent(Buffer.from(caData, 'base64').toString());

    const createRate = await seedCluster(cluster.url, agent, apps);
    log(`refresh: ${apps} namespaces and ${apps * CONFIGMAPS_PER_APP} tracked ConfigMaps created at ${createRate.toFixed(0)} objects/s`);

    const applications = Array.from({ length: apps }, (_, i): Application => ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: appName(i), namespace: 'argocd' },
      spec: {
        project: 'default',
        destination: { server: 'https://kubernetes.default.svc', namespace: appName(i) },
        source: { repoURL: repo.url, path: APP_PATH, targetRevision: 'main' },
      },
    }));
    const renderCache = createRedisRenderCache({ redis, prefix: `${prefix}:` });
    refresher = createRefresher({ kubeconfig: kc, cacheDir: path.join(work, 'cache'), allowHttp: true, renderCache });
    const one = refresher;
    const refreshWith = (options: RefreshOptions) => async (app: Application): Promise<number> => {
      const start = process.hrtime.bigint();
      const result = await one.refresh(app, options);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      assertSynced(app, result);
      return ms;
    };
    const refreshSynced = refreshWith({ revisionMaxAgeMs: PASS_FETCH_AGE_MS });

    // Warm-up: clone, discovery, the live-state cache's first lists — every app once.
    await runConcurrent(apps, REFRESH_CONCURRENCY, async (i) => void (await refreshSynced(applications[i]!)));
    log('refresh: warm-up pass done (every app Synced)');

    const sequential = await measurePass(applications, 1, refreshSynced);
    log(`refresh: sequential ${sequential.appsPerSecond.toFixed(1)} apps/s`);
    const concurrent = await measurePass(applications, REFRESH_CONCURRENCY, refreshSynced);
    log(`refresh: concurrency ${REFRESH_CONCURRENCY} ${concurrent.appsPerSecond.toFixed(1)} apps/s`);
    // Hard refreshes (Argo's "hard" refresh): a fetch, a checkout and a render for every app, no cache.
    const hard = await measurePass(applications.slice(0, Math.min(FLATNESS_SAMPLE, apps)), REFRESH_CONCURRENCY, refreshWith({ hard: true }));
    log(`refresh: hard refresh at concurrency ${REFRESH_CONCURRENCY} ${hard.appsPerSecond.toFixed(1)} apps/s`);

    const listUrl = `${cluster.url}/api/v1/namespaces/${appName(0)}/configmaps`;
    const list = summarize(await timeRuns(async () => expectStatus(await request(listUrl, 'GET', undefined, agent), 200, 'list'), quick ? 5 : 50, 3));

    // Flatness: the same apps refreshed with ever more unrelated objects in the cluster (and in the cache).
    const steps = quick ? [50, 500] : UNRELATED_STEPS;
    const sample = applications.slice(0, Math.min(FLATNESS_SAMPLE, apps));
    const flat: DurationStats[] = [];
    let seeded = 0;
    for (const total of steps) {
      await seedUnrelated(cluster.url, agent, seeded, total);
      seeded = total;
      // Let the refresher's watch catch up, so the measured pass sees the grown cache.
      await refreshSynced(sample[0]!);
      flat.push((await measurePass(sample, 1, refreshSynced)).stats);
      log(`refresh: ${total} unrelated objects, per-app p50 ${flat.at(-1)?.p50Ms.toFixed(1) ?? '?'} ms`);
    }
    agent.destroy();
    const [low, high] = [flat[0]!, flat[flat.length - 1]!];
    return {
      benchmark: 'refresh',
      parameters: { apps, configMapsPerApp: CONFIGMAPS_PER_APP, concurrency: REFRESH_CONCURRENCY, cluster: 'devcluster child process, --tls --data-dir', source: 'directory, git over HTTP, Redis render cache, one fetch per pass', flatnessSample: sample.length },
      figures: [
        { name: 'sequential: apps/s', value: sequential.appsPerSecond, unit: '/s' },
        { name: 'sequential: per-app refresh p50', value: sequential.stats.p50Ms, unit: 'ms' },
        { name: 'sequential: per-app refresh p95', value: sequential.stats.p95Ms, unit: 'ms' },
        { name: `concurrency ${REFRESH_CONCURRENCY}: apps/s`, value: concurrent.appsPerSecond, unit: '/s' },
        { name: `concurrency ${REFRESH_CONCURRENCY}: per-app refresh p50`, value: concurrent.stats.p50Ms, unit: 'ms' },
        { name: `concurrency ${REFRESH_CONCURRENCY}: per-app refresh p95`, value: concurrent.stats.p95Ms, unit: 'ms' },
        { name: 'seed: namespaces + ConfigMaps created/s (HTTPS POST, concurrency 32)', value: createRate, unit: '/s' },
        { name: `baseline: HTTPS list of one app namespace's ConfigMaps p50`, value: list.p50Ms, unit: 'ms' },
        { name: `concurrency ${REFRESH_CONCURRENCY}: full pass of ${apps} apps`, value: apps / concurrent.appsPerSecond, unit: 's' },
        { name: `hard refresh (fetch + checkout + render, no cache), concurrency ${REFRESH_CONCURRENCY}: apps/s`, value: hard.appsPerSecond, unit: '/s' },
        { name: `hard refresh per-app p50`, value: hard.stats.p50Ms, unit: 'ms' },
        ...steps.map((total, i) => ({ name: `sequential per-app p50 with ${total} unrelated objects`, value: flat[i]!.p50Ms, unit: 'ms' })),
      ],
      ratios: [
        { name: 'sequential refresh p50 / namespace list p50', value: sequential.stats.p50Ms / list.p50Ms, unit: 'x' },
        { name: `concurrency ${REFRESH_CONCURRENCY} / sequential (apps/s)`, value: concurrent.appsPerSecond / sequential.appsPerSecond, unit: 'x' },
        { name: `per-app p50 at ${steps[steps.length - 1]} / at ${steps[0]} unrelated objects`, value: high.p50Ms / low.p50Ms, unit: 'x' },
      ],
    };
  } finally {
    await refresher?.stop();
    await cleanupQueuePrefix(redis, prefix).catch(() => undefined);
    await redis.quit();
    await server.stop();
    await cluster.stop();
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** Creates `app-<i>` namespaces and their ConfigMaps, annotated as a sync by that app would; returns objects/s. */
async function seedCluster(url: string, agent: https.Agent, apps: number): Promise<number> {
  const start = process.hrtime.bigint();
  await runConcurrent(apps, CREATE_CONCURRENCY, async (i) =>
    expectStatus(await request(`${url}/api/v1/namespaces`, 'POST', JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: appName(i) } }), agent), 201, 'namespace'),
  );
  await runConcurrent(apps * CONFIGMAPS_PER_APP, CREATE_CONCURRENCY, async (n) => {
    const app = Math.floor(n / CONFIGMAPS_PER_APP);
    const desired = configMap(n % CONFIGMAPS_PER_APP);
    const namespace = appName(app);
    // formatTrackingId (libs/reconcile): <app>:<group>/<kind>:<namespace>/<name>, core group empty.
    const annotations = { [TRACKING]: `${appName(app)}:/ConfigMap:${namespace}/${desired.metadata.name}` };
    const body = JSON.stringify({ ...desired, metadata: { ...desired.metadata, namespace, annotations } });
    expectStatus(await request(`${url}/api/v1/namespaces/${namespace}/configmaps`, 'POST', body, agent), 201, 'configmap');
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return (apps * (CONFIGMAPS_PER_APP + 1)) / seconds;
}

/** Creates unrelated ConfigMaps `other-<from>` … `other-<to - 1>` in namespace `unrelated` (created first). */
async function seedUnrelated(url: string, agent: https.Agent, from: number, to: number): Promise<void> {
  if (from === 0) {
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'unrelated' } });
    expectStatus(await request(`${url}/api/v1/namespaces`, 'POST', body, agent), 201, 'namespace');
  }
  await runConcurrent(to - from, CREATE_CONCURRENCY, async (i) => {
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `other-${from + i}`, namespace: 'unrelated' }, data: { index: String(from + i) } });
    expectStatus(await request(`${url}/api/v1/namespaces/unrelated/configmaps`, 'POST', body, agent), 201, 'configmap');
  });
}

/** Refreshes every app once with `concurrency` in flight; the rate and each refresh's duration. */
async function measurePass(
  applications: readonly Application[],
  concurrency: number,
  refreshSynced: (app: Application) => Promise<number>,
): Promise<{ appsPerSecond: number; stats: DurationStats }> {
  const durations: number[] = [];
  const appsPerSecond = await runConcurrent(applications.length, concurrency, async (i) => void durations.push(await refreshSynced(applications[i]!)));
  return { appsPerSecond, stats: summarize(durations) };
}

/** Throws unless the app came back Synced with all its ConfigMaps and no condition. */
function assertSynced(app: Application, result: RefreshResult): void {
  const synced = result.resources.filter((r) => r.status === 'Synced').length;
  if (result.sync.status !== 'Synced' || result.conditions.length > 0 || synced !== CONFIGMAPS_PER_APP) {
    const detail = result.conditions.map((c) => `${c.type}: ${c.message}`).join('; ');
    throw new Error(`refresh bench: ${app.metadata.name} is ${result.sync.status} (${synced}/${CONFIGMAPS_PER_APP} resources Synced) ${detail}`);
  }
}
