// The three BullMQ queues of the GitOps loop — `refresh`, `sync` and `events` (read by the notifier) —
// with one job id per application, so a storm of triggers collapses into one job per app.
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppEvent } from '../status/status-events.js';

/** Queue names; the notifier consumes {@link EVENTS_QUEUE}. */
export const REFRESH_QUEUE = 'refresh';
export const SYNC_QUEUE = 'sync';
export const EVENTS_QUEUE = 'events';

/** Why a refresh was asked for (logged, and `hard` bypasses the render cache). */
export type RefreshReason = 'periodic' | 'spec-changed' | 'live-changed' | 'annotation' | 'operation-finished' | 'deleting';

/**
 * Refreshes nobody waits for: the periodic pass and the first look at new or changed specs. BullMQ takes
 * jobs without a priority first, so a refresh a user or a finished sync asked for (and self-heal's) never
 * waits behind a backlog of these — 10,000 new apps put 10,000 of them in the queue at once.
 */
const BACKGROUND_REASONS: ReadonlySet<RefreshReason> = new Set<RefreshReason>(['periodic', 'spec-changed']);
const BACKGROUND_PRIORITY = 10;

/**
 * Refreshes that must not wait out a delayed refresh of the app (a self-heal backoff, a live change seen
 * during an operation): a user's refresh annotation, and the refresh that shows an operation's result.
 * They run the delayed job now; the job reads the app afresh, so it does what they ask.
 */
const URGENT_REASONS: ReadonlySet<RefreshReason> = new Set<RefreshReason>(['annotation', 'operation-finished']);

/** A refresh job: which app, and how. */
export interface RefreshJobData {
  readonly namespace: string;
  readonly name: string;
  readonly reason: RefreshReason;
  readonly hard?: boolean;
}

/** A sync job: run the app's operation one step at a time. */
export interface SyncJobData {
  readonly namespace: string;
  readonly name: string;
}

/** The loop's queues. */
export interface WorkerQueues {
  readonly refresh: Queue<RefreshJobData>;
  readonly sync: Queue<SyncJobData>;
  readonly events: Queue<AppEvent>;
  close(): Promise<void>;
}

/** Options of {@link createWorkerQueues}. */
export interface WorkerQueuesOptions {
  /** A connection with `maxRetriesPerRequest: null` (BullMQ's requirement). */
  readonly connection: Redis;
  /** BullMQ key prefix. @defaultValue `driftless` */
  readonly prefix?: string;
}

/**
 * The job id of an app's job on a queue: `<queue>_<namespace>_<name>`. Kubernetes names never contain
 * `_` (nor `:`, which BullMQ refuses), so the id is unambiguous.
 */
export function appJobId(queue: string, namespace: string, name: string): string {
  return `${queue}_${namespace}_${name}`;
}

/** Opens the queues; completed jobs are removed so an app's id is free again, failed ones kept a while. */
export function createWorkerQueues(options: WorkerQueuesOptions): WorkerQueues {
  const common = {
    connection: options.connection,
    prefix: options.prefix ?? 'driftless',
    defaultJobOptions: { removeOnComplete: true, removeOnFail: { count: 1000 } },
  };
  const refresh = new Queue<RefreshJobData>(REFRESH_QUEUE, common);
  const sync = new Queue<SyncJobData>(SYNC_QUEUE, common);
  const events = new Queue<AppEvent>(EVENTS_QUEUE, { ...common, defaultJobOptions: { removeOnComplete: { count: 10_000 }, removeOnFail: { count: 1000 } } });
  return {
    refresh,
    sync,
    events,
    async close() {
      await Promise.all([refresh.close(), sync.close(), events.close()]);
    },
  };
}

/**
 * Asks for a refresh of one app. While a refresh of the app waits, the request joins it (one job per
 * app) — an urgent one (URGENT_REASONS) makes a delayed job run now; while one runs, a follow-up job
 * (`…_next`, itself deduplicated) is queued so a change seen during the run is not lost. A hard request
 * upgrades nothing already queued — it is queued as the follow-up instead. `delayMs` defers it.
 */
export async function enqueueRefresh(queue: Queue<RefreshJobData>, data: RefreshJobData, delayMs = 0): Promise<void> {
  const id = appJobId(REFRESH_QUEUE, data.namespace, data.name);
  const existing = await queue.getJob(id);
  const state = existing === undefined ? undefined : await existing.getState();
  const waiting = state === 'waiting' || state === 'delayed' || state === 'prioritized' || state === 'waiting-children';
  // A delayed job may have started meanwhile: then it is already running now, as asked.
  if (state === 'delayed' && delayMs === 0 && URGENT_REASONS.has(data.reason)) await existing?.promote().catch(() => undefined);
  if (waiting && data.hard !== true) return;
  const busy = existing !== undefined && state !== 'completed' && state !== 'failed' && state !== 'unknown';
  if (existing !== undefined && !busy) await existing.remove().catch(() => undefined);
  const priority = BACKGROUND_REASONS.has(data.reason) ? { priority: BACKGROUND_PRIORITY } : {};
  const jobId = busy ? `${id}_next` : id;
  if (busy && delayMs === 0 && URGENT_REASONS.has(data.reason)) await promoteDelayed(queue, jobId);
  await queue.add(REFRESH_QUEUE, data, { jobId, ...(delayMs > 0 ? { delay: delayMs } : {}), ...priority });
}

async function promoteDelayed(queue: Queue<RefreshJobData>, jobId: string): Promise<void> {
  const job = await queue.getJob(jobId);
  if (job !== undefined && (await job.getState()) === 'delayed') await job.promote().catch(() => undefined);
}

/**
 * Asks for the app's operation to be run; a sync already queued or running for it absorbs the request,
 * which is what keeps two syncs of one app from running at once. A finished job of the app is removed
 * first, since BullMQ ignores an add whose id still exists.
 */
export async function enqueueSync(queue: Queue<SyncJobData>, data: SyncJobData): Promise<void> {
  const id = appJobId(SYNC_QUEUE, data.namespace, data.name);
  const existing = await queue.getJob(id);
  const state = existing === undefined ? undefined : await existing.getState();
  if (existing !== undefined && (state === 'completed' || state === 'failed')) await existing.remove().catch(() => undefined);
  await queue.add(SYNC_QUEUE, data, { jobId: id });
}

/** Publishes status transitions for the notifier. */
export async function publishEvents(queue: Queue<AppEvent>, events: readonly AppEvent[]): Promise<void> {
  if (events.length === 0) return;
  await queue.addBulk(events.map((event) => ({ name: event.kind, data: event })));
}
