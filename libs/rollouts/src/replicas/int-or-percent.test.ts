// IntOrString resolution (apimachinery's legacy rules, as Argo Rollouts uses them) and fenceposts.
import { describe, it, expect } from '@jest/globals';
import { InvalidInputError } from '@driftless/api';
import { parseIntOrPercent, resolveFenceposts } from './int-or-percent.js';
import type { IntOrPercent } from './int-or-percent.js';

describe('parseIntOrPercent', () => {
  const cases: readonly [value: IntOrPercent, total: number, roundUp: boolean, expected: number][] = [
    ['25%', 10, true, 3],
    ['25%', 10, false, 2],
    ['25%', 4, true, 1],
    ['25%', 4, false, 1],
    ['25%', 1, true, 1],
    ['25%', 1, false, 0],
    ['0%', 10, true, 0],
    ['100%', 7, false, 7],
    ['150%', 2, true, 3],
    ['20%', 10, true, 2],
    ['25', 10, true, 3], // Argo Rollouts' own default is the string "25": still a percentage
    [' 25% ', 10, true, 3],
    [4, 10, false, 4],
    [0, 10, true, 0],
    [15, 10, false, 15], // absolute values are not capped here
    ['33%', 0, true, 0],
  ];

  it.each(cases)('%j of %i (roundUp %s) → %i', (value, total, roundUp, expected) => {
    expect(parseIntOrPercent(value, total, roundUp)).toBe(expected);
  });

  it.each<IntOrPercent>([-1, 1.5, Number.NaN, '-5%', '2.5%', 'abc', '', '%'])('rejects %j', (value) => {
    expect(() => parseIntOrPercent(value, 10, true, 'maxSurge')).toThrow(InvalidInputError);
    expect(() => parseIntOrPercent(value, 10, true, 'maxSurge')).toThrow(/^maxSurge: /);
  });
});

describe('resolveFenceposts', () => {
  const cases: readonly [surge: IntOrPercent, unavailable: IntOrPercent, replicas: number, maxSurge: number, maxUnavailable: number][] = [
    ['25%', '25%', 10, 3, 2],
    ['25%', '25%', 1, 1, 0],
    ['0%', '0%', 10, 0, 1], // both zero: one pod may go unavailable so the rollout can move
    [0, 0, 10, 0, 1],
    ['1%', '0%', 2, 1, 0],
    ['0%', '1%', 2, 0, 1],
    [3, 20, 10, 3, 10], // unavailable capped at replicas
    ['25%', '25%', 0, 0, 0], // no replicas: nothing may be unavailable
    [2, 0, 0, 2, 0],
  ];

  it.each(cases)('surge %j, unavailable %j, %i replicas → %i, %i', (surge, unavailable, replicas, maxSurge, maxUnavailable) => {
    expect(resolveFenceposts(surge, unavailable, replicas)).toEqual({ maxSurge, maxUnavailable });
  });

  it('names the field that is wrong', () => {
    expect(() => resolveFenceposts('25%', 'lots', 10)).toThrow(/^maxUnavailable: "lots"/);
  });
});
