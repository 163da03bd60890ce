// The loop's queues against the real Redis: one job per app, follow-ups while a refresh runs, failed
// jobs replaced, events published.
import { describe, expect, it } from '@jest/globals';
import { Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { waitFor, withQueuePrefix } from '@driftless/testing';
import { REFRESH_QUEUE, SYNC_QUEUE, appJobId, createWorkerQueues, enqueueRefresh, enqueueSync, publishEvents } from './worker-queues.js';
import type { RefreshJobData } from './worker-queues.js';

const redis = withQueuePrefix();
const shop = { namespace: 'argocd', name: 'shop' };

describe('worker queues', () => {
  it('collapses a storm of refresh requests for one app into one job', async () => {
    const queues = createWorkerQueues({ connection: redis.connection, prefix: redis.prefix });
    try {
      await Promise.all(Array.from({ length: 20 }, () => enqueueRefresh(queues.refresh, { ...shop, reason: 'live-changed' })));
      await enqueueRefresh(queues.refresh, { namespace: 'argocd', name: 'billing', reason: 'periodic' });
      const jobs = await queues.refresh.getJobs(['waiting', 'prioritized']);
      expect(jobs.map((j) => j.id).sort()).toEqual([appJobId(REFRESH_QUEUE, 'argocd', 'billing'), appJobId(REFRESH_QUEUE, 'argocd', 'shop')]);
    } finally {
      await queues.close();
    }
  });

  it('takes a refresh someone waits for before a backlog of periodic and new-app refreshes', async () => {
    const queues = createWorkerQueues({ connection: redis.connection, prefix: redis.prefix });
    const workerConnection = redis.connection.duplicate({ maxRetriesPerRequest: null });
    const order: string[] = [];
    try {
      for (let i = 0; i < 5; i++) await enqueueRefresh(queues.refresh, { namespace: 'argocd', name: `app-${i}`, reason: i % 2 === 0 ? 'periodic' : 'spec-changed' });
      await enqueueRefresh(queues.refresh, { ...shop, reason: 'operation-finished' });
      const worker = new Worker<RefreshJobData>(REFRESH_QUEUE, (job: Job<RefreshJobData>) => {
        order.push(job.data.name);
        return Promise.resolve();
      }, { connection: workerConnection, prefix: redis.prefix, concurrency: 1 });
      await waitFor(() => order.length === 6, { description: 'every refresh runs' });
      await worker.close();
      expect(order[0]).toBe('shop');
    } finally {
      await workerConnection.quit();
      await queues.close();
    }
  });

  it('queues one follow-up while the app\'s refresh runs, so a change seen meanwhile is not lost', async () => {
    const queues = createWorkerQueues({ connection: redis.connection, prefix: redis.prefix });
    let release: () => void = () => undefined;
    const started: string[] = [];
    // BullMQ never closes a connection it is given: the test owns it and quits it.
    const workerConnection = redis.connection.duplicate({ maxRetriesPerRequest: null });
    const worker = new Worker<RefreshJobData>(REFRESH_QUEUE, async (job: Job<RefreshJobData>) => {
      started.push(job.id ?? '');
      if (started.length === 1) await new Promise<void>((resolve) => (release = resolve));
    }, { connection: workerConnection, prefix: redis.prefix });
    try {
      await enqueueRefresh(queues.refresh, { ...shop, reason: 'periodic' });
      await waitFor(() => started.length === 1, { description: 'the first refresh runs' });
      await enqueueRefresh(queues.refresh, { ...shop, reason: 'live-changed' });
      await enqueueRefresh(queues.refresh, { ...shop, reason: 'live-changed' });
      release();
      await waitFor(() => started.length === 2, { description: 'the follow-up runs' });
      expect(started).toEqual([appJobId(REFRESH_QUEUE, 'argocd', 'shop'), `${appJobId(REFRESH_QUEUE, 'argocd', 'shop')}_next`]);
    } finally {
      await worker.close();
      await workerConnection.quit();
      await queues.close();
    }
  });

  it('runs a delayed refresh at once when a user or a finished operation asks, and leaves it delayed otherwise', async () => {
    const queues = createWorkerQueues({ connection: redis.connection, prefix: redis.prefix });
    try {
      // Given a refresh of the app delayed by a minute (a self-heal backoff)
      await enqueueRefresh(queues.refresh, { ...shop, reason: 'live-changed' }, 60_000);
      const state = async () => (await queues.refresh.getJob(appJobId(REFRESH_QUEUE, 'argocd', 'shop')))?.getState();
      // When a live change or the periodic pass asks, it stays delayed
      await enqueueRefresh(queues.refresh, { ...shop, reason: 'live-changed' });
      await enqueueRefresh(queues.refresh, { ...shop, reason: 'periodic' });
      expect(await state()).toBe('delayed');
      // When the refresh annotation asks, it is due now, still one job
      await enqueueRefresh(queues.refresh, { ...shop, reason: 'annotation' });
      expect(await state()).toBe('waiting');
      expect(await queues.refresh.getJobCounts('waiting', 'delayed', 'prioritized')).toEqual({ waiting: 1, delayed: 0, prioritized: 0 });
    } finally {
      await queues.close();
    }
  });

  it('keeps one sync job per app, and replaces a failed one', async () => {
    const queues = createWorkerQueues({ connection: redis.connection, prefix: redis.prefix });
    const workerConnection = redis.connection.duplicate({ maxRetriesPerRequest: null });
    const worker = new Worker(SYNC_QUEUE, () => Promise.reject(new Error('boom')), { connection: workerConnection, prefix: redis.prefix, autorun: false });
    try {
      await enqueueSync(queues.sync, shop);
      await enqueueSync(queues.sync, shop);
      expect(await queues.sync.getJobCounts('waiting')).toEqual({ waiting: 1 });
      const failed = new Promise<void>((resolve) => worker.on('failed', () => resolve()));
      void worker.run();
      await failed;
      await enqueueSync(queues.sync, shop);
      await waitFor(async () => (await queues.sync.getJobCounts('failed')).failed === 1, { description: 'the second attempt fails too' });
    } finally {
      await worker.close();
      await workerConnection.quit();
      await queues.close();
    }
  });

  it('publishes transitions on the events queue', async () => {
    const queues = createWorkerQueues({ connection: redis.connection, prefix: redis.prefix });
    try {
      await publishEvents(queues.events, [{ kind: 'sync-status', app: shop, from: 'OutOfSync', to: 'Synced', at: '2026-05-01T12:00:00Z' }]);
      const [job] = await queues.events.getJobs(['waiting']);
      expect(job?.data).toEqual({ kind: 'sync-status', app: shop, from: 'OutOfSync', to: 'Synced', at: '2026-05-01T12:00:00Z' });
    } finally {
      await queues.close();
    }
  });
});
