// checkRedis against the real Redis at $REDIS_URL and a closed loopback port, plus stand-in servers
// for what the machine's Redis cannot show (an old version, an evicting policy).
import { describe, it, expect, afterEach } from '@jest/globals';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { UnavailableError } from '@driftless/api';
import { checkRedis, isRedisVersionSupported, UnsupportedRedisError } from './check-redis.js';
import type { RedisConnection } from './check-redis.js';
import { connectRedis } from './connect-redis.js';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

const opened: Redis[] = [];
afterEach(() => {
  for (const connection of opened.splice(0)) connection.disconnect();
});

function open(url: string): Redis {
  const connection = connectRedis(url);
  opened.push(connection);
  return connection;
}

// A loopback port nothing listens on: bind one, note it, release it.
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('checkRedis against real servers', () => {
  it('reports version and policy of the Redis at REDIS_URL, connecting lazily', async () => {
    const connection = open(REDIS_URL);
    expect(connection.status).toBe('wait');
    const result = await checkRedis(connection);
    expect(isRedisVersionSupported(result.version)).toBe(true);
    expect(result.maxmemoryPolicy).not.toBe('unknown');
    expect(result.warning === undefined).toBe(result.maxmemoryPolicy === 'noeviction');
    expect(connection.status).toBe('ready');
    // A second check on the ready connection answers the same.
    expect(await checkRedis(connection)).toEqual(result);
  });

  it('rejects with UnavailableError naming the URL without its password when nothing listens', async () => {
    const port = await closedPort();
    const connection = open(`redis://:s3cret-pass@127.0.0.1:${port}`);
    const failure = await checkRedis(connection).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(UnavailableError);
    const error = failure as UnavailableError;
    expect(error.message).toContain(`redis://:***@127.0.0.1:${port}`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(JSON.stringify({ message: error.message, context: error.context })).not.toContain('s3cret-pass');
    expect(error.context).toEqual({ redis: `redis://:***@127.0.0.1:${port}` });
  });
});

// A ready client answering INFO with canned sections.
function fakeRedis(info: Record<string, string>, status = 'ready'): RedisConnection {
  return {
    status,
    options: { host: 'redis.internal', port: 6379, password: 's3cret' },
    connect: async () => undefined,
    info: (section) => (section in info ? Promise.resolve(info[section] ?? '') : new Promise<string>(() => undefined)),
    on: () => undefined,
    off: () => undefined,
  };
}

const serverInfo = (version: string): string => `# Server\r\nredis_version:${version}\r\nredis_mode:standalone\r\n`;
const memoryInfo = (policy: string): string => `# Memory\r\nused_memory:1000\r\nmaxmemory_policy:${policy}\r\n`;

describe('checkRedis against stand-ins', () => {
  it('rejects a Redis older than 6.2 with UnsupportedRedisError', async () => {
    const attempt = checkRedis(fakeRedis({ server: serverInfo('6.0.16'), memory: memoryInfo('noeviction') }));
    await expect(attempt).rejects.toThrow(UnsupportedRedisError);
    await expect(attempt).rejects.toThrow('Redis at redis://:***@redis.internal:6379 is version 6.0.16; Driftless needs 6.2.0 or later (BullMQ)');
  });

  it('warns when maxmemory-policy is not noeviction', async () => {
    const result = await checkRedis(fakeRedis({ server: serverInfo('7.2.4'), memory: memoryInfo('allkeys-lru') }));
    expect(result).toEqual({
      version: '7.2.4',
      maxmemoryPolicy: 'allkeys-lru',
      warning: 'Redis at redis://:***@redis.internal:6379 has maxmemory-policy allkeys-lru; BullMQ needs noeviction, otherwise Redis may evict queue keys and lose jobs',
    });
  });

  it('warns when the policy is not reported', async () => {
    const result = await checkRedis(fakeRedis({ server: serverInfo('6.2.0'), memory: '# Memory\r\n' }));
    expect(result.maxmemoryPolicy).toBe('unknown');
    expect(result.warning).toContain('maxmemory-policy unknown');
  });

  it('rejects with UnavailableError when INFO never answers', async () => {
    const attempt = checkRedis(fakeRedis({ server: serverInfo('7.0.0') }), { timeoutMs: 1 });
    await expect(attempt).rejects.toThrow(UnavailableError);
    await expect(attempt).rejects.toThrow('Redis at redis://:***@redis.internal:6379 did not answer INFO: no answer within 1 ms');
  });
});

describe('isRedisVersionSupported', () => {
  it.each([
    ['7.0.15', true],
    ['6.2.0', true],
    ['6.2.14', true],
    ['6.10.0', true],
    ['255.255.255', true],
    ['6.0.16', false],
    ['5.0.7', false],
    ['6.1', false],
    ['6', false],
  ])('%s → %s', (version, supported) => {
    expect(isRedisVersionSupported(version)).toBe(supported);
  });
});
