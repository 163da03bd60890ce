// What the loop's two queue workers share: each gets its own connection, and both hand a dead process's
// jobs to another one as soon as its locks expire.
import type { WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';

/** How a queue worker of the loop runs. */
export interface QueueWorkerOptions {
  /** The worker's own connection, `maxRetriesPerRequest: null`; BullMQ never closes it, its owner does. */
  readonly connection: Redis;
  /** BullMQ key prefix. */
  readonly prefix: string;
  /** Jobs run at once in this process. */
  readonly concurrency: number;
  /** How long a job of a dead worker stays claimed before another takes it over (BullMQ lock). @defaultValue BullMQ's */
  readonly lockDurationMs?: number;
}

/** The BullMQ options of a queue worker. */
export function workerOptions(options: QueueWorkerOptions): WorkerOptions {
  return { connection: options.connection, prefix: options.prefix, concurrency: options.concurrency, ...lockOptions(options.lockDurationMs) };
}

// A dead worker's jobs are found by the stalled check, which runs as often as locks expire.
function lockOptions(lockDurationMs: number | undefined) {
  return lockDurationMs === undefined ? {} : { lockDuration: lockDurationMs, stalledInterval: lockDurationMs };
}
