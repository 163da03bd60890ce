// Argo Rollouts' basic-canary cases (utils/replicaset/canary_test.go TestCalculateReplicaCountsForCanary,
// the traffic-routed rows left out, plus the examples in canary.go's doc comment) as a table.
import { describe, it, expect } from '@jest/globals';
import { InvalidInputError } from '@driftless/api';
import { canaryReplicaCounts } from './canary-replica-counts.js';
import type { IntOrPercent } from './int-or-percent.js';

interface Row {
  readonly name: string;
  readonly replicas: number;
  readonly weight: number;
  readonly surge: IntOrPercent;
  readonly unavailable: IntOrPercent;
  /** [spec, available] */
  readonly stable: readonly [number, number];
  readonly canary: readonly [number, number];
  readonly older?: readonly [number, number];
  readonly expected: { readonly canary: number; readonly stable: number };
}

const rows: readonly Row[] = [
  { name: 'do not add extra RSs in scaleDownCount when spec < available', replicas: 10, weight: 100, surge: 3, unavailable: 0, stable: [7, 8], canary: [6, 3], expected: { canary: 6, stable: 7 } },
  { name: 'use max surge int to scale up canary', replicas: 10, weight: 20, surge: 2, unavailable: 0, stable: [10, 10], canary: [0, 0], expected: { canary: 2, stable: 10 } },
  { name: 'use max surge percentage to scale up canary', replicas: 10, weight: 20, surge: '20%', unavailable: 0, stable: [10, 10], canary: [0, 0], expected: { canary: 2, stable: 10 } },
  { name: 'scale down extra stable replicas', replicas: 10, weight: 20, surge: '20%', unavailable: 0, stable: [10, 10], canary: [2, 2], expected: { canary: 2, stable: 8 } },
  { name: 'do not go past max surge', replicas: 10, weight: 30, surge: 2, unavailable: 0, stable: [10, 10], canary: [0, 0], expected: { canary: 2, stable: 10 } },
  { name: 'use max unavailable int to scale down stable', replicas: 10, weight: 20, surge: 0, unavailable: 2, stable: [10, 10], canary: [0, 0], expected: { canary: 0, stable: 8 } },
  { name: 'use max unavailable percentage to scale down stable', replicas: 10, weight: 20, surge: 0, unavailable: '20%', stable: [10, 10], canary: [0, 0], expected: { canary: 0, stable: 8 } },
  { name: 'do not go past max unavailable', replicas: 10, weight: 30, surge: 0, unavailable: 2, stable: [10, 10], canary: [0, 0], expected: { canary: 0, stable: 8 } },
  { name: 'use max surge and max unavailable', replicas: 10, weight: 50, surge: 2, unavailable: 1, stable: [10, 10], canary: [0, 0], expected: { canary: 2, stable: 9 } },
  { name: 'scale canary to zero on weight 0%', replicas: 10, weight: 0, surge: 1, unavailable: 1, stable: [10, 10], canary: [1, 1], expected: { canary: 0, stable: 10 } },
  { name: 'scale stable to zero on weight 100%', replicas: 10, weight: 100, surge: 1, unavailable: 1, stable: [1, 1], canary: [10, 10], expected: { canary: 10, stable: 0 } },
  { name: 'do not scale canary down to zero on non-zero weight', replicas: 1, weight: 20, surge: 1, unavailable: 0, stable: [1, 1], canary: [0, 0], expected: { canary: 1, stable: 1 } },
  { name: 'do not scale canary down to zero on non-100 weight', replicas: 1, weight: 90, surge: 1, unavailable: 0, stable: [1, 1], canary: [0, 0], expected: { canary: 1, stable: 1 } },
  { name: 'scale up stable before canary', replicas: 10, weight: 30, surge: 1, unavailable: 0, stable: [1, 1], canary: [0, 0], older: [3, 3], expected: { canary: 1, stable: 7 } },
  { name: 'scale down canary and stable', replicas: 10, weight: 30, surge: 0, unavailable: 3, stable: [8, 5], canary: [4, 4], expected: { canary: 3, stable: 7 } },
  { name: 'scale down stable and canary available', replicas: 10, weight: 100, surge: 1, unavailable: 0, stable: [10, 2], canary: [10, 8], expected: { canary: 9, stable: 2 } },
  { name: 'do not scale down canary or stable while older ReplicaSets have replicas', replicas: 10, weight: 30, surge: 0, unavailable: 1, stable: [8, 6], canary: [4, 2], older: [3, 3], expected: { canary: 4, stable: 8 } },
  { name: 'do not round past maxSurge with an uneven weight', replicas: 10, weight: 5, surge: 0, unavailable: 1, stable: [10, 10], canary: [0, 0], expected: { canary: 0, stable: 9 } },
  { name: 'do not round past maxSurge with an uneven weight (part 2)', replicas: 10, weight: 5, surge: 0, unavailable: 1, stable: [9, 9], canary: [0, 0], expected: { canary: 1, stable: 9 } },
  { name: 'maxUnavailable 1 when both percentages resolve to 0', replicas: 10, weight: 10, surge: '0%', unavailable: '0%', stable: [10, 10], canary: [0, 0], expected: { canary: 0, stable: 9 } },
  { name: 'setCanaryScale ignored without traffic routing: setWeight decides', replicas: 10, weight: 20, surge: '20%', unavailable: 0, stable: [10, 10], canary: [0, 0], expected: { canary: 2, stable: 10 } },
  { name: 'honor maxSurge during scale up when stable unavailable', replicas: 4, weight: 100, surge: 1, unavailable: 0, stable: [4, 1], canary: [0, 0], expected: { canary: 1, stable: 4 } },
  { name: 'scale down to maxUnavailable without exceeding maxSurge', replicas: 3, weight: 99, surge: 0, unavailable: 2, stable: [3, 3], canary: [0, 0], expected: { canary: 0, stable: 1 } },
  { name: 'scale down to maxUnavailable without exceeding maxSurge (part 2)', replicas: 3, weight: 99, surge: 0, unavailable: 2, stable: [1, 1], canary: [0, 0], expected: { canary: 2, stable: 1 } },
  { name: 'honor maxUnavailable during scale down when stable unavailable', replicas: 4, weight: 100, surge: 1, unavailable: 0, stable: [4, 1], canary: [1, 1], expected: { canary: 1, stable: 3 } },
  { name: 'honor maxUnavailable when aborting (part 1)', replicas: 4, weight: 0, surge: 1, unavailable: 0, stable: [0, 0], canary: [4, 4], expected: { canary: 4, stable: 1 } },
  { name: 'honor maxUnavailable when aborting (part 2)', replicas: 4, weight: 0, surge: 1, unavailable: 0, stable: [1, 0], canary: [4, 4], expected: { canary: 4, stable: 1 } },
  { name: 'honor maxUnavailable when aborting (part 3)', replicas: 4, weight: 0, surge: 1, unavailable: 0, stable: [1, 1], canary: [4, 4], expected: { canary: 3, stable: 1 } },
  { name: 'full promotion (weight 100) ignores the step weight', replicas: 4, weight: 100, surge: 4, unavailable: 4, stable: [4, 4], canary: [0, 0], expected: { canary: 4, stable: 0 } },
  { name: 'full promotion still honors maxSurge/maxUnavailable', replicas: 4, weight: 100, surge: 3, unavailable: 0, stable: [4, 4], canary: [0, 0], expected: { canary: 3, stable: 4 } },
  // canary.go doc comment examples (stable fully available)
  { name: 'doc: 10 replicas, 10%, surge 1, unavailable 1', replicas: 10, weight: 10, surge: 1, unavailable: 1, stable: [10, 10], canary: [0, 0], expected: { canary: 1, stable: 9 } },
  { name: 'doc: 10 replicas, 30%, surge 3, unavailable 0', replicas: 10, weight: 30, surge: 3, unavailable: 0, stable: [10, 10], canary: [0, 0], expected: { canary: 3, stable: 10 } },
  { name: 'doc: 10 replicas, 30%, surge 0, unavailable 5', replicas: 10, weight: 30, surge: 0, unavailable: 5, stable: [10, 10], canary: [0, 0], expected: { canary: 0, stable: 7 } },
  // Argo's comment still says stable 9 (the pre-approximation maths); its code keeps 10: 1 of 11 pods
  // (9.1%) is closer to 5% than 1 of 10, so the desired stable count is 10.
  { name: 'doc: 10 replicas, 5%, surge 1, unavailable 1', replicas: 10, weight: 5, surge: 1, unavailable: 1, stable: [10, 10], canary: [0, 0], expected: { canary: 1, stable: 10 } },
  { name: 'doc: 1 replica, 5%, surge 1, unavailable 0', replicas: 1, weight: 5, surge: 1, unavailable: 0, stable: [1, 1], canary: [0, 0], expected: { canary: 1, stable: 1 } },
  { name: 'doc: 1 replica, 95%, surge 1, unavailable 0', replicas: 1, weight: 95, surge: 1, unavailable: 0, stable: [1, 1], canary: [0, 0], expected: { canary: 1, stable: 1 } },
];

