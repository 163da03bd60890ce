// Sync throughput (issue 5): N manual Applications × 1 ConfigMap (one commit, one namespace each), synced
// through the worker loop by writing `operation` on every app — apps/s and API requests per app counted
// at the dev cluster, beside `kubectl apply` one app at a time and the cluster's raw write rate.
import type { Benchmark, BenchOptions, BenchResult } from '../benchmark.js';
import { requestsBetween } from './devcluster-process.js';
import { watchApps } from './app-watch.js';
import { APPS_PATH, appName, application, kubectlBaseline, loadAverage, rawWriteRate, repoLayout, sleep, startGitopsFixture, WRITE_CONCURRENCY } from './gitops-fixture.js';
import { runConcurrent } from './http-load.js';
import { callsBetween, topCommands } from './redis-process.js';

const FULL_APPS = 1000;
const FULL_KUBECTL_SAMPLE = 100;
const FULL_RAW_WRITES = 2000;

/** See the module comment. */
export const syncBenchmark: Benchmark = {
  name: 'sync',
  description: 'sync: apps/s and API requests per app of the worker loop syncing N apps × 1 ConfigMap, vs kubectl apply and raw HTTPS writes',
  run: runSyncBench,
};

async function runSyncBench({ quick, log, flags }: BenchOptions): Promise<BenchResult> {
  const apps = flags?.apps ?? (quick ? 5 : FULL_APPS);
  const kubectlSample = flags?.kubectlSample ?? (quick ? 3 : FULL_KUBECTL_SAMPLE);
  const rawWrites = quick ? 100 : FULL_RAW_WRITES;
  const loadBefore = loadAverage();
  const layout = flags?.layout ?? 'shared';
  const { files, pathOf } = repoLayout(apps, 1, layout === 'per-app');
  const fixture = await startGitopsFixture('sync', files);
  try {
    const { api, cluster, redis, repo } = fixture;
    const head = await repo.head();
    // Baselines first, on the same cluster, before the worker runs.
    const rawRate = await rawWriteRate(fixture, rawWrites);
    log(`sync: raw ConfigMap POSTs ${rawRate.toFixed(0)}/s`);
    const kubectl = await kubectlBaseline(fixture, kubectlSample, 1);
    log(`sync: kubectl apply ${kubectl.appsPerSecond.toFixed(1)} apps/s, ${kubectl.requestsPerApp.toFixed(1)} requests/app (${kubectl.version})`);

    await api.createNamespaces(Array.from({ length: apps }, (_, i) => appName(i)));
    const worker = await fixture.startWorker();
    await runConcurrent(apps, WRITE_CONCURRENCY, async (i) => api.post(APPS_PATH, application(i, repo.url, false, pathOf(i))));
    await watchApps(api, APPS_PATH, process.hrtime.bigint(), (app) => app.status?.sync?.status === 'OutOfSync', apps, { timeoutMs: 120_000 + apps * 200, description: 'refreshed (OutOfSync)' });
    await sleep(1000); // let the initial refreshes' last writes settle
    log(`sync: ${apps} manual apps OutOfSync; writing an operation on each`);

    const [requests0, sent0, redis0, worker0] = [cluster.requests(), api.sent.total, await redis.commandCalls(), await worker.sample()];
    const start = process.hrtime.bigint();
    await runConcurrent(apps, WRITE_CONCURRENCY, async (i) =>
      api.patch(`${APPS_PATH}/${appName(i)}`, { operation: { sync: { revision: head }, initiatedBy: { username: 'bench' } } }),
    );
    const failedPhase = (phase: string | undefined) => phase === 'Failed' || phase === 'Error';
    const seconds = await watchApps(
      api,
      APPS_PATH,
      start,
      (app) => {
        if (failedPhase(app.status?.operationState?.phase)) throw new Error(`sync bench: ${app.metadata.name} operation ${app.status?.operationState?.phase}: ${app.status?.operationState?.message ?? ''}`);
        return app.status?.operationState?.phase === 'Succeeded';
      },
      apps,
      { timeoutMs: 120_000 + apps * 500, description: 'Succeeded', progressMs: 2000, onProgress: (n) => log(`sync: ${n}/${apps} Succeeded`) },
    );
    await sleep(200); // the last request lines reach the counter
    const [requests1, sent1, redis1, worker1] = [cluster.requests(), api.sent.total, await redis.commandCalls(), await worker.sample()];
    const syncedSeconds = await watchApps(api, APPS_PATH, start, (app) => app.status?.sync?.status === 'Synced', apps, { timeoutMs: 120_000, description: 'Synced' });
    const window = requestsBetween(requests0, requests1);
    const own = sent1 - sent0; // the operation patches, the list and watches
    const workerRequests = window.total - own;
    const workerWrites = window.writes - apps;
    const appsPerSecond = apps / seconds;
    const writesPerSecond = workerWrites / seconds;
    const redisCalls = callsBetween(redis0, redis1);
    const top = topCommands(redisCalls, apps, 8);
    log(`sync: Redis commands per app: ${top}`);
    log(`sync: ${appsPerSecond.toFixed(1)} apps/s, ${(workerRequests / apps).toFixed(1)} requests/app (${JSON.stringify(window.byMethod)}, ${own} of them the bench's own)`);
    return {
      benchmark: 'sync',
      parameters: {
        apps,
        configMapsPerApp: 1,
        layout,
        path: 'worker loop child process (operation written on each Application → sync job)',
        cluster: 'devcluster child process, --tls --data-dir, requests counted from its --verbose request log',
        kubectlSample,
        rawWrites,
        load: `${loadBefore} → ${loadAverage()}`,
      },
      figures: [
        { name: 'sync: apps/s (first operation written → all Succeeded)', value: appsPerSecond, unit: '/s' },
        { name: `sync: ${apps} apps, operations written → all Succeeded`, value: seconds, unit: 's' },
        { name: `sync: ${apps} apps, operations written → all Synced (follow-up refresh)`, value: syncedSeconds, unit: 's' },
        { name: 'sync: API requests per app (worker, counted at the dev cluster)', value: workerRequests / apps, unit: '' },
        { name: 'sync: API writes per app (POST/PUT/PATCH/DELETE)', value: workerWrites / apps, unit: '' },
        { name: 'sync: API writes/s', value: writesPerSecond, unit: '/s' },
        { name: 'sync: Redis commands per app', value: redisCalls.total / apps, unit: '' },
        { name: 'sync: worker CPU per app', value: (worker1.cpuMs - worker0.cpuMs) / apps, unit: 'ms' },
        { name: `baseline: kubectl apply -f, one app at a time (sample of ${kubectlSample}): apps/s`, value: kubectl.appsPerSecond, unit: '/s' },
        { name: 'baseline: kubectl API requests per app', value: kubectl.requestsPerApp, unit: '' },
        { name: `baseline: raw ConfigMap POSTs/s (HTTPS, concurrency ${WRITE_CONCURRENCY})`, value: rawRate, unit: '/s' },
      ],
      ratios: [
        { name: 'sync apps/s ÷ kubectl apps/s', value: appsPerSecond / kubectl.appsPerSecond, unit: 'x' },
        { name: 'sync writes/s ÷ raw write rate', value: writesPerSecond / rawRate, unit: 'x' },
      ],
    };
  } finally {
    await fixture.stop();
  }
}
