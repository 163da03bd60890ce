// One refresh job over plain-data ports: what is written, when nothing is, the refresh annotation,
// events, automated sync and its SyncError, deletion and skip-reconcile.
import { describe, expect, it } from '@jest/globals';
import type { Application, ApplicationStatus } from '@driftless/api';
import type { RefreshResult } from '@driftless/reconcile';
import type { AppWriter } from '../applications/app-writer.js';
import { processRefresh } from './refresh-processor.js';
import type { AutoSyncOutcome, RefreshDeps } from './refresh-processor.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const app = (status?: ApplicationStatus, annotations?: Record<string, string>): Application => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'shop', namespace: 'argocd', ...(annotations === undefined ? {} : { annotations }) },
  spec: { project: 'default', destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' }, source: { repoURL: 'https://git.example/shop.git', path: 'app' } },
  ...(status === undefined ? {} : { status }),
});
const result = (sync: 'Synced' | 'OutOfSync', reconciledAt = '2026-11-26T12:00:00Z'): RefreshResult => ({
  sync: { status: sync, revision: 'abc', comparedTo: { destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' } } },
  health: { status: 'Healthy' },
  resources: [],
  conditions: [],
  summary: {},
  reconciledAt,
});

function harness(current: Application, refreshed: RefreshResult, autoSync?: AutoSyncOutcome) {
  const calls: string[] = [];
  const writes: Record<string, unknown>[] = [];
  const writer: AppWriter = {
    get: () => Promise.resolve(current),
    patchStatus: (_key, status) => {
      writes.push(status);
      return Promise.resolve(true);
    },
    setOperation: (_key, operation) => {
      calls.push(`operation ${JSON.stringify(operation)}`);
      return Promise.resolve(true);
    },
    patchStatusAndOperation: (_key, status, operation) => {
      writes.push(status);
      calls.push(`status and operation ${JSON.stringify(operation)}`);
      return Promise.resolve(true);
    },
    clearRefreshAnnotation: () => {
      calls.push('annotation cleared');
      return Promise.resolve(true);
    },
    setFinalizers: () => Promise.resolve(true),
  };
  const deps: RefreshDeps = {
    app: () => current,
    refresh: (_app, options) => {
      calls.push(`refresh ${JSON.stringify(options)}`);
      return Promise.resolve(refreshed);
    },
    writer,
    publish: (events) => {
      for (const event of events) calls.push(`event ${event.kind} ${event.from ?? '-'}→${event.to}`);
      return Promise.resolve();
    },
    ...(autoSync === undefined ? {} : { autoSync: () => autoSync }),
    requestSync: () => {
      calls.push('sync requested');
      return Promise.resolve();
    },
    refreshLater: (_key, delayMs) => {
      calls.push(`refresh later ${delayMs}`);
      return Promise.resolve();
    },
    periodMs: 180_000,
    now: () => NOW,
  };
  return { deps, calls, writes };
}

const job = { namespace: 'argocd', name: 'shop', reason: 'periodic' as const };

describe('processRefresh', () => {
  it('writes a changed status, publishes the transition and reuses a recent fetch on a periodic pass', async () => {
    const { deps, calls, writes } = harness(app({ sync: { status: 'Synced', revision: 'abc' }, reconciledAt: '2026-11-26T11:59:30Z' }), result('OutOfSync'));
    expect(await processRefresh(job, deps)).toMatchObject({ outcome: 'written', syncStatus: 'OutOfSync' });
    expect(calls).toEqual(['refresh {"hard":false,"revisionMaxAgeMs":180000}', 'event sync-status Synced→OutOfSync', 'event health -→Healthy']);
    expect(writes[0]).toMatchObject({ sync: { status: 'OutOfSync' }, reconciledAt: '2026-11-26T12:00:00Z' });
  });

  it('skips the write when nothing changed and reconciledAt is recent', async () => {
    const previous = { ...result('Synced', '2026-11-26T11:59:30Z') };
    const { deps, writes } = harness(app(previous), result('Synced'));
    expect(await processRefresh(job, deps)).toMatchObject({ outcome: 'unchanged' });
    expect(writes).toEqual([]);
  });

  it('serves a hard refresh annotation: renders again, fetches, then removes the annotation', async () => {
    const { deps, calls } = harness(app(undefined, { 'argocd.argoproj.io/refresh': 'hard' }), result('Synced'));
    await processRefresh(job, deps);
    expect(calls.slice(0, 2)).toEqual(['refresh {"hard":true,"revisionMaxAgeMs":0}', 'annotation cleared']);
  });

  it('writes the operation automated sync decides with the status that decided it, then asks for the sync', async () => {
    const operation = { sync: { revision: 'abc', prune: true }, initiatedBy: { automated: true } };
    const { deps, calls, writes } = harness(app(), result('OutOfSync'), { kind: 'sync', operation });
    await processRefresh(job, deps);
    expect(calls.filter((call) => !call.startsWith('event'))).toEqual(['refresh {"hard":false,"revisionMaxAgeMs":180000}', `status and operation ${JSON.stringify(operation)}`, 'sync requested']);
    expect(writes).toEqual([expect.objectContaining({ sync: expect.objectContaining({ status: 'OutOfSync' }) })]);
  });

  it('writes the operation alone when the status has nothing new', async () => {
    const operation = { sync: { revision: 'abc' }, initiatedBy: { automated: true } };
    const { deps, calls, writes } = harness(app(result('OutOfSync', '2026-11-26T11:59:30Z')), result('OutOfSync'), { kind: 'sync', operation });
    await processRefresh(job, deps);
    expect(writes).toEqual([]);
    expect(calls.slice(-2)).toEqual([`operation ${JSON.stringify(operation)}`, 'sync requested']);
  });

  it('sets the SyncError automated sync reports, and removes it once sync is possible again', async () => {
    const condition = { type: 'SyncError' as const, message: 'Failed last sync attempt to abc: boom', lastTransitionTime: '2026-11-26T12:00:00Z' };
    const first = harness(app(), result('OutOfSync'), { kind: 'skip', reason: 'Skipping auto-sync: failed previous sync attempt to abc', condition });
    await processRefresh(job, first.deps);
    expect(first.writes[0]?.['conditions']).toEqual([condition]);
    const later = harness(app({ ...result('OutOfSync', '2026-11-26T11:59:59Z'), conditions: [condition] }), result('OutOfSync'), { kind: 'skip', reason: 'Skipping auto-sync: application status is Synced' });
    await processRefresh(job, later.deps);
    expect(later.writes[0]?.['conditions']).toBeNull();
  });

  it('waits out the self-heal backoff with a later refresh', async () => {
    const { deps, calls } = harness(app(), result('OutOfSync'), { kind: 'wait', reason: 'backoff', retryAfterMs: 6000 });
    await processRefresh(job, deps);
    expect(calls.at(-1)).toBe('refresh later 6000');
  });

  it('leaves skip-reconcile apps alone and hands deleted ones to deletion', async () => {
    const skipped = harness(app(undefined, { 'argocd.argoproj.io/skip-reconcile': 'true' }), result('Synced'));
    expect(await processRefresh(job, skipped.deps)).toEqual({ outcome: 'skipped' });
    expect(skipped.calls).toEqual([]);
    const deleting = { ...app(), metadata: { ...app().metadata, deletionTimestamp: '2026-11-26T11:00:00Z', finalizers: ['resources-finalizer.argocd.argoproj.io'] } };
    const gone = harness(deleting, result('Synced'));
    const deps: RefreshDeps = { ...gone.deps, deleteApp: () => Promise.resolve({ state: 'waiting', remaining: 2 }) };
    expect(await processRefresh(job, deps)).toEqual({ outcome: 'deleting', deletion: { state: 'waiting', remaining: 2 } });
    expect(gone.calls).toEqual(['refresh later 1000']);
  });
});
