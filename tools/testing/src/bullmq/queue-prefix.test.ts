import { afterAll, beforeAll, describe, it, expect } from '@jest/globals';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { waitFor } from '../wait-for.js';
import { cleanupQueuePrefix, redisConnection, uniqueQueuePrefix } from './queue-prefix.js';
import { withQueuePrefix } from './with-queue-prefix.js';

async function keysUnder(connection: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await connection.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

/** Runs one job through a queue under `prefix` and resolves with its return value. */
async function processOneJob(connection: Redis, prefix: string): Promise<unknown> {
  const queue = new Queue('refresh', { connection, prefix });
  const worker = new Worker('refresh', async (job) => ({ refreshed: (job.data as { app: string }).app }), { connection, prefix });
  try {
    const job = await queue.add('refresh', { app: 'guestbook' });
    return await waitFor(async () => (await queue.getJob(job.id ?? ''))?.returnvalue, { description: 'the refresh job to complete' });
  } finally {
    await worker.close();
    await queue.close();
  }
}

describe('BullMQ queue prefix helpers', () => {
  let connection: Redis;

  beforeAll(() => {
    connection = redisConnection();
  });

  afterAll(async () => {
    await connection.quit();
  });

  it('makes unique prefixes that are one key segment', () => {
    const a = uniqueQueuePrefix();
    expect(a).toMatch(/^test-[0-9a-f-]{36}$/);
    expect(a).not.toBe(uniqueQueuePrefix());
  });

  it('processes a job under a unique prefix, and cleanup leaves no key behind', async () => {
    const prefix = uniqueQueuePrefix();
    const other = uniqueQueuePrefix();
    await connection.set(`${other}:keep`, '1');
    try {
      expect(await processOneJob(connection, prefix)).toEqual({ refreshed: 'guestbook' });
      const before = await keysUnder(connection, prefix);
      expect(before.length).toBeGreaterThan(0);
      expect(await cleanupQueuePrefix(connection, prefix)).toBe(before.length);
      expect(await keysUnder(connection, prefix)).toEqual([]);
      expect(await connection.get(`${other}:keep`)).toBe('1');
    } finally {
      await connection.unlink(`${other}:keep`);
    }
  });

  it('refuses an empty prefix', async () => {
    await expect(cleanupQueuePrefix(connection, '')).rejects.toThrow(/must not be empty/);
  });
});

describe('withQueuePrefix', () => {
  const fixture = withQueuePrefix();
  const seen: string[] = [];

  it('gives a test its own prefix and connection', async () => {
    seen.push(fixture.prefix);
    expect(await processOneJob(fixture.connection, fixture.prefix)).toEqual({ refreshed: 'guestbook' });
    expect((await keysUnder(fixture.connection, fixture.prefix)).length).toBeGreaterThan(0);
  });

  it('gives the next test a new prefix after cleaning the previous one', async () => {
    expect(fixture.prefix).not.toBe(seen[0]);
    expect(await keysUnder(fixture.connection, seen[0] ?? '')).toEqual([]);
  });
});
