// The GitOps loop's composition root: Application watch → triggers → BullMQ `refresh`/`sync` queues →
// processors (engine, executor, status writes) → events; plus the periodic scheduler and the default
// AppProject. Every durable fact stays in Kubernetes; Redis only carries the work.
import type * as k8s from '@kubernetes/client-node';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { DEFAULT_CONTROL_NAMESPACE, IN_CLUSTER_SERVER } from '@driftless/api';
import type { Application } from '@driftless/api';
import { createDiscovery, createResourceClient } from '@driftless/kube';
import type { RenderCache, StepOptions } from '@driftless/reconcile';
import { processDeletion } from '../applications/app-deletion.js';
import { appTriggers } from '../applications/app-triggers.js';
import { createDeletionPorts } from '../applications/deletion-ports.js';
import { createAppWatch } from '../applications/app-watch.js';
import type { AppChangeListener, AppWatch } from '../applications/app-watch.js';
import { createAppWriter } from '../applications/app-writer.js';
import type { AppKey, AppWriter } from '../applications/app-writer.js';
import { decideAutoSync } from '../autosync/auto-sync.js';
import { createRecoveryRefresh } from '../clusters/recovery-refresh.js';
import { instrumentAppWriter, instrumentClusterPorts } from '../metrics/instrument.js';
import type { WorkerMetrics } from '../metrics/worker-metrics.js';
import { createProjects } from '../projects/projects.js';
import type { Projects, ProjectsOptions } from '../projects/projects.js';
import { destinationCluster } from '../control/control-snapshot.js';
import { createRefresher } from '../refresh/create-refresher.js';
import type { Refresher, RefresherOptions } from '../refresh/create-refresher.js';
import type { RefreshDeps } from '../refresh/refresh-processor.js';
import { createWorkerQueues, enqueueRefresh, enqueueSync, publishEvents } from '../queues/worker-queues.js';
import type { RefreshReason, WorkerQueues } from '../queues/worker-queues.js';
import { createKubeClusterPorts } from '../sync/kube-cluster-ports.js';
import type { SyncDeps } from '../sync/sync-processor.js';
import { startRefreshWorker } from './refresh-worker.js';
import { startScheduler } from './scheduler.js';
import type { Scheduler } from './scheduler.js';
import { startSyncWorker } from './sync-worker.js';

/** How long a live change waits while its app's operation runs (see liveChangeListener). */
const LIVE_CHANGE_DURING_OPERATION_MS = 2000;

/** Options of {@link startWorkerLoop}. */
export interface WorkerLoopOptions {
  /** The control cluster. */
  readonly kubeconfig: k8s.KubeConfig;
  /** A connection with `maxRetriesPerRequest: null`; the loop duplicates it for its workers. */
  readonly redis: Redis;
  readonly logger: Logger;
  /** Repository, chart and render caches. */
  readonly cacheDir: string;
  /** @defaultValue `argocd` */
  readonly namespace?: string;
  /** BullMQ key prefix. @defaultValue `driftless` */
  readonly prefix?: string;
  /** Accept `http://` repositories (development). @defaultValue false */
  readonly allowHttp?: boolean;
  readonly renderCache?: RenderCache;
  /** Refresh jobs run at once in this process. @defaultValue 8 */
  readonly refreshConcurrency?: number;
  /** Sync jobs run at once in this process. @defaultValue 8 */
  readonly syncConcurrency?: number;
  /** How often the scheduler looks for due refreshes. @defaultValue 1000 */
  readonly tickMs?: number;
  readonly stepOptions?: StepOptions;
  readonly toolsCacheDir?: string;
  /** How long a job of a dead worker stays claimed before another takes it over (BullMQ lock). @defaultValue 30000 */
  readonly lockDurationMs?: number;
  /** Fed with reconciles, finished operations, Kubernetes and Git requests, the Applications and clusters. @defaultValue none kept */
  readonly metrics?: WorkerMetrics;
}

