// Replica counts for the next step of a basic canary (no traffic router): Argo Rollouts'
// CalculateReplicaCountsForBasicCanary, where the pod ratio is the traffic split.
import { InvalidInputError } from '@driftless/api';
import { DEFAULT_MAX_SURGE, DEFAULT_MAX_UNAVAILABLE, resolveFenceposts } from './int-or-percent.js';
import type { IntOrPercent } from './int-or-percent.js';
import { weightedCanaryStableCounts } from './weighted-replica-counts.js';

/** What the controller knows about one ReplicaSet of the Rollout. */
export interface ReplicaSetReplicas {
  /** Identifies the ReplicaSet; the stable and canary ReplicaSets are the same one when names match. */
  readonly name: string;
  /** `spec.replicas`. */
  readonly replicas: number;
  /** `status.availableReplicas`. */
  readonly availableReplicas: number;
}

/** The Rollout's intent and the ReplicaSets as they are now. */
export interface CanaryReplicaInput {
  /** `spec.replicas`. @defaultValue 1 */
  readonly replicas?: number;
  /** Current canary weight in percent, 0–100 (the last `setWeight` reached; 100 when promoted, 0 when aborted). */
  readonly weight: number;
  /** `strategy.canary.maxSurge`. @defaultValue '25%' */
  readonly maxSurge?: IntOrPercent;
  /** `strategy.canary.maxUnavailable`. @defaultValue '25%' */
  readonly maxUnavailable?: IntOrPercent;
  /** The ReplicaSet of the current pod template, if created yet. */
  readonly canary?: ReplicaSetReplicas;
  /** The ReplicaSet marked stable, if any; when it is `canary` itself, the rollout is not mid-canary. */
  readonly stable?: ReplicaSetReplicas;
  /** Every other ReplicaSet of the Rollout; they are drained before canary or stable shrink. */
  readonly others?: readonly ReplicaSetReplicas[];
}

/** `spec.replicas` to set on the canary and on the stable ReplicaSet for this step. */
export interface CanaryReplicaCounts {
  readonly canary: number;
  readonly stable: number;
}

/**
 * Where the canary and stable ReplicaSets should be scaled now, moving toward the split for
 * `weight` without exceeding replicas + maxSurge pods nor dropping below replicas − maxUnavailable
 * available pods.
 *
 * 1. Desired split: weightedCanaryStableCounts(replicas, weight, maxSurge); without a distinct stable
 *    ReplicaSet the canary alone is desired at `replicas`.
 * 2. Scale up within surge: room = replicas + maxSurge − Σ spec.replicas of all ReplicaSets; the
 *    stable grows toward its desired count first, then the canary takes what room is left.
 * 3. If other ReplicaSets still have replicas, stop: those are scaled down first.
 * 4. Scale down within availability: minAvailable = replicas − maxUnavailable; when growing the canary
 *    count the stable's pods count as spec (availability ignored), when shrinking it the canary's do.
 *    Whatever exceeds minAvailable may be removed from the shrinking side, never below its desired
 *    count; then the other side is trimmed back under the surge cap without breaking minAvailable.
 *
 * Worked examples (replicas 10; canary spec/available, stable spec/available → canary, stable):
 * - weight 10, surge 1, unavailable 1; canary 0/0, stable 10/10: desired 1/9; room 1 → canary 1;
 *   scale-down 10 − 9 = 1 → stable 9. Result 1, 9.
 * - weight 30, surge 3, unavailable 0; canary 0/0, stable 10/10: room 3 → canary 3; nothing may go
 *   unavailable, so stable stays 10. Result 3, 10.
 * - weight 30, surge 0, unavailable 5; canary 0/0, stable 10/10: no room; scale-down 10 − 5 = 5,
 *   bounded by the desired 7 → stable 7. Result 0, 7.
 * Throws InvalidInputError when a count is negative or fractional, or weight is outside 0–100.
 */
