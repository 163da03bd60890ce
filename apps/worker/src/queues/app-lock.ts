// A per-app lock in Redis, so one app's refreshes never run at once across worker processes (two would
// race on its status); held by a random token, renewed while held, expiring if its holder dies.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

// Delete or extend only while the lock still holds our token (another holder may have it since expiry).
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/** Options of {@link withAppLock}. */
export interface AppLockOptions {
  /** Lifetime of the lock if its holder stops renewing it. @defaultValue 60000 */
  readonly ttlMs?: number;
}

/**
 * Runs `work` holding lock `key`, and resolves `{ locked: true, value }`; resolves `{ locked: false }`
 * at once when another holder has it. The lock is renewed every third of its lifetime while `work` runs.
 */
export async function withAppLock<T>(redis: Redis, key: string, work: () => Promise<T>, options: AppLockOptions = {}): Promise<{ locked: true; value: T } | { locked: false }> {
  const ttlMs = options.ttlMs ?? 60_000;
  const token = randomUUID();
  if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return { locked: false };
  const renew = setInterval(() => void redis.eval(EXTEND, 1, key, token, String(ttlMs)).catch(() => undefined), ttlMs / 3);
  try {
    return { locked: true, value: await work() };
  } finally {
    clearInterval(renew);
    await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
  }
}
