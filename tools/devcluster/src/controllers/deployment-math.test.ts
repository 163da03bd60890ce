// The rollout arithmetic, checked against the examples in upstream's comments and tests.
import { describe, expect, it } from '@jest/globals';
import type { JsonValue } from '../model/json.js';
import { maxSurgeOf, maxUnavailableOf, newReplicaSetSize, replicaSetProportion, resolveFenceposts } from './deployment-math.js';
import type { RolloutSpec } from './deployment-math.js';
import { scaledValue } from './int-or-percent.js';

function rolling(replicas: number, maxSurge: JsonValue, maxUnavailable: JsonValue): RolloutSpec {
  return { replicas, strategy: 'RollingUpdate', maxSurge, maxUnavailable };
}

function recreate(replicas: number): RolloutSpec {
  return { replicas, strategy: 'Recreate', maxSurge: 1, maxUnavailable: 1 };
}

describe('int-or-percent', () => {
  it.each([
    { value: '25%', total: 10, roundUp: true, expected: 3 },
    { value: '25%', total: 10, roundUp: false, expected: 2 },
    { value: 2, total: 10, roundUp: true, expected: 2 },
    { value: '0%', total: 10, roundUp: true, expected: 0 },
    { value: '5', total: 10, roundUp: true, expected: 3 },
    { value: null, total: 10, roundUp: false, expected: 2 },
  ])('$value of $total (round up: $roundUp) → $expected', ({ value, total, roundUp, expected }) => {
    expect(scaledValue(value, total, roundUp, '25%')).toBe(expected);
  });
});

describe('fenceposts', () => {
  it.each([
    { desired: 2, maxSurge: '0%', maxUnavailable: '1%', surge: 0, unavailable: 1 },
    { desired: 1, maxSurge: '0%', maxUnavailable: '1%', surge: 0, unavailable: 1 },
    { desired: 2, maxSurge: '1%', maxUnavailable: '25%', surge: 1, unavailable: 0 },
    { desired: 2, maxSurge: '1%', maxUnavailable: '0%', surge: 1, unavailable: 0 },
    { desired: 10, maxSurge: '25%', maxUnavailable: '25%', surge: 3, unavailable: 2 },
    { desired: 5, maxSurge: 0, maxUnavailable: 0, surge: 0, unavailable: 1 },
  ])('$desired desired, surge $maxSurge, unavailable $maxUnavailable → $surge/$unavailable', ({ desired, maxSurge, maxUnavailable, surge, unavailable }) => {
    expect(resolveFenceposts(maxSurge, maxUnavailable, desired)).toEqual({ surge, unavailable });
  });

  it('has no budgets for Recreate and none to lose at 0 replicas', () => {
    expect([maxSurgeOf(recreate(4)), maxUnavailableOf(recreate(4))]).toEqual([0, 0]);
    expect(maxUnavailableOf(rolling(0, 1, 1))).toBe(0);
    expect(maxUnavailableOf(rolling(2, 0, 5))).toBe(2);
  });
});

describe('new ReplicaSet size', () => {
  it.each([
    { spec: rolling(4, 1, 1), total: 4, current: 0, expected: 1, why: 'surge room of 1' },
    { spec: rolling(4, 1, 1), total: 5, current: 1, expected: 1, why: 'at replicas + surge' },
    { spec: rolling(10, '50%', 0), total: 10, current: 0, expected: 5, why: 'surge room of 5' },
    { spec: rolling(3, 5, 0), total: 3, current: 0, expected: 3, why: 'never beyond replicas' },
    { spec: recreate(3), total: 0, current: 0, expected: 3, why: 'Recreate at once' },
  ])('$why → $expected', ({ spec, total, current, expected }) => {
    expect(newReplicaSetSize(spec, total, current)).toBe(expected);
  });
});

describe('proportional scaling', () => {
  it('shares a scale-up by size, as in the worked example', () => {
    const spec = rolling(20, 2, 0);
    const first = replicaSetProportion({ specReplicas: 6, maxReplicasAnnotation: 12 }, spec, 10, 12, 0);
    const second = replicaSetProportion({ specReplicas: 4, maxReplicasAnnotation: 12 }, spec, 10, 12, first);
    expect([first, second]).toEqual([5, 3]);
  });

  it.each([
    { rs: { specReplicas: 0, maxReplicasAnnotation: 12 }, toAdd: 5, added: 0, expected: 0, why: 'empty ReplicaSets take nothing' },
    { rs: { specReplicas: 6, maxReplicasAnnotation: 12 }, toAdd: 4, added: 0, expected: 4, why: 'capped by what is left' },
    { rs: { specReplicas: 6, maxReplicasAnnotation: 33 }, toAdd: -10, added: 0, expected: -2, why: 'scale-down share: round(6·22/33) − 6' },
    { rs: { specReplicas: 6, maxReplicasAnnotation: undefined }, toAdd: 12, added: 0, expected: 5, why: 'falls back to status.replicas' },
  ])('$why', ({ rs, toAdd, added, expected }) => {
    expect(replicaSetProportion(rs, rolling(20, 2, 0), 12, toAdd, added)).toBe(expected);
  });
});
