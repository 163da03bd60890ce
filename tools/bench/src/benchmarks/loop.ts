// The GitOps loop end to end (issue 6), the worker loop in its own process: P1 cold start of N automated
// apps to all Synced (beside kubectl and raw writes); then 1,000 apps × 20 ConfigMaps loaded for P2 (a
// periodic refresh pass, Redis commands per refresh), P3 (commit → Synced, self-heal) and P5 (worker RSS).
import type { Application } from '@driftless/api';
import type { BenchFlags, Benchmark, BenchOptions, BenchResult, Figure } from '../benchmark.js';
import { summarize } from '../stats.js';
import { requestsBetween } from './devcluster-process.js';
import { watchApps } from './app-watch.js';
import { APPS_PATH, appFiles, appName, application, CONTROL_NAMESPACE, kubectlBaseline, loadAverage, rawWriteRate, REFRESH_ANNOTATION, repoLayout, sleep, startGitopsFixture, waitUntil, WRITE_CONCURRENCY } from './gitops-fixture.js';
import type { GitopsFixture } from './gitops-fixture.js';
import { runConcurrent } from './http-load.js';
import { callsBetween, topCommands } from './redis-process.js';

const PHASES = ['P1', 'P2', 'P3', 'P5'] as const;
const MIB = 1024 * 1024;
/** The `timeout.reconciliation` outside P2: no periodic pass disturbs the other phases. */
const QUIET_PERIOD = '180s';

/** See the module comment. */
export const loopBenchmark: Benchmark = {
  name: 'loop',
  description: 'loop (issue 6): P1 cold start of N automated apps to Synced; P2 refresh pass; P3 commit → Synced and self-heal p50/p99; P5 worker RSS',
  run: runLoopBench,
};

interface Sizes {
  readonly p1Apps: number;
  readonly loadedApps: number;
  readonly resources: number;
  readonly samples: number;
  readonly periodSeconds: number;
  readonly kubectlSample: number;
  readonly rawWrites: number;
  readonly layout: 'shared' | 'per-app';
}

function sizesOf(quick: boolean, flags: BenchFlags | undefined): Sizes {
  return {
    p1Apps: flags?.apps ?? (quick ? 5 : 10_000),
    loadedApps: flags?.loadedApps ?? (quick ? 5 : 1000),
    resources: flags?.resources ?? (quick ? 3 : 20),
    samples: flags?.samples ?? (quick ? 3 : 20),
    periodSeconds: flags?.periodSeconds ?? (quick ? 2 : 10),
    kubectlSample: flags?.kubectlSample ?? (quick ? 3 : 100),
    rawWrites: quick ? 100 : 2000,
    layout: flags?.layout ?? 'shared',
  };
}