describe('canaryReplicaCounts', () => {
  it.each(rows)('$name', (row) => {
    const result = canaryReplicaCounts({
      replicas: row.replicas,
      weight: row.weight,
      maxSurge: row.surge,
      maxUnavailable: row.unavailable,
      stable: { name: 'stable', replicas: row.stable[0], availableReplicas: row.stable[1] },
      canary: { name: 'canary', replicas: row.canary[0], availableReplicas: row.canary[1] },
      others: row.older === undefined ? [] : [{ name: 'older', replicas: row.older[0], availableReplicas: row.older[1] }],
    });
    expect(result).toEqual(row.expected);
  });

  // TestCalculateReplicaCountsForNewDeployment
  it('goes straight to the canary when the stable ReplicaSet is the canary itself', () => {
    const same = { name: 'stable', replicas: 10, availableReplicas: 0 };
    expect(canaryReplicaCounts({ replicas: 10, weight: 10, maxSurge: 0, maxUnavailable: 1, canary: same, stable: same })).toEqual({ canary: 10, stable: 0 });
  });

  // TestCalculateReplicaCountsForCanaryStableRSdEdgeCases (no stable recorded: weight 100)
  it.each([
    ['no stable ReplicaSet', undefined],
    ['stable is the canary', { name: 'stable', replicas: 9, availableReplicas: 9 }],
  ])('scales the canary to all replicas when there is %s', (_label, stable) => {
    const canary = { name: 'stable', replicas: 9, availableReplicas: 9 };
    expect(canaryReplicaCounts({ replicas: 10, weight: 100, maxSurge: 0, maxUnavailable: 1, canary, stable })).toEqual({ canary: 10, stable: 0 });
  });

  it('creates nothing before the canary ReplicaSet exists', () => {
    const stable = { name: 'stable', replicas: 10, availableReplicas: 10 };
    expect(canaryReplicaCounts({ replicas: 10, weight: 20, maxSurge: 0, maxUnavailable: 2, stable })).toEqual({ canary: 0, stable: 8 });
  });

  it('defaults to 1 replica and 25% surge and unavailability', () => {
    const stable = { name: 'stable', replicas: 1, availableReplicas: 1 };
    const canary = { name: 'canary', replicas: 0, availableReplicas: 0 };
    // surge ceil(0.25) = 1, unavailable floor(0.25) = 0: one extra pod, stable kept.
    expect(canaryReplicaCounts({ weight: 50, canary, stable })).toEqual({ canary: 1, stable: 1 });
  });

  it('rejects impossible input, naming each field', () => {
    const attempt = (): unknown =>
      canaryReplicaCounts({ replicas: -1, weight: 120, canary: { name: 'c', replicas: 1.5, availableReplicas: 0 }, others: [{ name: 'o', replicas: 0, availableReplicas: -2 }] });
    expect(attempt).toThrow(InvalidInputError);
    try {
      attempt();
    } catch (error) {
      expect((error as InvalidInputError).problems.map((p) => p.path)).toEqual(['replicas', 'weight', 'canary.replicas', 'others[0].availableReplicas']);
    }
  });
});
