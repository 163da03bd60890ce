// Retries at two scales: an API call retried within one step on transient errors, and a failed
// operation retried by the controller after Argo CD's backoff (`syncPolicy.retry`).
import { InvalidInputError, parseSecondsOrDuration } from '@driftless/api';
import type { Backoff } from '@driftless/api';
import { apiStatusOf, isTimeoutError } from './api-error.js';

/** Argo CD's defaults (`common.DefaultSyncRetryDuration`, `...Factor`, `...MaxDuration`). */
export const DEFAULT_BACKOFF = { durationMs: 5_000, factor: 2, maxDurationMs: 180_000 } as const;

/** Whether an API error may go away by itself, or repeats whatever we do. */
export type ErrorClass = 'transient' | 'permanent';

function durationMs(text: string | undefined, fallback: number, field: string): number {
  if (text === undefined || text === '') return fallback;
  const ms = parseSecondsOrDuration(text);
  if (ms === undefined) throw new InvalidInputError(`invalid retry backoff ${field} "${text}"`);
  return ms;
}

/**
 * The wait before retry number `retryCount` (Argo CD `RetryStrategy.NextRetryAt`):
 * `duration × factor^retryCount`, capped at `maxDuration` when that is positive. Durations are Go
 * durations (`5s`, `3m`) or bare seconds; defaults 5s, 2, 3m. Throws `InvalidInputError` for a
 * malformed duration (Argo fails the operation: "failed to retry").
 */
export function retryDelayMs(retryCount: number, backoff: Backoff | undefined): number {
  const base = durationMs(backoff?.duration, DEFAULT_BACKOFF.durationMs, 'duration');
  const max = durationMs(backoff?.maxDuration, DEFAULT_BACKOFF.maxDurationMs, 'maxDuration');
  const factor = backoff?.factor ?? DEFAULT_BACKOFF.factor;
  const wait = base * factor ** retryCount;
  return max > 0 ? Math.min(max, wait) : wait;
}

/** Whether a failed operation is tried again: `limit` negative means always, absent or 0 never. */
export function shouldRetry(retryCount: number, limit: number | undefined): boolean {
  if (limit === undefined) return false;
  return limit < 0 || retryCount < limit;
}

/**
 * Transient: 409 conflict, 429 throttled, 408 and 5xx, timeouts and dropped connections. Everything else
 * (422 invalid, 403 forbidden, 404, errors without a status) is permanent and fails with its message.
 */
export function classifyError(error: unknown): ErrorClass {
  if (isTimeoutError(error)) return 'transient';
  const status = apiStatusOf(error);
  if (status === undefined) return 'permanent';
  return status === 409 || status === 429 || status === 408 || status >= 500 ? 'transient' : 'permanent';
}

/** How {@link withTransientRetry} retries. */
export interface TransientRetryOptions {
  /** Tries in all, the first included (at least 1). */
  attempts: number;
  /** Wait after the first failure; doubled after each further one. */
  baseMs: number;
  /** A number in [0, 1): each wait grows by up to that fraction so that workers do not retry in step. */
  jitter: () => number;
  /** Waits; a port so that tests do not. */
  sleep: (ms: number) => Promise<void>;
}

/**
 * Runs `fn`, retrying transient errors up to `attempts` tries in all, waiting `baseMs × 2^(n-1) ×
 * (1 + jitter())` before try n+1. Permanent errors, and the last transient one, are rethrown unchanged.
 */
export async function withTransientRetry<T>(fn: () => Promise<T>, options: TransientRetryOptions): Promise<T> {
  const attempts = Math.max(1, options.attempts);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || classifyError(error) === 'permanent') throw error;
      await options.sleep(options.baseMs * 2 ** (attempt - 1) * (1 + options.jitter()));
    }
  }
}
