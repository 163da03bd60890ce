// Polls a condition until it holds or a deadline passes: the one sanctioned way for tests to wait.
import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';
import { UnavailableError } from '@driftless/api';

/** Values `waitFor` keeps polling on. */
export type Falsy = false | 0 | 0n | '' | null | undefined;

/** Options for {@link waitFor}. */
export interface WaitForOptions {
  /** How long to keep trying. @defaultValue 10000 */
  readonly timeoutMs?: number;
  /** Pause between attempts. @defaultValue 50 */
  readonly intervalMs?: number;
  /** What is awaited, for the timeout message. @defaultValue the condition's source text */
  readonly description?: string;
}

/** The condition never held in time; the message names it and the last value or error seen. */
export class WaitForTimeoutError extends UnavailableError {}

function describeValue(value: unknown): string {
  const text = inspect(value, { depth: 3, breakLength: Infinity });
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

/**
 * Calls `condition` until it returns (or resolves to) a truthy value and resolves with that value.
 * A throwing or rejecting condition counts as "not yet". Rejects with a {@link WaitForTimeoutError}
 * once `timeoutMs` has passed — also when one call hangs past the deadline — saying what was awaited,
 * how many attempts ran and the last value or error (the error is also the `cause`).
 */
export async function waitFor<T>(condition: () => T | Promise<T>, options: WaitForOptions = {}): Promise<Exclude<T, Falsy>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 50;
  const description = options.description ?? condition.toString().replace(/\s+/g, ' ').slice(0, 200);
  const deadline = Date.now() + timeoutMs;
  let attempts = 0;
  let last: { value: unknown } | { error: unknown } = { value: undefined };
  const expired = Symbol('expired');
  for (;;) {
    attempts += 1;
    const abort = new AbortController();
    try {
      const remaining = Math.max(0, deadline - Date.now());
      const result = await Promise.race([
        Promise.resolve().then(condition),
        sleep(remaining, expired, { signal: abort.signal }),
      ]);
      if (result === expired) break;
      if (result) return result as Exclude<T, Falsy>;
      last = { value: result };
    } catch (error) {
      last = { error };
    } finally {
      abort.abort();
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    await sleep(Math.min(intervalMs, remaining));
  }
  const seen = 'error' in last ? `last error: ${last.error instanceof Error ? last.error.message : describeValue(last.error)}` : `last value: ${describeValue(last.value)}`;
  throw new WaitForTimeoutError(`timed out after ${timeoutMs} ms (${attempts} attempts) waiting for ${description}; ${seen}`, {
    context: { description, timeoutMs, attempts },
    cause: 'error' in last ? last.error : undefined,
  });
}