/** A running loop. */
export interface WorkerLoop {
  /** Resolves once the Applications are listed and the queues are served. */
  readonly ready: Promise<void>;
  /** Finishes the jobs in hand (or hands them back), then closes queues, watches and connections. */
  stop(): Promise<void>;
}

type RequestRefresh = (key: AppKey, reason: RefreshReason, extra?: { hard?: boolean; delayMs?: number }) => Promise<void>;
type RequestSync = (key: AppKey) => Promise<void>;

/** The pieces of the loop its queue workers and scheduler are wired to. */
interface LoopParts {
  readonly options: WorkerLoopOptions;
  readonly namespace: string;
  readonly writer: AppWriter;
  readonly queues: WorkerQueues;
  readonly apps: AppWatch;
  readonly refresher: Refresher;
  readonly projects: Projects;
  readonly requestRefresh: RequestRefresh;
  readonly requestSync: RequestSync;
}

/** `timeout.reconciliation` as the scheduler last read it; refresh jobs take it when they start. */
interface Period {
  ms: number;
}

/** Starts watching, scheduling and processing. */
export async function startWorkerLoop(options: WorkerLoopOptions): Promise<WorkerLoop> {
  const namespace = options.namespace ?? DEFAULT_CONTROL_NAMESPACE;
  const log = options.logger;
  const discovery = createDiscovery(options.kubeconfig);
  const client = createResourceClient(options.kubeconfig, discovery);
  const writer = instrumentAppWriter(createAppWriter(client), options.metrics, options.kubeconfig.getCurrentCluster()?.server ?? '', (key) => apps.get(key.name));
  const prefix = options.prefix ?? 'driftless';
  const queues = createWorkerQueues({ connection: options.redis, prefix });

  const requestRefresh: RequestRefresh = (key, reason, extra = {}) =>
    enqueueRefresh(queues.refresh, { ...key, reason, ...(extra.hard === true ? { hard: true } : {}) }, extra.delayMs).catch((error: unknown) => log.error({ err: error, app: key }, 'cannot queue a refresh'));
  const requestSync: RequestSync = (key) => enqueueSync(queues.sync, key).catch((error: unknown) => log.error({ err: error, app: key }, 'cannot queue a sync'));

  const apps = createAppWatch({ kc: options.kubeconfig, discovery, namespace, onChange: appChangeListener(log, requestRefresh, requestSync) });
  const recovery = createRecoveryRefresh({ apps: () => apps.list(), refresh: (key) => void requestRefresh(key, 'live-changed') });
  const refresher = createLoopRefresher(options, namespace, {
    onLiveChange: liveChangeListener(namespace, apps, requestRefresh),
    onClusterRecovered: () => recovery.clusterRecovered(),
  });
  const projects = createProjects({ kc: options.kubeconfig, discovery, client, namespace, resolveDestination: destinationResolver(refresher) });
  await projects.start();
  const parts: LoopParts = { options, namespace, writer, queues, apps, refresher, projects, requestRefresh, requestSync };
  const period: Period = { ms: (await refresher.snapshot().catch(() => undefined))?.settings.reconciliationTimeoutMs ?? 180_000 };

  const refreshConnection = options.redis.duplicate({ maxRetriesPerRequest: null });
  const syncConnection = options.redis.duplicate({ maxRetriesPerRequest: null });
  const refreshWorker = startRefreshWorker({
    ...queueWorkerSettings(options, prefix, refreshConnection, options.refreshConcurrency),
    lockConnection: options.redis,
    refresh: refreshDeps(parts),
    periodMs: () => period.ms,
  });
  const syncWorker = startSyncWorker({ ...queueWorkerSettings(options, prefix, syncConnection, options.syncConcurrency), sync: syncDeps(parts), app: (key) => apps.get(key.name) });
  for (const worker of [refreshWorker, syncWorker]) worker.on('failed', (job, error) => log.error({ err: error, job: job?.id }, 'job failed'));

  await apps.start();
  const scheduler = startLoopScheduler(parts, period);
  // Read at scrape time: deleted apps and dropped clusters disappear from the series.
  options.metrics?.trackApplications(() => apps.list());
  options.metrics?.trackClusters(() => refresher.clusters());
  const ready = Promise.all([apps.synced, refreshWorker.waitUntilReady(), syncWorker.waitUntilReady()]).then(() => undefined);

  return {
    ready,
    async stop() {
      scheduler.stop();
      recovery.stop();
      await Promise.all([refreshWorker.close(), syncWorker.close()]);
      await Promise.all([apps.stop(), projects.stop(), refresher.stop(), queues.close()]);
      // BullMQ never closes connections it was given.
      await Promise.all([refreshConnection.quit(), syncConnection.quit()]);
    },
  };
}

