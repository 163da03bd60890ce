// Refresh throughput (issue 4): N Applications, each a directory of 20 ConfigMaps already live and
// tracked in a TLS dev cluster (child process), refreshed by one `createRefresher` (apps/worker) after
// a warm-up pass — sequentially and at concurrency 8 — next to a raw HTTPS list of one app's namespace.
import fs from 'node:fs/promises';
import type https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { startGitServer } from '@driftless/gitserver';
import { createServedRepo } from '@driftless/testing';
import { createRefresher } from '@driftless/worker';
import type { Refresher } from '@driftless/worker';
import type { Benchmark, BenchOptions, BenchResult } from '../benchmark.js';
import { summarize, timeRuns } from '../stats.js';
import type { DurationStats } from '../stats.js';
import { startDevClusterProcess } from './devcluster-process.js';
import { expectStatus, httpsAgent, request, runConcurrent } from './http-load.js';

type Application = Parameters<Refresher['refresh']>[0];
type RefreshResult = Awaited<ReturnType<Refresher['refresh']>>;

/**
 * Apps in a full run. Issue 4 names 1000; on a 2-core machine a 1000-app run (seed + warm-up + two
 * measured passes) took well over 4 minutes, so the recorded run uses 500.
 */
const FULL_APPS = 500;
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
    refresher = createRefresher({ kubeconfig: kc, cacheDir: path.join(work, 'cache'), allowHttp: true });
    const one = refresher;
    const refreshSynced = async (app: Application): Promise<number> => {
      const start = process.hrtime.bigint();
      const result = await one.refresh(app);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      assertSynced(app, result);
      return ms;
    };

    // Warm-up: clone, discovery, the live-state cache's first lists — every app once.
    await runConcurrent(apps, REFRESH_CONCURRENCY, async (i) => void (await refreshSynced(applications[i]!)));
    log('refresh: warm-up pass done (every app Synced)');

    const sequential = await measurePass(applications, 1, refreshSynced);
    log(`refresh: sequential ${sequential.appsPerSecond.toFixed(1)} apps/s`);
    const concurrent = await measurePass(applications, REFRESH_CONCURRENCY, refreshSynced);
    log(`refresh: concurrency ${REFRESH_CONCURRENCY} ${concurrent.appsPerSecond.toFixed(1)} apps/s`);

    const listUrl = `${cluster.url}/api/v1/namespaces/${appName(0)}/configmaps`;
    const list = summarize(await timeRuns(async () => expectStatus(await request(listUrl, 'GET', undefined, agent), 200, 'list'), quick ? 5 : 50, 3));
    agent.destroy();
    return {
      benchmark: 'refresh',
      parameters: { apps, configMapsPerApp: CONFIGMAPS_PER_APP, concurrency: REFRESH_CONCURRENCY, cluster: 'devcluster child process, --tls --data-dir', source: 'directory, git over HTTP' },
      figures: [
        { name: 'sequential: apps/s', value: sequential.appsPerSecond, unit: '/s' },
        { name: 'sequential: per-app refresh p50', value: sequential.stats.p50Ms, unit: 'ms' },
        { name: 'sequential: per-app refresh p95', value: sequential.stats.p95Ms, unit: 'ms' },
        { name: `concurrency ${REFRESH_CONCURRENCY}: apps/s`, value: concurrent.appsPerSecond, unit: '/s' },
        { name: `concurrency ${REFRESH_CONCURRENCY}: per-app refresh p50`, value: concurrent.stats.p50Ms, unit: 'ms' },
        { name: `concurrency ${REFRESH_CONCURRENCY}: per-app refresh p95`, value: concurrent.stats.p95Ms, unit: 'ms' },
        { name: 'seed: namespaces + ConfigMaps created/s (HTTPS POST, concurrency 32)', value: createRate, unit: '/s' },
        { name: `baseline: HTTPS list of one app namespace's ConfigMaps p50`, value: list.p50Ms, unit: 'ms' },
      ],
      ratios: [
        { name: 'sequential refresh p50 / namespace list p50', value: sequential.stats.p50Ms / list.p50Ms, unit: 'x' },
        { name: `concurrency ${REFRESH_CONCURRENCY} / sequential (apps/s)`, value: concurrent.appsPerSecond / sequential.appsPerSecond, unit: 'x' },
      ],
    };
  } finally {
    await refresher?.stop();
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
