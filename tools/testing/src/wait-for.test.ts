import { describe, it, expect } from '@jest/globals';
import { waitFor, WaitForTimeoutError } from './wait-for.js';

describe('waitFor', () => {
  it('resolves with the first truthy value', async () => {
    let calls = 0;
    const value = await waitFor(() => {
      calls += 1;
      return calls >= 3 ? { ready: calls } : undefined;
    }, { intervalMs: 1 });
    expect(value).toEqual({ ready: 3 });
  });

  it('treats a rejecting condition as not yet', async () => {
    let calls = 0;
    const value = await waitFor(async () => {
      calls += 1;
      if (calls < 2) throw new Error('connection refused');
      return 'up';
    }, { intervalMs: 1 });
    expect(value).toBe('up');
  });

  it('rejects naming what it awaited and the last value seen', async () => {
    const waiting = waitFor(() => ({ phase: 'Progressing' }.phase === 'Healthy' ? 'yes' : 0), {
      timeoutMs: 30,
      intervalMs: 5,
      description: 'the app to become Healthy',
    });
    await expect(waiting).rejects.toThrow(WaitForTimeoutError);
    await expect(waiting).rejects.toThrow(/timed out after 30 ms \(\d+ attempts\) waiting for the app to become Healthy; last value: 0/);
  });

  it('reports the last error as message and cause', async () => {
    const failure = new Error('ECONNREFUSED 127.0.0.1:6379');
    const error = await waitFor(() => Promise.reject(failure), { timeoutMs: 20, intervalMs: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitForTimeoutError);
    expect((error as Error).message).toMatch(/waiting for \(\) => Promise\.reject\(failure\); last error: ECONNREFUSED 127\.0\.0\.1:6379/);
    expect((error as Error).cause).toBe(failure);
  });

  it('gives up at the deadline even when the condition never settles', async () => {
    const waiting = waitFor(() => new Promise<boolean>(() => undefined), { timeoutMs: 20, description: 'a hung call' });
    await expect(waiting).rejects.toThrow(/waiting for a hung call; last value: undefined/);
  });
});
