import { describe, expect, it } from '@jest/globals';
import { humanDuration } from './table.js';

describe('humanDuration', () => {
  it.each([
    [-5000, '<invalid>'],
    [45_000, '45s'],
    [119_000, '119s'],
    [192_000, '3m12s'],
    [25 * 60_000, '25m'],
    [7_500_000, '125m'],
    [18_420_000, '5h7m'],
    [30 * 3_600_000, '30h'],
    [(3 * 24 + 4) * 3_600_000, '3d4h'],
    [40 * 86_400_000, '40d'],
    [(2 * 365 + 100) * 86_400_000, '2y100d'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
