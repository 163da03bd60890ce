// Jest wiring for BullMQ isolation: a connection per describe block and a fresh prefix per test,
// cleaned after each test.
import type { Redis } from 'ioredis';
import { cleanupQueuePrefix, redisConnection, uniqueQueuePrefix } from './queue-prefix.js';

type HookFn = () => Promise<void> | void;
type Hook = (fn: HookFn) => void;

/** The jest hook functions {@link withQueuePrefix} registers with. */
export interface JestHooks {
  readonly beforeAll: Hook;
  readonly beforeEach: Hook;
  readonly afterEach: Hook;
  readonly afterAll: Hook;
}

/** The current test's prefix and the shared connection; reading either outside a test throws. */
export interface QueuePrefixFixture {
  readonly prefix: string;
  readonly connection: Redis;
}

// Imported from '@jest/globals' these would throw outside jest, breaking every other importer of this
// package; jest injects them as globals in ESM mode too.
function globalHooks(): JestHooks {
  const scope = globalThis as Partial<Record<keyof JestHooks, Hook>>;
  const { beforeAll, beforeEach, afterEach, afterAll } = scope;
  if (beforeAll === undefined || beforeEach === undefined || afterEach === undefined || afterAll === undefined) {
    throw new Error('withQueuePrefix() needs jest globals; pass { beforeAll, beforeEach, afterEach, afterAll } from @jest/globals');
  }
  return { beforeAll, beforeEach, afterEach, afterAll };
}

/**
 * Call inside a `describe` (or at file top level). Opens one Redis connection for the block, gives each
 * test a new {@link uniqueQueuePrefix}, deletes all keys under it after the test, and closes the
 * connection after the block. Close the test's queues and workers inside the test (e.g. `finally`).
 */
export function withQueuePrefix(hooks: JestHooks = globalHooks()): QueuePrefixFixture {
  let connection: Redis | undefined;
  let prefix: string | undefined;
  hooks.beforeAll(() => {
    connection = redisConnection();
  });
  hooks.beforeEach(() => {
    prefix = uniqueQueuePrefix();
  });
  hooks.afterEach(async () => {
    if (connection !== undefined && prefix !== undefined) await cleanupQueuePrefix(connection, prefix);
    prefix = undefined;
  });
  hooks.afterAll(async () => {
    await connection?.quit();
    connection = undefined;
  });
  return {
    get prefix(): string {
      if (prefix === undefined) throw new Error('withQueuePrefix: prefix is only available inside a test');
      return prefix;
    },
    get connection(): Redis {
      if (connection === undefined) throw new Error('withQueuePrefix: connection is only available inside the describe block');
      return connection;
    },
  };
}