function createLoopRefresher(options: WorkerLoopOptions, namespace: string, listeners: Pick<RefresherOptions, 'onLiveChange' | 'onClusterRecovered'>): Refresher {
  return createRefresher({
    kubeconfig: options.kubeconfig,
    cacheDir: options.cacheDir,
    namespace,
    ...(options.allowHttp === undefined ? {} : { allowHttp: options.allowHttp }),
    ...(options.renderCache === undefined ? {} : { renderCache: options.renderCache }),
    ...(options.toolsCacheDir === undefined ? {} : { toolsCacheDir: options.toolsCacheDir }),
    onGitRequest: (event) => options.metrics?.observeGitRequest(event),
    ...listeners,
  });
}

function appChangeListener(log: Logger, requestRefresh: RequestRefresh, requestSync: RequestSync): AppChangeListener {
  return (previous, current) => {
    if (current === undefined) return;
    const key = keyOf(current);
    const triggers = appTriggers(previous, current);
    log.debug({ app: key, triggers, resourceVersion: current.metadata.resourceVersion }, 'application changed');
    if (triggers.refresh !== undefined) void requestRefresh(key, triggers.refresh.reason, { hard: triggers.refresh.hard });
    if (triggers.sync) void requestSync(key);
  };
}

// Drift in an app's objects refreshes it within a second: how self-heal hears of a `kubectl scale`.
// During an operation the refresh showing its result follows anyway (and runs a delayed one at once):
// the changes the sync makes itself wait a moment for it rather than each refreshing the app as well.
function liveChangeListener(namespace: string, apps: AppWatch, requestRefresh: RequestRefresh): (names: readonly string[]) => void {
  return (names) => {
    for (const name of names) {
      const key = trackedKey(name, namespace);
      const app = key.namespace === namespace ? apps.get(key.name) : undefined;
      if (app !== undefined) void requestRefresh(key, 'live-changed', app.operation === undefined ? {} : { delayMs: LIVE_CHANGE_DURING_OPERATION_MS });
    }
  };
}

function destinationResolver(refresher: Refresher): ProjectsOptions['resolveDestination'] {
  return async (destination) => {
    const snapshot = await refresher.snapshot().catch(() => undefined);
    // An unreadable control namespace is the refresh's ComparisonError to report, not a spec error.
    if (snapshot === undefined) return destination;
    const target = destinationCluster(snapshot, destination, IN_CLUSTER_SERVER);
    if (target === undefined) return undefined;
    return { ...destination, server: target.kind === 'control' ? IN_CLUSTER_SERVER : target.cluster.server };
  };
}

// What both queue workers take from the loop's options; each gets a connection of its own.
function queueWorkerSettings(options: WorkerLoopOptions, prefix: string, connection: Redis, concurrency: number | undefined) {
  return { connection, prefix, concurrency: concurrency ?? 8, lockDurationMs: options.lockDurationMs, logger: options.logger, metrics: options.metrics };
}

