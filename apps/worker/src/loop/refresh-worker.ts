// Serves the refresh queue one app at a time across every worker process: two refreshes of one app would
// race on its status, so a job whose app is locked steps aside and runs after the holder.
import { DelayedError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { WorkerMetrics } from '../metrics/worker-metrics.js';
import { withAppLock } from '../queues/app-lock.js';
import { REFRESH_QUEUE, appJobId } from '../queues/worker-queues.js';
import type { RefreshJobData } from '../queues/worker-queues.js';
import { processRefresh } from '../refresh/refresh-processor.js';
import type { RefreshDeps } from '../refresh/refresh-processor.js';
import { workerOptions } from './worker-options.js';
import type { QueueWorkerOptions } from './worker-options.js';

/** How long a refresh job waits when another refresh of its app holds the lock. */
const LOCKED_RETRY_MS = 250;

/** What {@link startRefreshWorker} wires. */
export interface RefreshWorkerDeps extends QueueWorkerOptions {
  /** Where the per-app locks are taken (the loop's shared connection). */
  readonly lockConnection: Redis;
  readonly logger: Logger;
  readonly metrics?: WorkerMetrics;
  /** What each job's {@link processRefresh} uses, but the period. */
  readonly refresh: Omit<RefreshDeps, 'periodMs'>;
  /** `timeout.reconciliation` as last read (argocd-cm may change it), taken when a job starts. */
  readonly periodMs: () => number;
}

/** Starts serving the refresh queue. */
export function startRefreshWorker(deps: RefreshWorkerDeps): Worker<RefreshJobData> {
  return new Worker<RefreshJobData>(REFRESH_QUEUE, (job, token) => runRefreshJob(deps, job, token), workerOptions(deps));
}

async function runRefreshJob(deps: RefreshWorkerDeps, job: Job<RefreshJobData>, token: string | undefined): Promise<void> {
  const started = Date.now();
  const lockKey = `${deps.prefix}:lock:${appJobId(REFRESH_QUEUE, job.data.namespace, job.data.name)}`;
  const run = await withAppLock(deps.lockConnection, lockKey, () => processRefresh(job.data, { ...deps.refresh, periodMs: deps.periodMs() }), {
    ttlMs: deps.lockDurationMs ?? 30_000,
  });
  if (!run.locked && token !== undefined) {
    // Another refresh of this app runs (the follow-up of a storm): run after it, never beside it.
    await job.moveToDelayed(Date.now() + LOCKED_RETRY_MS, token);
    throw new DelayedError();
  }
  if (run.locked) deps.metrics?.observeReconcile(deps.refresh.app(job.data) ?? job.data, Date.now() - started);
  if (run.locked) deps.logger.info({ app: job.data, reason: job.data.reason, ...run.value, ms: Date.now() - started }, 'refreshed');
}
