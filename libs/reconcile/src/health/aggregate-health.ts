// Application health from its resources' health: the worst one wins.
import { HEALTH_ORDER } from './types.js';
import type { HealthStatus, HealthStatusCode } from './types.js';

/**
 * Whether `next` is worse than `current` in gitops-engine's order
 * Healthy < Suspended < Progressing < Missing < Degraded < Unknown (`health.IsWorse`).
 */
export function isWorse(current: HealthStatusCode, next: HealthStatusCode): boolean {
  return HEALTH_ORDER.indexOf(next) > HEALTH_ORDER.indexOf(current);
}

/**
 * The application's health: Healthy, or the worst of `statuses` with that resource's message.
 * Resources without health (`undefined`) are skipped; an empty list is Healthy. The first of
 * several equally bad statuses wins. Example: [Healthy, Progressing, Suspended] → Progressing.
 */
export function aggregateHealth(statuses: Iterable<HealthStatus | undefined>): HealthStatus {
  let worst: HealthStatus = { status: 'Healthy' };
  for (const status of statuses) {
    if (status && isWorse(worst.status, status.status)) worst = status;
  }
  return worst;
}
