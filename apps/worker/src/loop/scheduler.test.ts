// The scheduler's ticks over plain data: due refreshes asked for once, pending operations recovered at
// most once per interval, failures reported without stopping it.
import { describe, expect, it } from '@jest/globals';
import type { Application } from '@driftless/api';
import { startScheduler } from './scheduler.js';
import type { SchedulerDeps } from './scheduler.js';

const app = (name: string, extra: Partial<Application> = {}): Application => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name, namespace: 'argocd' },
  spec: { project: 'default', destination: { namespace: 'shop' } },
  ...extra,
});

function harness(apps: Application[], period = 180_000) {
  let now = Date.parse('2026-11-26T12:00:00Z');
  const calls: string[] = [];
  const errors: unknown[] = [];
  const deps: SchedulerDeps = {
    apps: () => apps,
    schedule: () => Promise.resolve({ periodMs: period, jitterMs: 0 }),
    requestRefresh: (key) => {
      calls.push(`refresh ${key.name}`);
      return Promise.resolve();
    },
    requestSync: (key) => {
      calls.push(`sync ${key.name}`);
      return Promise.resolve();
    },
    now: () => now,
    onError: (error) => errors.push(error),
    syncRecoveryMs: 15_000,
  };
  const scheduler = startScheduler(deps, 60_000);
  return { scheduler, calls, errors, advance: (ms: number) => (now += ms) };
}

describe('startScheduler', () => {
  it('asks once for the refresh of an app never reconciled, and again a period after', async () => {
    const { scheduler, calls, advance } = harness([app('shop')]);
    await scheduler.tick();
    await scheduler.tick();
    expect(calls).toEqual(['refresh shop']);
    advance(180_000);
    await scheduler.tick();
    expect(calls).toEqual(['refresh shop', 'refresh shop']);
    scheduler.stop();
  });

  it('recovers a pending operation at most once per interval', async () => {
    const recent = new Date(Date.parse('2026-11-26T12:00:00Z')).toISOString();
    const pending = app('billing', { operation: { sync: {} }, status: { reconciledAt: recent } });
    const { scheduler, calls, advance } = harness([pending]);
    await scheduler.tick();
    advance(5_000);
    await scheduler.tick();
    expect(calls).toEqual(['sync billing']);
    advance(15_000);
    await scheduler.tick();
    expect(calls).toEqual(['sync billing', 'sync billing']);
    scheduler.stop();
  });

  it('reports a failing tick and keeps going', async () => {
    const { scheduler, errors } = harness([app('shop')]);
    const failing = startScheduler(
      { apps: () => [app('shop')], schedule: () => Promise.reject(new Error('argocd-cm unreadable')), requestRefresh: () => Promise.resolve(), requestSync: () => Promise.resolve(), now: () => 0, onError: (error) => errors.push(error) },
      60_000,
    );
    await failing.tick();
    expect(errors).toEqual([new Error('argocd-cm unreadable')]);
    failing.stop();
    scheduler.stop();
  });
});