export function canaryReplicaCounts(input: CanaryReplicaInput): CanaryReplicaCounts {
  validate(input);
  const replicas = input.replicas ?? 1;
  const { canary, stable } = input;
  const others = input.others ?? [];
  const { maxSurge, maxUnavailable } = resolveFenceposts(input.maxSurge ?? DEFAULT_MAX_SURGE, input.maxUnavailable ?? DEFAULT_MAX_UNAVAILABLE, replicas);

  const stableApart = stable !== undefined && (canary === undefined || canary.name !== stable.name);
  let desired = weightedCanaryStableCounts(replicas, input.weight, maxSurge);
  // Without a stable ReplicaSet of its own there is no canary step to follow: go straight to 100%.
  if (!stableApart) desired = { canary: replicas, stable: 0 };

  let canaryCount = canary?.replicas ?? 0;
  let stableCount = stableApart ? stable.replicas : 0;

  const maxTotal = replicas + maxSurge;
  const othersTotal = sumReplicas(others);
  let room = maxTotal - (othersTotal + (canary?.replicas ?? 0) + (stableApart ? stable.replicas : 0));
  if (stableApart && stable.replicas < desired.stable && room > 0) {
    stableCount = Math.min(stable.replicas + room, desired.stable);
    room -= stableCount - stable.replicas;
  }
  if (canary !== undefined && canary.replicas < desired.canary && room > 0) {
    canaryCount = Math.min(canary.replicas + room, desired.canary);
  }

  if (othersTotal > 0) return { canary: canaryCount, stable: stableCount };

  const minAvailable = replicas - maxUnavailable;
  const increasing = canary === undefined || desired.canary >= canary.replicas;
  // Argo counts `stable` here even when it is the canary ReplicaSet itself; so do we.
  const removable = replicasForScaleDown(canary, !increasing) + replicasForScaleDown(stable, increasing);
  if (removable <= minAvailable) return { canary: canaryCount, stable: stableCount };
  const scaleDown = removable - minAvailable;

  if (!increasing) {
    canaryCount = scaledDown(canary, desired.canary, scaleDown, canaryCount);
    const adjusted = withinLimits(canary, stable, canaryCount, stableCount, maxTotal, minAvailable);
    return { canary: adjusted.drain, stable: adjusted.adjust };
  }
  if (stableApart) {
    stableCount = scaledDown(stable, desired.stable, scaleDown, stableCount);
    const adjusted = withinLimits(stable, canary, stableCount, canaryCount, maxTotal, minAvailable);
    return { canary: adjusted.adjust, stable: adjusted.drain };
  }
  return { canary: canaryCount, stable: stableCount };
}

// Pods of `rs` that count as available for the minAvailable budget. Spec when availability may be
// ignored or when more pods are available than the spec keeps (the surplus is already going away).
function replicasForScaleDown(rs: ReplicaSetReplicas | undefined, ignoreAvailability: boolean): number {
  if (rs === undefined) return 0;
  if (rs.replicas < rs.availableReplicas || ignoreAvailability) return rs.replicas;
  return rs.availableReplicas;
}

// Shrinks the draining ReplicaSet by up to `scaleDown`, never below its desired count.
function scaledDown(drain: ReplicaSetReplicas | undefined, desired: number, scaleDown: number, current: number): number {
  if (drain === undefined || drain.replicas <= desired) return current;
  return Math.max(desired, drain.replicas - scaleDown);
}

// Argo's adjustReplicaWithinLimits: trims `adjust` (the side whose availability counts) back under
// maxTotal, gives back what minAvailable still needs from its available pods, then trims `drain`.
function withinLimits(
  drainRs: ReplicaSetReplicas | undefined,
  adjustRs: ReplicaSetReplicas | undefined,
  drain: number,
  adjust: number,
  maxTotal: number,
  minAvailable: number,
): { drain: number; adjust: number } {
  if (adjustRs === undefined) return { drain, adjust };
  let available = drainRs === undefined ? 0 : Math.min(drainRs.availableReplicas, drain);
  let adjusted = adjust - Math.max(0, adjust + drain - maxTotal);
  available += Math.min(adjustRs.availableReplicas, adjusted);
  const lostAvailable = Math.max(0, adjustRs.availableReplicas - adjusted);
  const stillNeeded = Math.max(0, minAvailable - available);
  adjusted += Math.min(lostAvailable, stillNeeded);
  return { drain: drain - Math.max(0, adjusted + drain - maxTotal), adjust: adjusted };
}

function sumReplicas(sets: readonly ReplicaSetReplicas[]): number {
  return sets.reduce((sum, rs) => sum + rs.replicas, 0);
}

function validate(input: CanaryReplicaInput): void {
  const problems: { path: string; message: string }[] = [];
  const count = (path: string, value: number | undefined): void => {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) problems.push({ path, message: `must be a whole number ≥ 0, got ${value}` });
  };
  count('replicas', input.replicas);
  if (!Number.isSafeInteger(input.weight) || input.weight < 0 || input.weight > 100) problems.push({ path: 'weight', message: `must be a whole percentage 0–100, got ${input.weight}` });
  const sets: [string, ReplicaSetReplicas | undefined][] = [
    ['canary', input.canary],
    ['stable', input.stable],
    ...(input.others ?? []).map((rs, i): [string, ReplicaSetReplicas] => [`others[${i}]`, rs]),
  ];
  for (const [path, rs] of sets) {
    count(`${path}.replicas`, rs?.replicas);
    count(`${path}.availableReplicas`, rs?.availableReplicas);
  }
  if (problems.length > 0) {
    throw new InvalidInputError(`invalid canary replica input: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, { problems });
  }
}
