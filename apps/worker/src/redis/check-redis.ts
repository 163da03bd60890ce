// Startup check of the Redis the worker was given: reachable, recent enough for BullMQ, and
// configured not to evict queue keys.
import { UnavailableError } from '@driftless/api';
import { describeRedisEndpoint } from './redact-redis-url.js';
import type { RedisEndpoint } from './redact-redis-url.js';

/** Oldest Redis BullMQ supports. */
export const MINIMUM_REDIS_VERSION = '6.2.0';

/** What checkRedis needs of a client; an ioredis `Redis` is one. */
export interface RedisConnection {
  readonly status: string;
  readonly options: RedisEndpoint;
  connect(): Promise<void>;
  info(section: string): Promise<string>;
  on(event: 'ready' | 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'ready' | 'end', listener: () => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
}

/** What the check found. */
export interface RedisCheck {
  /** `redis_version`, e.g. `7.0.15`. */
  readonly version: string;
  /** `maxmemory_policy`, e.g. `noeviction`; `unknown` when the server does not report it. */
  readonly maxmemoryPolicy: string;
  /** Set when the policy is not `noeviction`: Redis may then evict queue keys and lose jobs. */
  readonly warning: string | undefined;
}

/** The Redis answers but is older than MINIMUM_REDIS_VERSION; the worker cannot run on it. */
export class UnsupportedRedisError extends UnavailableError {
  readonly version: string;

  constructor(where: string, version: string) {
    super(`Redis at ${where} is version ${version}; Driftless needs ${MINIMUM_REDIS_VERSION} or later (BullMQ)`, {
      context: { redis: where, version, minimum: MINIMUM_REDIS_VERSION },
    });
    this.version = version;
  }
}

/**
 * Connects `connection` if it is not yet, then reads INFO server and memory. Rejects with
 * UnavailableError naming the server with its password masked (`redis://:***@host:port`) when it
 * cannot be reached or does not answer within `timeoutMs`, and with UnsupportedRedisError when it is
 * older than 6.2. Resolves with a `warning` when `maxmemory-policy` is not `noeviction`.
 * On failure the client keeps reconnecting in the background; end it if you give up.
 */
export async function checkRedis(connection: RedisConnection, options: { timeoutMs?: number } = {}): Promise<RedisCheck> {
  const where = describeRedisEndpoint(connection.options);
  const timeoutMs = options.timeoutMs ?? 10_000;
  await waitUntilReady(connection, where, timeoutMs);
  const [server, memory] = await answerWithin(Promise.all([connection.info('server'), connection.info('memory')]), where, timeoutMs);

  const version = infoField(server, 'redis_version');
  if (version === undefined) throw new UnavailableError(`Redis at ${where} did not report redis_version in INFO`, { context: { redis: where } });
  if (!isRedisVersionSupported(version)) throw new UnsupportedRedisError(where, version);

  const maxmemoryPolicy = infoField(memory, 'maxmemory_policy') ?? 'unknown';
  const warning =
    maxmemoryPolicy === 'noeviction'
      ? undefined
      : `Redis at ${where} has maxmemory-policy ${maxmemoryPolicy}; BullMQ needs noeviction, otherwise Redis may evict queue keys and lose jobs`;
  return { version, maxmemoryPolicy, warning };
}

/**
 * Whether `version` (`major.minor.patch`) is at least MINIMUM_REDIS_VERSION, compared numerically
 * part by part; missing or non-numeric parts count as 0. Examples: 7.0.15 → true, 6.2.0 → true,
 * 6.0.16 → false, 6.10 → true.
 */
export function isRedisVersionSupported(version: string): boolean {
  const parts = (v: string): number[] => v.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const have = parts(version);
  const need = parts(MINIMUM_REDIS_VERSION);
  for (let i = 0; i < need.length; i += 1) {
    const diff = (have[i] ?? 0) - (need[i] ?? 0);
    if (diff !== 0) return diff > 0;
  }
  return true;
}

// Resolves on `ready`; rejects on the first `error` or `end`, or after timeoutMs.
function waitUntilReady(connection: RedisConnection, where: string, timeoutMs: number): Promise<void> {
  if (connection.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const finish = (error?: Error): void => {
      clearTimeout(timer);
      connection.off('ready', onReady);
      connection.off('error', onError);
      connection.off('end', onEnd);
      if (error === undefined) resolve();
      else reject(unreachable(where, error));
    };
    const onReady = (): void => finish();
    const onError = (error: Error): void => finish(error);
    const onEnd = (): void => finish(new Error('the connection was closed'));
    const timer = setTimeout(() => finish(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    connection.on('ready', onReady);
    connection.on('error', onError);
    connection.on('end', onEnd);
    // connect() also rejects on failure, but without the cause; the events above carry it.
    if (connection.status === 'wait' || connection.status === 'end') connection.connect().catch(() => undefined);
  });
}

// A connected client retries commands across reconnects forever (maxRetriesPerRequest: null): bound it.
async function answerWithin<T>(work: Promise<T>, where: string, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } catch (error) {
    throw unreachable(where, error instanceof Error ? error : new Error(String(error)), 'did not answer INFO');
  } finally {
    clearTimeout(timer);
  }
}

function unreachable(where: string, cause: Error, what = 'is unreachable'): UnavailableError {
  return new UnavailableError(`Redis at ${where} ${what}: ${cause.message}`, { cause, context: { redis: where } });
}

// INFO answers `key:value` lines separated by CRLF, with `# Section` headers.
function infoField(info: string, key: string): string | undefined {
  const line = info.split(/\r?\n/).find((l) => l.startsWith(`${key}:`));
  return line?.slice(key.length + 1).trim();
}
