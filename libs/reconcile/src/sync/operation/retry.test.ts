import { describe, expect, it } from '@jest/globals';
import { ConflictError, InvalidInputError, NotFoundError, PermissionDeniedError, UnavailableError } from '@driftless/api';
import type { Backoff } from '@driftless/api';
import { SyncApiError, apiStatusOf } from './api-error.js';
import { classifyError, retryDelayMs, shouldRetry, withTransientRetry } from './retry.js';

describe('retryDelayMs', () => {
  it.each<[number, Backoff | undefined, number]>([
    [0, undefined, 5_000],
    [1, undefined, 10_000],
    [5, undefined, 160_000],
    [6, undefined, 180_000],
    [2, { duration: '10', factor: 3 }, 90_000],
    [3, { duration: '1s', maxDuration: '5s' }, 5_000],
    [10, { duration: '1m', maxDuration: '0' }, 61_440_000],
  ])('retry %i with %j waits %i ms', (count, backoff, expected) => {
    expect(retryDelayMs(count, backoff)).toBe(expected);
  });

  it('rejects a malformed duration', () => {
    expect(() => retryDelayMs(0, { duration: 'soon' })).toThrow('invalid retry backoff duration "soon"');
  });
});

describe('shouldRetry', () => {
  it.each<[number, number | undefined, boolean]>([
    [0, undefined, false],
    [0, 0, false],
    [0, 2, true],
    [2, 2, false],
    [99, -1, true],
  ])('retryCount %i, limit %s → %s', (count, limit, expected) => {
    expect(shouldRetry(count, limit)).toBe(expected);
  });
});

describe('classifyError', () => {
  it.each<[string, unknown, 'transient' | 'permanent', number | undefined]>([
    ['ConflictError', new ConflictError('modified'), 'transient', 409],
    ['UnavailableError', new UnavailableError('down'), 'transient', 503],
    ['InvalidInputError', new InvalidInputError('invalid'), 'permanent', 422],
    ['PermissionDeniedError', new PermissionDeniedError('forbidden'), 'permanent', 403],
    ['NotFoundError', new NotFoundError('gone'), 'permanent', 404],
    ['429', new SyncApiError(429, 'throttled'), 'transient', 429],
    ['502 as statusCode', Object.assign(new Error('bad gateway'), { statusCode: 502 }), 'transient', 502],
    ['timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' }), 'transient', undefined],
    ['ECONNRESET', Object.assign(new Error('reset'), { code: 'ECONNRESET' }), 'transient', undefined],
    ['plain error', new Error('boom'), 'permanent', undefined],
  ])('%s', (_name, error, expected, status) => {
    expect(classifyError(error)).toBe(expected);
    expect(apiStatusOf(error)).toBe(status);
  });
});

describe('withTransientRetry', () => {
  const run = async (errors: unknown[], attempts = 3): Promise<{ outcome: unknown; sleeps: number[]; tries: number }> => {
    const sleeps: number[] = [];
    let tries = 0;
    const fn = async (): Promise<string> => {
      tries += 1;
      const error = errors.shift();
      if (error !== undefined) throw error;
      return 'ok';
    };
    const outcome = await withTransientRetry(fn, { attempts, baseMs: 100, jitter: () => 0.25, sleep: async (ms) => void sleeps.push(ms) }).catch((e: unknown) => e);
    return { outcome, sleeps, tries };
  };

  it('retries transient errors with doubling, jittered waits', async () => {
    expect(await run([new ConflictError('a'), new UnavailableError('b')])).toEqual({ outcome: 'ok', sleeps: [125, 250], tries: 3 });
  });

  it('gives up after the last attempt with the last error', async () => {
    const last = new UnavailableError('still down');
    expect(await run([new UnavailableError('down'), new UnavailableError('down'), last])).toEqual({ outcome: last, sleeps: [125, 250], tries: 3 });
  });

  it('does not retry permanent errors', async () => {
    const error = new InvalidInputError('invalid');
    expect(await run([error])).toEqual({ outcome: error, sleeps: [], tries: 1 });
  });
});
