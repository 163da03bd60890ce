// Fault injection timed by an injected clock: latency holds a request until the clock has moved that far.
import { describe, expect, it } from '@jest/globals';
import type { ApiError } from '../errors/api-error.js';
import { ManualClock } from '../runtime/clock.js';
import { Faults } from './faults.js';

/** Lets pending promise callbacks run, so a settled promise would have reported by now. */
async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

function faultsOnClock(clock: ManualClock): Faults {
  return new Faults({ forceExpired: () => undefined }, { clock, random: () => 0 });
}

describe('latencyMs', () => {
  it('releases a request only once the clock has advanced by the latency', async () => {
    const clock = new ManualClock();
    const faults = faultsOnClock(clock);
    faults.set({ latencyMs: 250 });
    expect(faults.current()).toEqual({ latencyMs: 250 });
    let outcome: ApiError | undefined | 'pending' = 'pending';
    const request = faults.beforeResourceRequest().then((result) => (outcome = result));
    expect(clock.scheduled).toBe(1);
    clock.advance(249);
    await flush();
    expect(outcome).toBe('pending');
    clock.advance(1);
    await request;
    expect(outcome).toBeUndefined();
  });

  it('answers the injected error after the latency, and nothing is delayed once cleared', async () => {
    const clock = new ManualClock();
    const faults = faultsOnClock(clock);
    faults.set({ latencyMs: 100, errorRate: { status: 503, share: 1 } });
    const delayed = faults.beforeResourceRequest();
    clock.advance(100);
    expect(await delayed).toMatchObject({ code: 503, reason: 'ServiceUnavailable' });
    faults.clear();
    expect(await faults.beforeResourceRequest()).toBeUndefined();
    expect(clock.scheduled).toBe(0);
  });
});
