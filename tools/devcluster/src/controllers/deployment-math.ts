// The replica arithmetic of a Deployment rollout (deployment/util), pure and table-tested: surge and
// unavailability budgets, the new ReplicaSet's next size, and proportional scaling during a rollout.
import type { JsonValue } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import { numberAt, stringAt, valueAt } from './json-fields.js';
import { scaledValue } from './int-or-percent.js';

/** The parts of a Deployment spec the replica maths reads, with API defaults applied. */
export interface RolloutSpec {
  readonly replicas: number;
  readonly strategy: 'RollingUpdate' | 'Recreate';
  readonly maxSurge: JsonValue | undefined;
  readonly maxUnavailable: JsonValue | undefined;
}

/** Reads a Deployment's rollout parameters (replicas 1, RollingUpdate, 25%/25% when absent). */
export function readRolloutSpec(deployment: KubeObject): RolloutSpec {
  return {
    replicas: numberAt(deployment, 'spec', 'replicas') ?? 1,
    strategy: stringAt(deployment, 'spec', 'strategy', 'type') === 'Recreate' ? 'Recreate' : 'RollingUpdate',
    maxSurge: valueAt(deployment, 'spec', 'strategy', 'rollingUpdate', 'maxSurge') ?? '25%',
    maxUnavailable: valueAt(deployment, 'spec', 'strategy', 'rollingUpdate', 'maxUnavailable') ?? '25%',
  };
}

/**
 * ResolveFenceposts: surge rounds up, unavailability rounds down, and if both come out 0 unavailability
 * becomes 1 so a rollout can always move.
 *
 * | desired | maxSurge | maxUnavailable | → surge, unavailable | first steps                 |
 * | 2       | 0%       | 1%             | 0, 1                 | old −1, new +1, old −1, …   |
 * | 2       | 1%       | 25%            | 1, 0                 | new +1, old −1, new +1, …   |
 * | 10      | 25%      | 25%            | 3, 2                 | new +3, old −2 …            |
 */
export function resolveFenceposts(maxSurge: JsonValue | undefined, maxUnavailable: JsonValue | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, desired, true, '25%');
  const unavailable = scaledValue(maxUnavailable, desired, false, '25%');
  return surge === 0 && unavailable === 0 ? { surge, unavailable: 1 } : { surge, unavailable };
}

/** How many pods above `replicas` a rolling Deployment may run (0 for Recreate). */
export function maxSurgeOf(spec: RolloutSpec): number {
  if (spec.strategy !== 'RollingUpdate') return 0;
  return resolveFenceposts(spec.maxSurge, spec.maxUnavailable, spec.replicas).surge;
}

/** How many of `replicas` may be unavailable during a rolling update (0 for Recreate), at most replicas. */
export function maxUnavailableOf(spec: RolloutSpec): number {
  if (spec.strategy !== 'RollingUpdate' || spec.replicas === 0) return 0;
  return Math.min(resolveFenceposts(spec.maxSurge, spec.maxUnavailable, spec.replicas).unavailable, spec.replicas);
}

/**
 * NewRSNewReplicas: the size the new ReplicaSet may grow to now. Rolling: up to replicas + surge pods in
 * all ReplicaSets together, never beyond replicas; Recreate: replicas at once.
 * Example: replicas 4, surge 1, old RS 4, new RS 0 → total 4 < 5 → new RS 0 + min(1, 4) = 1.
 */
export function newReplicaSetSize(spec: RolloutSpec, totalSpecReplicas: number, newReplicas: number): number {
  if (spec.strategy === 'Recreate') return spec.replicas;
  const maxTotal = spec.replicas + maxSurgeOf(spec);
  if (totalSpecReplicas >= maxTotal) return newReplicas;
  return newReplicas + Math.min(maxTotal - totalSpecReplicas, spec.replicas - newReplicas);
}

/** Go's math.Round: halves away from zero (JavaScript's Math.round rounds -2.5 to -2). */
function roundHalfAwayFromZero(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/** One ReplicaSet as proportional scaling sees it. */
export interface ProportionInput {
  readonly specReplicas: number;
  /** deployment.kubernetes.io/max-replicas of the ReplicaSet, undefined when absent or malformed. */
  readonly maxReplicasAnnotation: number | undefined;
}

/**
 * GetReplicaSetProportion: the share of `toAdd` (positive when scaling up, negative down) a ReplicaSet
 * takes, from its size relative to the Deployment's previous maximum, capped by what is left.
 * Example (maxSurge 2): RSs of 6 and 4 annotated max-replicas 12 (10 + 2), scaled to 20 (max 22):
 * toAdd = 22 − 10 = 12; RS 6 → round(6·22/12) − 6 = 5; RS 4 → min(round(4·22/12) − 4, 12 − 5) = 3.
 * The caller gives the leftover 12 − 8 = 4 to the first (largest) ReplicaSet: 15 + 7 = 22.
 */
export function replicaSetProportion(rs: ProportionInput, spec: RolloutSpec, statusReplicas: number, toAdd: number, added: number): number {
  if (rs.specReplicas === 0 || toAdd === 0 || toAdd === added) return 0;
  const allowed = toAdd - added;
  let fraction: number;
  if (spec.replicas === 0) {
    fraction = -rs.specReplicas;
  } else {
    const base = rs.maxReplicasAnnotation !== undefined && rs.maxReplicasAnnotation !== 0 ? rs.maxReplicasAnnotation : statusReplicas;
    if (base === 0) return 0;
    fraction = roundHalfAwayFromZero((rs.specReplicas * (spec.replicas + maxSurgeOf(spec))) / base) - rs.specReplicas;
  }
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}