function refreshDeps({ namespace, writer, queues, apps, refresher, projects, requestRefresh, requestSync }: LoopParts): Omit<RefreshDeps, 'periodMs'> {
  const deletionPorts = createDeletionPorts({
    liveFor: (app) => refresher.liveFor(app),
    writer,
    controlNamespace: namespace,
    tracking: async () => {
      const settings = (await refresher.snapshot()).settings;
      return { trackingMethod: settings.trackingMethod, instanceLabelKey: settings.instanceLabelKey };
    },
  });
  return {
    app: (key) => apps.get(key.name),
    refresh: async (app, refreshOptions) => projects.refreshWithProject(app, () => refresher.refresh(app, refreshOptions)),
    writer,
    publish: (events) => publishEvents(queues.events, events),
    autoSync: (app, result) => decideAutoSync(app, result, new Date()),
    requestSync,
    refreshLater: (key, delayMs) => requestRefresh(key, 'live-changed', { delayMs }),
    deleteApp: (app) => processDeletion(app, deletionPorts),
    now: () => new Date(),
  };
}

function syncDeps({ options, writer, queues, refresher, projects, requestRefresh }: LoopParts): SyncDeps {
  return {
    writer,
    prepare: async (app, state) => {
      const live = await refresher.liveFor(app).catch(() => undefined);
      return projects.prepareWithProject(app, () => refresher.prepareSync(app, syncTarget(app, state)), (group, kind) => live?.isNamespaced?.(group, kind));
    },
    ports: async (app) => {
      const live = await refresher.liveFor(app);
      return instrumentClusterPorts(createKubeClusterPorts({ client: live.client, discovery: live.discovery }), options.metrics, app, live.discovery.server);
    },
    clock: { now: () => new Date(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    publish: (events) => publishEvents(queues.events, events),
    requestRefresh: (appKey) => requestRefresh(appKey, 'operation-finished'),
    ...(options.stepOptions === undefined ? {} : { stepOptions: options.stepOptions }),
  };
}

function startLoopScheduler({ options, apps, refresher, requestRefresh, requestSync }: LoopParts, period: Period): Scheduler {
  return startScheduler(
    {
      apps: () => apps.list(),
      schedule: async () => {
        const snapshot = await refresher.snapshot().catch(() => undefined);
        period.ms = snapshot?.settings.reconciliationTimeoutMs ?? period.ms;
        return { periodMs: period.ms, jitterMs: snapshot?.settings.reconciliationJitterMs ?? 0 };
      },
      requestRefresh: (key) => requestRefresh(key, 'periodic'),
      requestSync,
      now: () => Date.now(),
      onError: (error) => options.logger.error({ err: error }, 'scheduler tick failed'),
    },
    options.tickMs ?? 1000,
  );
}

function keyOf(app: Application): AppKey {
  return { namespace: app.metadata.namespace ?? '', name: app.metadata.name ?? '' };
}

// Tracking ids name apps outside the control namespace `<namespace>_<name>`.
function trackedKey(trackingName: string, controlNamespace: string): AppKey {
  const separator = trackingName.indexOf('_');
  return separator < 0 ? { namespace: controlNamespace, name: trackingName } : { namespace: trackingName.slice(0, separator), name: trackingName.slice(separator + 1) };
}

// The revision(s) and source(s) a sync renders: once the attempt started, the revision it recorded.
function syncTarget(app: Application, state: Application['status'] extends infer S ? (S extends { operationState?: infer O } ? O | undefined : never) : never) {
  const sync = (state?.operation ?? app.operation)?.sync;
  const result = state?.syncResult;
  const revision = result?.revision ?? sync?.revision;
  const revisions = result?.revisions ?? sync?.revisions;
  return {
    ...(revision === undefined || revision === '' ? {} : { revision }),
    ...(revisions === undefined ? {} : { revisions }),
    ...(sync?.source === undefined ? {} : { source: sync.source }),
    ...(sync?.sources === undefined ? {} : { sources: sync.sources }),
  };
}
