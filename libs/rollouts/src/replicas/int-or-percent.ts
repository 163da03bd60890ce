// Kubernetes IntOrString values (`maxSurge: 1`, `maxUnavailable: "25%"`) resolved against a replica
// count, and the surge/unavailable pair resolved together as Argo Rollouts does.
import { InvalidInputError } from '@driftless/api';

/** An absolute count (`3`) or a percentage of the desired replicas (`'25%'`). */
export type IntOrPercent = number | string;

/** Argo Rollouts' default for both canary `maxSurge` and `maxUnavailable`. */
export const DEFAULT_MAX_SURGE: IntOrPercent = '25%';
/** Argo Rollouts' default for both canary `maxSurge` and `maxUnavailable`. */
export const DEFAULT_MAX_UNAVAILABLE: IntOrPercent = '25%';

/**
 * Resolves `value` against `total`: a number is taken as is; a string is a percentage of `total`,
 * rounded up when `roundUp` (surge) and down otherwise (unavailable).
 *
 * Formula: n% of total = ceil(n·total/100) or floor(n·total/100).
 * Examples: ('25%', 10, true) → 3; ('25%', 10, false) → 2; (4, 10, false) → 4; ('0%', 10, true) → 0.
 * Like Argo Rollouts (apimachinery's legacy GetValueFromIntOrPercent), a string without `%` is a
 * percentage too: ('25', 10, true) → 3. Throws InvalidInputError (problem path `field`) for a
 * negative or fractional number or a string that is not a whole percentage.
 */
export function parseIntOrPercent(value: IntOrPercent, total: number, roundUp: boolean, field = 'value'): number {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw invalid(field, value, 'must be a whole number ≥ 0 or a percentage like "25%"');
    return value;
  }
  const match = /^(\d+)%?$/.exec(value.trim());
  if (match === null) throw invalid(field, value, 'must be a whole number ≥ 0 or a percentage like "25%"');
  const scaled = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** maxSurge and maxUnavailable as replica counts. */
export interface Fenceposts {
  readonly maxSurge: number;
  readonly maxUnavailable: number;
}

/**
 * Resolves maxSurge (rounded up) and maxUnavailable (rounded down) against `replicas` in one step,
 * as Argo Rollouts' `MaxSurge`/`MaxUnavailable` do: when both come out 0, maxUnavailable becomes 1
 * so the rollout can still progress; maxUnavailable never exceeds `replicas` (0 for 0 replicas).
 * Examples: ('25%','25%',10) → surge 3, unavailable 2; ('0%','0%',10) → 0, 1; ('20%','1%',1) → 1, 0.
 */
export function resolveFenceposts(maxSurge: IntOrPercent, maxUnavailable: IntOrPercent, replicas: number): Fenceposts {
  const surge = parseIntOrPercent(maxSurge, replicas, true, 'maxSurge');
  let unavailable = parseIntOrPercent(maxUnavailable, replicas, false, 'maxUnavailable');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { maxSurge: surge, maxUnavailable: replicas === 0 ? 0 : Math.min(unavailable, replicas) };
}

function invalid(field: string, value: IntOrPercent, message: string): InvalidInputError {
  return new InvalidInputError(`${field}: ${JSON.stringify(value)} ${message}`, {
    problems: [{ path: field, message }],
    context: { field, value: String(value) },
  });
}
