// The injectable clock: timestamps the server writes and delays controllers ask for.

/** A handle to cancel a scheduled callback. */
export interface TimerHandle {
  cancel(): void;
}

/** Time as the dev cluster sees it. Tests inject a {@link ManualClock} instead of sleeping. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` once `delayMs` have passed on this clock. */
  schedule(delayMs: number, fn: () => void): TimerHandle;
}

/** Wall-clock time and real timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(delayMs, fn) {
    const timer = setTimeout(fn, Math.max(0, delayMs));
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/**
 * A clock that moves only when told: `advance(ms)` runs due callbacks in time order. Callbacks run
 * synchronously inside advance(); work they start (e.g. a controller pass) completes asynchronously,
 * so follow with `waitForIdle()`.
 */
export class ManualClock implements Clock {
  private current: number;
  private seq = 0;
  private pending: Pending[] = [];

  /** @param start the initial time in ms since the epoch. @defaultValue 2026-01-01T00:00:00Z */
  constructor(start = Date.parse('2026-01-01T00:00:00Z')) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  schedule(delayMs: number, fn: () => void): TimerHandle {
    const entry: Pending = { at: this.current + Math.max(0, delayMs), seq: this.seq++, fn, cancelled: false };
    this.pending.push(entry);
    return { cancel: () => void (entry.cancelled = true) };
  }

  /** Moves time forward by `ms`, running every callback that falls due, in order. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      this.pending = this.pending.filter((p) => !p.cancelled);
      this.pending.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.pending[0];
      if (next === undefined || next.at > target) break;
      this.pending.shift();
      this.current = Math.max(this.current, next.at);
      next.fn();
    }
    this.current = target;
  }

  /** How many callbacks are scheduled and not cancelled. */
  get scheduled(): number {
    return this.pending.filter((p) => !p.cancelled).length;
  }
}

/** RFC 3339 with seconds precision, as metav1.Time serializes. */
export function formatTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** RFC 3339 with microseconds, as metav1.MicroTime serializes (events, leases). */
export function formatMicroTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
