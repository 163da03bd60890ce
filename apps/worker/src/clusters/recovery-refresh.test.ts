import { describe, expect, it } from '@jest/globals';
import type { Application } from '@driftless/api';
import type { AppKey } from '../applications/app-writer.js';
import { createRecoveryRefresh } from './recovery-refresh.js';

const app = (name: string, conditionTypes: string[] = []): Application =>
  ({
    metadata: { name, namespace: 'argocd' },
    spec: { project: 'default', destination: {} },
    status: { conditions: conditionTypes.map((type) => ({ type, message: `${type} of ${name}` })) },
  }) as unknown as Application;

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createRecoveryRefresh', () => {
  it('refreshes once, after the kinds settle, every app whose last refresh could not read its cluster', async () => {
    const refreshed: AppKey[] = [];
    const recovery = createRecoveryRefresh({
      apps: () => [app('failed', ['ComparisonError']), app('fine'), app('warned', ['OrphanedResourceWarning']), app('both', ['SyncError', 'ComparisonError'])],
      refresh: (key) => refreshed.push(key),
      settleMs: 20,
    });
    for (let kind = 0; kind < 30; kind++) recovery.clusterRecovered();
    expect(refreshed).toEqual([]);
    await settle(60);
    expect(refreshed).toEqual([
      { namespace: 'argocd', name: 'failed' },
      { namespace: 'argocd', name: 'both' },
    ]);
  });

  it('does nothing once stopped', async () => {
    const refreshed: AppKey[] = [];
    const recovery = createRecoveryRefresh({ apps: () => [app('failed', ['ComparisonError'])], refresh: (key) => refreshed.push(key), settleMs: 10 });
    recovery.clusterRecovered();
    recovery.stop();
    await settle(40);
    expect(refreshed).toEqual([]);
  });
});
