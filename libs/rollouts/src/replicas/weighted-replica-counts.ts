// The canary/stable split that best approximates a traffic weight with whole pods (Argo Rollouts'
// approximateWeightedCanaryStableReplicaCounts), used by the basic (replica-weighted) canary.

/** Desired pods for the canary and the stable ReplicaSet. */
export interface CanaryStableCounts {
  readonly canary: number;
  readonly stable: number;
}

/**
 * Picks canary and stable counts whose canary share is closest to `weight` percent.
 *
 * Candidates (canary, total): (ceil(r·w/100), r) unless that leaves no stable pod; (floor(r·w/100), r)
 * unless floor and ceil are equally far (then the larger canary wins) or it gives 0 canary pods; and,
 * when `maxSurge > 0`, the same two with total r + 1. A zero canary is allowed only for weight 0 or
 * 100, or for one replica without surge. The candidate minimising |100·canary/total − w| wins, the
 * first listed on ties; stable = total − canary. Zero replicas give (0, 0).
 *
 * Worked example, r = 10, w = 25, surge 1: ceil 3, floor 2 (2.5 is a tie, floor skipped at total 10);
 * candidates (3,10) → 30% (Δ5), (3,11) → 27.3% (Δ2.3), (2,11) → 18.2% (Δ6.8): canary 3, stable 8.
 * More: (r 3, w 50, surge 0) → canary 2, stable 1; (r 1, w 20, surge 1) → 1, 1; (r 10, w 14, surge 0) → 1, 9.
 */
export function weightedCanaryStableCounts(replicas: number, weight: number, maxSurge: number): CanaryStableCounts {
  if (replicas === 0) return { canary: 0, stable: 0 };

  const ceil = Math.ceil((replicas * weight) / 100);
  const floor = Math.floor((replicas * weight) / 100);
  const zeroAllowed = weight === 100 || weight === 0 || (replicas === 1 && maxSurge === 0);
  const floorUsable = floor !== 0 || zeroAllowed;

  const options: { canary: number; total: number }[] = [];
  if (ceil < replicas || zeroAllowed) options.push({ canary: ceil, total: replicas });
  if (!floorCeilingTied(weight, replicas) && floorUsable) options.push({ canary: floor, total: replicas });
  if (maxSurge > 0) {
    options.push({ canary: ceil, total: replicas + 1 });
    if (!floorCeilingTied(weight, replicas + 1) && floorUsable) options.push({ canary: floor, total: replicas + 1 });
  }

  let best = options[0];
  // Argo notes this "should not get here": every weight 1..99 with replicas ≥ 2 yields a candidate.
  if (best === undefined) return { canary: 0, stable: replicas };
  for (const option of options.slice(1)) {
    if (weightDelta(weight, option.canary, option.total) < weightDelta(weight, best.canary, best.total)) best = option;
  }
  return { canary: best.canary, stable: best.total - best.canary };
}

// Floor and ceiling are equally far from the weight when total·w/100 ends in exactly .5
// (3 replicas at 50%: 1 pod is 33.3%, 2 pods 66.7%). Same float expression as Go, so same answers.
function floorCeilingTied(weight: number, total: number): boolean {
  const exact = total * (weight / 100);
  return exact - Math.trunc(exact) === 0.5;
}

function weightDelta(weight: number, canary: number, total: number): number {
  return Math.abs((canary * 100) / total - weight);
}
