// Which watched kinds make a cluster's cached view incomplete. An empty or partial view would make a
// refresh report objects missing and a sync prune them, so such a view is refused rather than used.
import type { KindStatus } from '@driftless/kube';

/**
 * The kinds whose objects the cache cannot vouch for, as `<kind>: <reason>`: a kind never listed, and a
 * kind whose watch has failed for `staleAfterMs` or longer. A listed kind failing for less keeps serving
 * the objects it last saw — a watch failing now and then on a reachable cluster must not stop every sync.
 */
export function liveStateGaps(statuses: ReadonlyMap<string, KindStatus>, now: number, staleAfterMs: number): string[] {
  return [...statuses].flatMap(([key, status]) => {
    if (status.state === 'synced') return [];
    if (status.state === 'pending') return [`${key}: not listed yet`];
    return status.listed && now - status.since < staleAfterMs ? [] : [`${key}: ${status.message}`];
  });
}
