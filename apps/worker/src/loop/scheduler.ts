// The periodic pass: every tick, asks for the refreshes that are due (spread over the period) and for
// the syncs of operations nobody runs — after a Redis FLUSHALL or restart the queues are rebuilt from
// what Kubernetes holds, since `status.reconciledAt` and `operation` live there.
import type { Application } from '@driftless/api';
import { operationPending } from '../applications/app-triggers.js';
import type { AppKey } from '../applications/app-writer.js';
import { dueRefreshes } from './due-refreshes.js';
import type { RefreshSchedule } from './due-refreshes.js';

/** What the scheduler reads and asks for. */
export interface SchedulerDeps {
  readonly apps: () => readonly Application[];
  /** The current period and jitter (argocd-cm may change them). */
  readonly schedule: () => Promise<Omit<RefreshSchedule, 'tickMs'>>;
  readonly requestRefresh: (key: AppKey) => Promise<void>;
  readonly requestSync: (key: AppKey) => Promise<void>;
  readonly now: () => number;
  readonly onError: (error: unknown) => void;
  /**
   * A pending operation is asked for again at most this often: the watch already queued it, so this only
   * recovers jobs Redis lost (FLUSHALL). @defaultValue 15000
   */
  readonly syncRecoveryMs?: number;
}

/** A running scheduler. */
export interface Scheduler {
  /** One pass, as a tick runs it (exposed for tests). */
  tick(): Promise<void>;
  stop(): void;
}

/**
 * Ticks every `tickMs`. An app counts as reconciled at the later of its `status.reconciledAt` and the
 * time this scheduler last asked for it, so a refresh still queued is not asked for again each tick.
 */
export function startScheduler(deps: SchedulerDeps, tickMs: number): Scheduler {
  const requestedAt = new Map<string, number>();
  const syncRequestedAt = new Map<string, number>();
  const syncRecoveryMs = deps.syncRecoveryMs ?? 15_000;
  let running = false;

  async function tick(): Promise<void> {
    if (running) return;
    running = true;
    try {
      const schedule = { ...(await deps.schedule()), tickMs };
      const apps = deps.apps();
      const now = deps.now();
      const keyOf = (app: Application) => `${app.metadata.namespace ?? ''}/${app.metadata.name ?? ''}`;
      const due = dueRefreshes(apps.map((app) => ({ key: keyOf(app), reconciledAtMs: lastReconciled(app, requestedAt.get(keyOf(app))) })), now, schedule);
      for (const key of due) {
        requestedAt.set(key, now);
        await deps.requestRefresh(parseKey(key));
      }
      // Each request costs a few Redis round trips: with 1,000 operations pending, asking every tick
      // took more from the syncs than it recovered.
      const pending = apps.filter(operationPending).map(keyOf);
      for (const key of pending) {
        if (now - (syncRequestedAt.get(key) ?? Number.NEGATIVE_INFINITY) < syncRecoveryMs) continue;
        syncRequestedAt.set(key, now);
        await deps.requestSync(parseKey(key));
      }
      forgetRemoved(syncRequestedAt, new Set(pending));
      forgetRemoved(requestedAt, new Set(apps.map(keyOf)));
    } catch (error) {
      deps.onError(error);
    } finally {
      running = false;
    }
  }

  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}

function lastReconciled(app: Application, requested: number | undefined): number | undefined {
  const parsed = app.status?.reconciledAt === undefined ? Number.NaN : Date.parse(app.status.reconciledAt);
  const reconciled = Number.isNaN(parsed) ? undefined : parsed;
  if (requested === undefined) return reconciled;
  return reconciled === undefined ? requested : Math.max(reconciled, requested);
}

function parseKey(key: string): AppKey {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

function forgetRemoved(requestedAt: Map<string, number>, present: ReadonlySet<string>): void {
  for (const key of requestedAt.keys()) if (!present.has(key)) requestedAt.delete(key);
}
