// Which applications the periodic pass refreshes now: those not reconciled for a period (plus their
// jitter), most overdue first, at most a fair share per tick so a backlog spreads over the period.

/** One application as the scheduler sees it. */
export interface ScheduledApp {
  /** `<namespace>/<name>`. */
  readonly key: string;
  /** `status.reconciledAt` in ms since the epoch; undefined when never reconciled. */
  readonly reconciledAtMs: number | undefined;
}

/** The periodic pass's timing (argocd-cm `timeout.reconciliation`, `timeout.reconciliation.jitter`). */
export interface RefreshSchedule {
  readonly periodMs: number;
  readonly jitterMs: number;
  /** How often the scheduler looks. */
  readonly tickMs: number;
}

/**
 * The keys to refresh at `nowMs`. An app is due when `now - reconciledAt >= period + jitter(app)`, where
 * jitter(app) is a stable value in [0, jitterMs) derived from its key (so it does not move between ticks);
 * a never-reconciled app is due at once. At most `ceil(apps × tickMs / periodMs)` keys are returned per
 * tick, so even 1,000 apps due together (a restart, a FLUSHALL) are refreshed evenly over one period.
 * Example: 1,000 apps, period 180 s, tick 1 s → at most 6 per tick.
 */
export function dueRefreshes(apps: readonly ScheduledApp[], nowMs: number, schedule: RefreshSchedule): string[] {
  if (schedule.periodMs <= 0) return [];
  const share = Math.max(1, Math.ceil((apps.length * schedule.tickMs) / schedule.periodMs));
  return apps
    .map((app) => ({ key: app.key, overdue: app.reconciledAtMs === undefined ? Number.POSITIVE_INFINITY : nowMs - app.reconciledAtMs - schedule.periodMs - jitterOf(app.key, schedule.jitterMs) }))
    .filter((app) => app.overdue >= 0)
    .sort((a, b) => b.overdue - a.overdue || (a.key < b.key ? -1 : 1))
    .slice(0, share)
    .map((app) => app.key);
}

// FNV-1a: a cheap stable hash, spread well enough for a jitter.
function jitterOf(key: string, jitterMs: number): number {
  if (jitterMs <= 0) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return hash % jitterMs;
}
