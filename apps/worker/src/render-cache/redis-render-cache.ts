// The engine's render cache in Redis: gzip-compressed JSON renderings with a time to live, so that a
// refresh of an unchanged commit needs neither a checkout nor helm/kustomize, across worker processes.
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { Redis } from 'ioredis';
import type { RenderCache } from '@driftless/reconcile';
import type { RenderResult } from '@driftless/reconcile';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Options of {@link createRedisRenderCache}. */
export interface RedisRenderCacheOptions {
  readonly redis: Redis;
  /** Prefix of every key (the engine's keys start `render:`). @defaultValue `driftless:` */
  readonly prefix?: string;
  /** How long a rendering is kept (Argo's `reposerver.default.cache.expiration`). @defaultValue 86400 (24 h) */
  readonly ttlSeconds?: number;
}

/**
 * A RenderCache over `redis`: `set` stores `gzip(JSON)` with `ttlSeconds`; `get` returns undefined for a
 * missing key and for a value it cannot read back (written by an older version, truncated), so the
 * engine renders again instead of failing. Redis errors reject; the engine treats them as a miss.
 */
export function createRedisRenderCache(options: RedisRenderCacheOptions): RenderCache {
  const prefix = options.prefix ?? 'driftless:';
  const ttlSeconds = options.ttlSeconds ?? 86_400;
  return {
    async get(key) {
      const stored = await options.redis.getBuffer(prefix + key);
      if (stored === null) return undefined;
      return decode(stored);
    },
    async set(key, value) {
      const packed = await gzipAsync(Buffer.from(JSON.stringify(value)));
      await options.redis.set(prefix + key, packed, 'EX', ttlSeconds);
    },
  };
}

async function decode(stored: Buffer): Promise<RenderResult | undefined> {
  try {
    const value: unknown = JSON.parse((await gunzipAsync(stored)).toString('utf8'));
    return isRenderResult(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isRenderResult(value: unknown): value is RenderResult {
  if (typeof value !== 'object' || value === null) return false;
  const { sourceType, objects } = value as { sourceType?: unknown; objects?: unknown };
  return typeof sourceType === 'string' && Array.isArray(objects);
}
