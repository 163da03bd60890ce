// The per-app lock against the real Redis: exclusive, released after the work, expiring without its holder.
import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { redisConnection } from '@driftless/testing';
import { withAppLock } from './app-lock.js';

const redis = redisConnection();
afterAll(async () => {
  await redis.quit();
});

describe('withAppLock', () => {
  it('lets one holder in at a time and frees the lock afterwards', async () => {
    const key = `driftless-test:lock:${randomUUID()}`;
    let release: () => void = () => undefined;
    const first = withAppLock(redis, key, () => new Promise<string>((resolve) => (release = () => resolve('first'))));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await withAppLock(redis, key, () => Promise.resolve('second'))).toEqual({ locked: false });
    release();
    expect(await first).toEqual({ locked: true, value: 'first' });
    expect(await withAppLock(redis, key, () => Promise.resolve('third'))).toEqual({ locked: true, value: 'third' });
    expect(await redis.exists(key)).toBe(0);
  });

  it('releases the lock when the work throws', async () => {
    const key = `driftless-test:lock:${randomUUID()}`;
    await expect(withAppLock(redis, key, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await redis.exists(key)).toBe(0);
  });

  it('expires when its holder is gone, and never deletes a lock it no longer holds', async () => {
    const key = `driftless-test:lock:${randomUUID()}`;
    await redis.set(key, 'a-dead-worker', 'PX', 50);
    expect(await withAppLock(redis, key, () => Promise.resolve(1))).toEqual({ locked: false });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await withAppLock(redis, key, async () => {
      // Someone else takes over (our lock expired): our release must leave theirs alone.
      await redis.set(key, 'another-holder');
      return 2;
    }, { ttlMs: 1000 })).toEqual({ locked: true, value: 2 });
    expect(await redis.get(key)).toBe('another-holder');
    await redis.del(key);
  });
});
