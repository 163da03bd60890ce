// The periodic pass's choice of apps: due after a period (plus stable jitter), spread over the period.
import { describe, expect, it } from '@jest/globals';
import { dueRefreshes } from './due-refreshes.js';

const PERIOD = 180_000;
const schedule = { periodMs: PERIOD, jitterMs: 0, tickMs: 1000 };
const NOW = 10_000_000;

describe('dueRefreshes', () => {
  it('picks never-reconciled and overdue apps, most overdue first, and skips fresh ones', () => {
    const apps = [
      { key: 'argocd/fresh', reconciledAtMs: NOW - 10_000 },
      { key: 'argocd/late', reconciledAtMs: NOW - PERIOD - 5_000 },
      { key: 'argocd/new', reconciledAtMs: undefined },
      { key: 'argocd/just-due', reconciledAtMs: NOW - PERIOD },
    ];
    expect(dueRefreshes(apps, NOW, schedule)).toEqual(['argocd/new']);
    expect(dueRefreshes(apps, NOW, { ...schedule, tickMs: PERIOD })).toEqual(['argocd/new', 'argocd/late', 'argocd/just-due']);
  });

  it('spreads 1,000 due apps over the period: 6 per 1 s tick at 180 s', () => {
    const apps = Array.from({ length: 1000 }, (_, i) => ({ key: `argocd/app-${i}`, reconciledAtMs: undefined }));
    expect(dueRefreshes(apps, NOW, schedule)).toHaveLength(6);
  });

  it('delays each app by a stable jitter below the bound', () => {
    const apps = Array.from({ length: 50 }, (_, i) => ({ key: `argocd/app-${i}`, reconciledAtMs: NOW - PERIOD }));
    const jittered = { ...schedule, jitterMs: 60_000, tickMs: PERIOD };
    const dueNow = dueRefreshes(apps, NOW, jittered);
    expect(dueNow.length).toBeLessThan(50);
    expect(dueRefreshes(apps, NOW, jittered)).toEqual(dueNow);
    expect(dueRefreshes(apps, NOW + 60_000, jittered)).toHaveLength(50);
  });
});
