// Test helper: poll a condition until it holds or a deadline passes (never sleep a fixed time).

/** Options of {@link eventually}. */
export interface EventuallyOptions {
  /** @defaultValue 10000 */
  readonly timeoutMs?: number;
  /** @defaultValue 20 */
  readonly intervalMs?: number;
}

/**
 * Calls `probe` until it returns without throwing and its result passes `accept` (default: truthy),
 * then resolves with that result; rejects with the last failure once the deadline passes.
 */
export async function eventually<T>(probe: () => T | Promise<T>, accept: (value: T) => boolean = Boolean, options: EventuallyOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 10000);
  let last: unknown = new Error('condition never held');
  for (;;) {
    try {
      const value = await probe();
      if (accept(value)) return value;
      last = new Error(`condition not met; last value: ${JSON.stringify(value)}`);
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw last;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 20));
  }
}
