// Serves the sync queue a few operation steps at a time, so an operation waiting for health or a backoff
// gives its worker slot back instead of holding it while it waits.
import { DelayedError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import type { Application } from '@driftless/api';
import type { AppKey } from '../applications/app-writer.js';
import type { WorkerMetrics } from '../metrics/worker-metrics.js';
import { SYNC_QUEUE } from '../queues/worker-queues.js';
import type { SyncJobData } from '../queues/worker-queues.js';
import { processSync } from '../sync/sync-processor.js';
import type { SyncDeps } from '../sync/sync-processor.js';
import { workerOptions } from './worker-options.js';
import type { QueueWorkerOptions } from './worker-options.js';

/** What {@link startSyncWorker} wires. */
export interface SyncWorkerDeps extends QueueWorkerOptions {
  readonly logger: Logger;
  readonly metrics?: WorkerMetrics;
  /** What each job's {@link processSync} uses. */
  readonly sync: SyncDeps;
  /** The watched Application, which labels the finished operation's metric. */
  readonly app: (key: AppKey) => Application | undefined;
}

/** Starts serving the sync queue. */
export function startSyncWorker(deps: SyncWorkerDeps): Worker<SyncJobData> {
  return new Worker<SyncJobData>(SYNC_QUEUE, (job, token) => runSyncJob(deps, job, token), workerOptions(deps));
}

async function runSyncJob(deps: SyncWorkerDeps, job: Job<SyncJobData>, token: string | undefined): Promise<void> {
  const key = { namespace: job.data.namespace, name: job.data.name };
  const outcome = await processSync(key, deps.sync);
  if (outcome.done && outcome.phase !== undefined) deps.metrics?.countSync(deps.app(key) ?? key, outcome.phase);
  deps.logger.info({ app: key, ...outcome }, outcome.done ? 'operation step done' : 'operation waits');
  if (!outcome.done && token !== undefined) {
    // Hand the slot back while the operation waits for health or a backoff; the job keeps its id.
    await job.moveToDelayed(Date.now() + (outcome.requeueAfterMs ?? 0), token);
    throw new DelayedError();
  }
}
