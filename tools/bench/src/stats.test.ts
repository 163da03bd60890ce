import { describe, expect, it } from '@jest/globals';
import { percentile, summarize, timeRuns } from './stats.js';

describe('percentile', () => {
  it.each([
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4], 95, 4],
    [[10], 99, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
  ])('%j p%d = %d', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('is NaN for no values', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('summarize', () => {
  it('sorts before ranking and computes the mean', () => {
    expect(summarize([4, 1, 3, 2])).toEqual({ count: 4, meanMs: 2.5, p50Ms: 2, p95Ms: 4, p99Ms: 4, maxMs: 4 });
  });
});

describe('timeRuns', () => {
  it('runs warm-ups unmeasured, then one measured duration per iteration', async () => {
    const seen: number[] = [];
    const durations = await timeRuns(async (i) => void seen.push(i), 3, 2);
    expect(seen).toEqual([-1, -2, 0, 1, 2]);
    expect(durations).toHaveLength(3);
    expect(durations.every((d) => d >= 0)).toBe(true);
  });
});
