// Exponential backoff between retries of a failing list/watch, and an abortable wait.
import { setTimeout as wait } from 'node:timers/promises';

/** Backoff settings for reconnecting watches. */
export interface RetryOptions {
  /** Delay after the first failure. @defaultValue 250 */
  readonly initialMs?: number;
  /** Cap of the delay. @defaultValue 10000 */
  readonly maxMs?: number;
}

/** Delay before attempt `failures + 1`: `initialMs × 2^(failures−1)` capped at `maxMs` (250, 500, 1000, … 10000). */
export function retryDelayMs(failures: number, options: RetryOptions = {}): number {
  const initial = options.initialMs ?? 250;
  const max = options.maxMs ?? 10_000;
  return Math.min(max, initial * 2 ** Math.max(0, failures - 1));
}

/** Waits `ms`, or until `signal` aborts; resolves either way, never rejects. */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await wait(ms, undefined, { signal });
  } catch {
    // aborted: the caller checks its own state
  }
}
