// Per-test isolation for BullMQ: a unique key prefix per test, a connection to the test Redis, and
// removal of every key under a prefix afterwards.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { InvalidInputError } from '@driftless/api';

/** Redis used by tests when REDIS_URL is not set. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** A fresh BullMQ `prefix`, `test-<uuid>`: no `:` in it, so it is a single key segment. */
export function uniqueQueuePrefix(): string {
  return `test-${randomUUID()}`;
}

/**
 * A new ioredis connection to $REDIS_URL (default {@link DEFAULT_REDIS_URL}) with
 * `maxRetriesPerRequest: null`, as BullMQ workers require. The caller closes it (`quit()`).
 */
export function redisConnection(url: string = process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

// SCAN MATCH is a glob: the prefix must match itself literally.
function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]^]/g, (char) => `\\${char}`);
}

/**
 * Deletes every key named `<prefix>:…` with SCAN and UNLINK (never KEYS, which blocks Redis) and
 * resolves with how many were deleted. Close the queues and workers using the prefix first, or they
 * may write new keys behind it. Rejects an empty prefix, which would mean "everything".
 */
export async function cleanupQueuePrefix(connection: Redis, prefix: string): Promise<number> {
  if (prefix === '') throw new InvalidInputError('queue prefix to clean up must not be empty');
  const pattern = `${escapeGlob(prefix)}:*`;
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await connection.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await connection.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
