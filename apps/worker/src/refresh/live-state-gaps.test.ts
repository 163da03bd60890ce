import { describe, expect, it } from '@jest/globals';
import type { KindStatus } from '@driftless/kube';
import { liveStateGaps } from './live-state-gaps.js';

const NOW = 1_000_000;
const failing = (since: number, listed: boolean): KindStatus => ({ state: 'error', message: 'connect ECONNREFUSED', since, listed });

describe('liveStateGaps', () => {
  it('trusts synced kinds, and listed kinds failing for less than the grace', () => {
    const statuses = new Map<string, KindStatus>([
      ['v1/ConfigMap', { state: 'synced' }],
      ['apps/v1/Deployment', failing(NOW - 9_999, true)],
    ]);
    expect(liveStateGaps(statuses, NOW, 10_000)).toEqual([]);
  });

  it('names kinds never listed, failing past the grace, or failing before their first listing', () => {
    const statuses = new Map<string, KindStatus>([
      ['v1/Secret', { state: 'pending' }],
      ['apps/v1/Deployment', failing(NOW - 10_000, true)],
      ['batch/v1/Job', failing(NOW, false)],
    ]);
    expect(liveStateGaps(statuses, NOW, 10_000)).toEqual(['v1/Secret: not listed yet', 'apps/v1/Deployment: connect ECONNREFUSED', 'batch/v1/Job: connect ECONNREFUSED']);
  });
});
