// Go duration syntax, as argocd-cm, retry backoffs and Rollouts pauses use it.

import { describe, expect, it } from '@jest/globals';
import { parseGoDuration, parseSecondsOrDuration } from './duration.js';

describe('parseGoDuration', () => {
  it.each([
    ['0', 0],
    ['180s', 180_000],
    ['3m', 180_000],
    ['1h30m', 5_400_000],
    ['1h0m0s', 3_600_000],
    ['1.5h', 5_400_000],
    ['.5s', 500],
    ['300ms', 300],
    ['1500us', 1.5],
    ['2µs', 0.002],
    ['-2m', -120_000],
    ['+5s', 5_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms, 9);
  });

  it.each(['', '180', '3 m', '3min', '1h30', 'h', '.s', '5s ', '1d', '-', '00'])('rejects %j', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});

describe('parseSecondsOrDuration', () => {
  it.each([
    ['5', 5_000],
    ['2m', 120_000],
    ['0', 0],
  ])('%s is %d ms', (text, ms) => {
    expect(parseSecondsOrDuration(text)).toBe(ms);
  });

  it('rejects text that is neither', () => {
    expect(parseSecondsOrDuration('5 seconds')).toBeUndefined();
  });
});
