// Merging a refresh into the previous status: owned fields, kept conditions, carried transition times.
import { describe, expect, it } from '@jest/globals';
import type { ApplicationStatus } from '@driftless/api';
import type { RefreshResult } from '@driftless/reconcile';
import { refreshStatusPatch } from './refresh-status.js';

const T0 = '2026-05-01T12:00:00Z';
const T1 = '2026-05-01T12:03:00Z';

function refreshed(overrides: Partial<RefreshResult> = {}): RefreshResult {
  return {
    sync: { status: 'Synced', revision: 'a'.repeat(40) },
    health: { status: 'Healthy' },
    resources: [{ kind: 'ConfigMap', name: 'settings', namespace: 'shop', status: 'Synced' }],
    conditions: [],
    summary: {},
    reconciledAt: T1,
    sourceType: 'Directory',
    ...overrides,
  };
}

const previous: ApplicationStatus = {
  sync: { status: 'Synced', revision: 'a'.repeat(40) },
  health: { status: 'Healthy', lastTransitionTime: T0 },
  resources: [{ kind: 'ConfigMap', name: 'settings', namespace: 'shop', status: 'Synced' }],
  conditions: [
    { type: 'SyncError', message: 'sync failed', lastTransitionTime: T0 },
    { type: 'ComparisonError', message: 'repo down', lastTransitionTime: T0 },
  ],
  summary: {},
  reconciledAt: T0,
  sourceType: 'Directory',
  history: [{ id: 1, revision: 'a'.repeat(40), deployedAt: T0 }],
};

describe('refreshStatusPatch', () => {
  it('reports no change when only reconciledAt moved, keeping sync-owned conditions and health time', () => {
    const patch = refreshStatusPatch({ ...previous, conditions: [previous.conditions![0]!] }, refreshed());
    expect(patch.changed).toBe(false);
    expect(patch.status).toMatchObject({ reconciledAt: T1, health: { status: 'Healthy', lastTransitionTime: T0 }, conditions: [{ type: 'SyncError', lastTransitionTime: T0 }] });
  });

  it('replaces the conditions refresh evaluates, carrying the time of an unchanged one', () => {
    const same = refreshStatusPatch(previous, refreshed({ conditions: [{ type: 'ComparisonError', message: 'repo down', lastTransitionTime: T1 }] }));
    expect(same.changed).toBe(false);
    expect(same.status.conditions).toEqual([previous.conditions![0], { type: 'ComparisonError', message: 'repo down', lastTransitionTime: T0 }]);
    const cleared = refreshStatusPatch(previous, refreshed());
    expect(cleared.changed).toBe(true);
    expect(cleared.status.conditions).toEqual([previous.conditions![0]]);
  });

  it('stamps a new health status with the refresh time and marks the change', () => {
    const patch = refreshStatusPatch(previous, refreshed({ health: { status: 'Degraded', message: 'crash loop' } }));
    expect(patch.changed).toBe(true);
    expect(patch.status.health).toEqual({ status: 'Degraded', message: 'crash loop', lastTransitionTime: T1 });
  });

  it('removes fields the refresh no longer reports with null (a merge patch deletes them)', () => {
    const patch = refreshStatusPatch(previous, refreshed({ sourceType: undefined, sourceTypes: ['Helm', 'Directory'] }));
    expect(patch.status).toMatchObject({ sourceType: null, sourceTypes: ['Helm', 'Directory'] });
    expect(patch.changed).toBe(true);
  });

  it('treats a first status as a change', () => {
    expect(refreshStatusPatch(undefined, refreshed()).changed).toBe(true);
  });
});
