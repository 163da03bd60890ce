import { describe, expect, it } from '@jest/globals';
import { replacingPatch } from './replacing-patch.js';

describe('replacingPatch', () => {
  it('removes nested fields the new value lacks, and leaves equal ones out', () => {
    const previous = { phase: 'Succeeded', startedAt: 'a', finishedAt: 'b', syncResult: { revision: 'r1', source: { path: 'x', chart: 'c' } } };
    const next = { phase: 'Running', startedAt: 'a', syncResult: { revision: 'r2', source: { path: 'x' } } };
    expect(replacingPatch(previous, next)).toEqual({ phase: 'Running', finishedAt: null, syncResult: { revision: 'r2', source: { chart: null } } });
  });

  it('is the whole value when there was none', () => {
    expect(replacingPatch(undefined, { phase: 'Running' })).toEqual({ phase: 'Running' });
  });
});