async function runLoopBench({ quick, log, flags }: BenchOptions): Promise<BenchResult> {
  const phases = new Set(flags?.phases ?? PHASES);
  const unknown = [...phases].filter((p) => !(PHASES as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`loop bench: unknown phase(s) ${unknown.join(', ')} (known: ${PHASES.join(', ')})`);
  const sizes = sizesOf(quick, flags);
  const loadBefore = loadAverage();
  const figures: Figure[] = [];
  const ratios: Figure[] = [];
  if (phases.has('P1')) {
    const p1 = await runColdStart(sizes, log);
    figures.push(...p1.figures);
    ratios.push(...p1.ratios);
  }
  if (phases.has('P2') || phases.has('P3') || phases.has('P5')) figures.push(...(await runLoaded(sizes, phases, log)));
  return {
    benchmark: 'loop',
    parameters: {
      phases: [...phases].join(','),
      ...(phases.has('P1') ? { p1Apps: sizes.p1Apps, kubectlSample: sizes.kubectlSample, rawWrites: sizes.rawWrites } : {}),
      loadedApps: sizes.loadedApps,
      configMapsPerLoadedApp: sizes.resources,
      p2Period: `${sizes.periodSeconds}s`,
      p3Samples: sizes.samples,
      layout: sizes.layout,
      worker: 'startWorkerLoop in a child process (--expose-gc), private redis-server',
      cluster: 'devcluster child process, --tls --data-dir, requests counted from its --verbose request log',
      load: `${loadBefore} → ${loadAverage()}`,
    },
    figures,
    ratios,
  };
}

const synced = (app: Application): boolean => app.status?.sync?.status === 'Synced' && app.status.health?.status === 'Healthy';

/** P1: N automated apps × 1 ConfigMap created at once against a running worker; time to all Synced. */
async function runColdStart(sizes: Sizes, log: (line: string) => void): Promise<{ figures: Figure[]; ratios: Figure[] }> {
  const apps = sizes.p1Apps;
  const { files, pathOf } = repoLayout(apps, 1, sizes.layout === 'per-app');
  const fixture = await startGitopsFixture('loop-p1', files, { 'timeout.reconciliation': QUIET_PERIOD });
  try {
    const { api, cluster, redis, repo } = fixture;
    const rawRate = await rawWriteRate(fixture, sizes.rawWrites);
    const kubectl = await kubectlBaseline(fixture, sizes.kubectlSample, 1);
    log(`loop P1: baselines raw ${rawRate.toFixed(0)} POSTs/s, kubectl ${kubectl.appsPerSecond.toFixed(1)} apps/s`);
    await api.createNamespaces(Array.from({ length: apps }, (_, i) => appName(i)));
    const worker = await fixture.startWorker();
    const [requests0, sent0, redis0, worker0] = [cluster.requests(), api.sent.total, await redis.commandCalls(), await worker.sample()];
    const start = process.hrtime.bigint();
    await runConcurrent(apps, WRITE_CONCURRENCY, async (i) => api.post(APPS_PATH, application(i, repo.url, true, pathOf(i))));
    const createdSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    log(`loop P1: ${apps} Applications created in ${createdSeconds.toFixed(1)} s`);
    const seconds = await watchApps(api, APPS_PATH, start, synced, apps, {
      timeoutMs: 300_000 + apps * 1000,
      description: 'Synced and Healthy',
      onProgress: (n) => log(`loop P1: ${n}/${apps} Synced after ${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(0)} s`),
    });
    await sleep(200);
    const [requests1, sent1, redis1, worker1] = [cluster.requests(), api.sent.total, await redis.commandCalls(), await worker.sample(true)];
    const window = requestsBetween(requests0, requests1);
    const workerRequests = window.total - (sent1 - sent0);
    const workerWrites = window.writes - apps; // the Application creates are the bench's
    const appsPerSecond = apps / seconds;
    log(`loop P1: ${apps} apps Synced in ${seconds.toFixed(1)} s (${appsPerSecond.toFixed(1)} apps/s), requests ${JSON.stringify(window.byMethod)}`);
    const writesPerSecond = workerWrites / seconds;
    return {
      figures: [
        { name: `P1: ${apps} apps created at once → all Synced and Healthy`, value: seconds, unit: 's' },
        { name: 'P1: apps/s', value: appsPerSecond, unit: '/s' },
        { name: `P1: of which creating the ${apps} Applications (concurrency ${WRITE_CONCURRENCY})`, value: createdSeconds, unit: 's' },
        { name: 'P1: API requests per app (worker, counted at the dev cluster)', value: workerRequests / apps, unit: '' },
        { name: 'P1: API writes per app', value: workerWrites / apps, unit: '' },
        { name: 'P1: Redis commands per app', value: callsBetween(redis0, redis1).total / apps, unit: '' },
        { name: 'P1: worker CPU per app', value: (worker1.cpuMs - worker0.cpuMs) / apps, unit: 'ms' },
        { name: 'P1: worker refreshes per app', value: (worker1.refreshes - worker0.refreshes) / apps, unit: '' },
        { name: 'P1: worker peak RSS (VmHWM)', value: (await worker.peakRss()) / MIB, unit: 'MiB' },
        { name: 'P1: worker RSS after GC, all Synced', value: worker1.rss / MIB, unit: 'MiB' },
        { name: `P1 baseline: kubectl apply -f, one app at a time (sample of ${kubectl.sample}): apps/s`, value: kubectl.appsPerSecond, unit: '/s' },
        { name: 'P1 baseline: kubectl API requests per app', value: kubectl.requestsPerApp, unit: '' },
        { name: `P1 baseline: raw ConfigMap POSTs/s (HTTPS, concurrency ${WRITE_CONCURRENCY})`, value: rawRate, unit: '/s' },
      ],
      ratios: [
        { name: 'P1: apps/s ÷ kubectl apps/s', value: appsPerSecond / kubectl.appsPerSecond, unit: 'x' },
        { name: 'P1: worker writes/s ÷ raw write rate', value: writesPerSecond / rawRate, unit: 'x' },
      ],
    };
  } finally {
    await fixture.stop();
  }
}

/** P2, P3 and P5 over `loadedApps` automated apps × `resources` ConfigMaps, all Synced first. */
async function runLoaded(sizes: Sizes, phases: ReadonlySet<string>, log: (line: string) => void): Promise<Figure[]> {
  const apps = sizes.loadedApps;
  // The P3 commit samples change their own app's folder, so those apps have one whatever the layout.
  const { files, pathOf } = repoLayout(apps, sizes.resources, sizes.layout === 'per-app', sizes.samples);
  const fixture = await startGitopsFixture('loop', files, { 'timeout.reconciliation': QUIET_PERIOD });
  try {
    const { api, repo } = fixture;
    await api.createNamespaces(Array.from({ length: apps }, (_, i) => appName(i)));
    const worker = await fixture.startWorker();
    const idle = await worker.sample(true);
    const start = process.hrtime.bigint();
    await runConcurrent(apps, WRITE_CONCURRENCY, async (i) => api.post(APPS_PATH, application(i, repo.url, true, pathOf(i))));
    const loadSeconds = await watchApps(api, APPS_PATH, start, synced, apps, { timeoutMs: 300_000 + apps * 1000, description: 'Synced and Healthy' });
    log(`loop: ${apps} apps × ${sizes.resources} ConfigMaps Synced in ${loadSeconds.toFixed(1)} s`);
    const figures: Figure[] = [{ name: `load: ${apps} apps × ${sizes.resources} ConfigMaps created at once → all Synced`, value: loadSeconds, unit: 's' }];
    await sleep(2000); // the follow-up refreshes settle

    if (phases.has('P5')) {
      const sample = await worker.sample(true);
      log(`loop P5: worker RSS ${(sample.rss / MIB).toFixed(0)} MiB after GC`);
      figures.push(
        { name: `P5: worker RSS after GC, ${apps * sizes.resources} live ConfigMaps cached (+ ${apps} namespaces, ${apps} Applications)`, value: sample.rss / MIB, unit: 'MiB' },
        { name: 'P5: worker heap used after GC', value: sample.heapUsed / MIB, unit: 'MiB' },
        { name: 'P5 baseline: worker RSS after GC, started, no Application yet', value: idle.rss / MIB, unit: 'MiB' },
        { name: 'P5 baseline: worker heap used after GC, no Application yet', value: idle.heapUsed / MIB, unit: 'MiB' },
        { name: 'P5: worker peak RSS so far (VmHWM, during the cold start)', value: (await worker.peakRss()) / MIB, unit: 'MiB' },
      );
    }
    if (phases.has('P2')) figures.push(...(await refreshPass(fixture, worker, sizes, log)));
    if (phases.has('P3')) figures.push(...(await commitToSynced(fixture, sizes, log)), ...(await selfHeal(fixture, sizes, log)));
    return figures;
  } finally {
    await fixture.stop();
  }
}

type Worker = Awaited<ReturnType<GitopsFixture['startWorker']>>;

/** P2: `timeout.reconciliation` set short once every app is older than it; time until every `reconciledAt` moved. */
async function refreshPass(fixture: GitopsFixture, worker: Worker, sizes: Sizes, log: (line: string) => void): Promise<Figure[]> {
  const { api, cluster, redis } = fixture;
  const apps = sizes.loadedApps;
  const periodMs = sizes.periodSeconds * 1000;
  const before = new Map<string, string | undefined>();
  await waitUntil(
    async () => {
      const listed = await api.listApps();
      for (const app of listed) before.set(app.metadata.name ?? '', app.status?.reconciledAt);
      const newest = Math.max(...listed.map((app) => Date.parse(app.status?.reconciledAt ?? '') || 0));
      return Date.now() - newest > periodMs + 1000;
    },
    periodMs + 120_000,
    `every app's reconciledAt is older than ${sizes.periodSeconds} s`,
    1000,
  );
  const [requests0, sent0, redis0, worker0] = [cluster.requests(), api.sent.total, await redis.commandCalls(), await worker.sample()];
  const start = process.hrtime.bigint();
  await api.patch(`/api/v1/namespaces/${CONTROL_NAMESPACE}/configmaps/argocd-cm`, { data: { 'timeout.reconciliation': `${sizes.periodSeconds}s` } });
  const seconds = await watchApps(api, APPS_PATH, start, (app) => app.status?.reconciledAt !== before.get(app.metadata.name ?? ''), apps, {
    timeoutMs: periodMs + 120_000 + apps * 200,
    description: 'refreshed by the periodic pass',
  });
  await sleep(200);
  const [requests1, sent1, redis1, worker1] = [cluster.requests(), api.sent.total, await redis.commandCalls(), await worker.sample()];
  await api.patch(`/api/v1/namespaces/${CONTROL_NAMESPACE}/configmaps/argocd-cm`, { data: { 'timeout.reconciliation': QUIET_PERIOD } });
  const refreshes = worker1.refreshes - worker0.refreshes;
  const redisCalls = callsBetween(redis0, redis1);
  const top = topCommands(redisCalls, refreshes, 6);
  const requests = requestsBetween(requests0, requests1).total - (sent1 - sent0);
  log(`loop P2: pass of ${apps} apps in ${seconds.toFixed(1)} s, ${refreshes} refreshes; Redis per refresh: ${top}`);
  return [
    { name: `P2: periodic pass of ${apps} apps × ${sizes.resources} resources, nothing changed (timeout.reconciliation ${sizes.periodSeconds}s)`, value: seconds, unit: 's' },
    { name: 'P2: pass ÷ period (the scheduler spreads a pass over one period: ≥ ~1)', value: seconds / sizes.periodSeconds, unit: 'x' },
    { name: 'P2: refreshes run during the pass', value: refreshes, unit: '' },
    { name: 'P2: Redis commands per refresh', value: redisCalls.total / refreshes, unit: '' },
    { name: 'P2: API requests per refresh (worker, counted at the dev cluster)', value: requests / refreshes, unit: '' },
    { name: 'P2: worker CPU per refresh', value: (worker1.cpuMs - worker0.cpuMs) / refreshes, unit: 'ms' },
  ];
}

/** P3: push a commit changing one app's ConfigMaps and set the refresh annotation; time until Synced at it. */
async function commitToSynced(fixture: GitopsFixture, sizes: Sizes, log: (line: string) => void): Promise<Figure[]> {
  const { api, repo } = fixture;
  const durations: number[] = [];
  for (let k = 0; k < sizes.samples; k++) {
    const i = k % sizes.loadedApps;
    const revision = await repo.commit(appFiles(i, sizes.resources, k + 1), `change ${appName(i)} (sample ${k})`);
    await repo.push();
    const start = process.hrtime.bigint();
    await api.patch(`${APPS_PATH}/${appName(i)}`, { metadata: { annotations: { [REFRESH_ANNOTATION]: 'normal' } } });
    await waitUntil(
      async () => {
        const app = await api.get<Application>(`${APPS_PATH}/${appName(i)}`);
        return app.status?.sync?.status === 'Synced' && app.status.sync.revision === revision;
      },
      120_000,
      `${appName(i)} is Synced at ${revision}`,
      20,
    );
    durations.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const stats = summarize(durations);
  log(`loop P3: commit → Synced p50 ${stats.p50Ms.toFixed(0)} ms, p99 ${stats.p99Ms.toFixed(0)} ms`);
  return [
    { name: `P3: commit + refresh annotation → Synced at the new revision p50 (${durations.length} samples)`, value: stats.p50Ms, unit: 'ms' },
    { name: 'P3: commit + refresh annotation → Synced p99', value: stats.p99Ms, unit: 'ms' },
  ];
}

/** P3: a managed ConfigMap edited by hand (each sample another app); time until self-heal puts Git's value back. */
async function selfHeal(fixture: GitopsFixture, sizes: Sizes, log: (line: string) => void): Promise<Figure[]> {
  const { api } = fixture;
  const durations: number[] = [];
  for (let k = 0; k < sizes.samples; k++) {
    const i = (sizes.samples + k) % sizes.loadedApps;
    const cmPath = `/api/v1/namespaces/${appName(i)}/configmaps/cm-0`;
    const start = process.hrtime.bigint();
    await api.patch(cmPath, { data: { generation: 'edited-by-hand' } });
    await waitUntil(async () => (await api.get<{ data?: Record<string, string> }>(cmPath)).data?.['generation'] !== 'edited-by-hand', 120_000, `self-heal reverts ${cmPath}`, 20);
    durations.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const stats = summarize(durations);
  log(`loop P3: self-heal p50 ${stats.p50Ms.toFixed(0)} ms, p99 ${stats.p99Ms.toFixed(0)} ms`);
  return [
    { name: `P3: hand edit of a managed ConfigMap → reverted by self-heal p50 (${durations.length} samples)`, value: stats.p50Ms, unit: 'ms' },
    { name: 'P3: self-heal revert p99', value: stats.p99Ms, unit: 'ms' },
  ];
}
