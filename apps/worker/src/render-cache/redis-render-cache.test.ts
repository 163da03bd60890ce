// The Redis render cache against the real Redis at $REDIS_URL, under a fresh prefix per run.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Redis } from 'ioredis';
import { cleanupQueuePrefix, redisConnection, uniqueQueuePrefix } from '@driftless/testing';
import type { RenderCache, RenderResult } from '@driftless/reconcile';
import { createRedisRenderCache } from './redis-render-cache.js';

let redis: Redis;
const prefix = uniqueQueuePrefix();
let cache: RenderCache;
const makeCache = () => createRedisRenderCache({ redis, prefix: `${prefix}:`, ttlSeconds: 60 });
const rendered: RenderResult = {
  sourceType: 'Kustomize',
  objects: Array.from({ length: 50 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'shop' }, data: { index: String(i), text: 'same text '.repeat(20) } })),
};

beforeAll(() => {
  redis = redisConnection();
  cache = makeCache();
});

afterAll(async () => {
  await cleanupQueuePrefix(redis, prefix);
  await redis.quit();
});

describe('createRedisRenderCache', () => {
  it('returns what was stored, and nothing for a key never stored', async () => {
    await cache.set('render:one', rendered);
    expect(await cache.get('render:one')).toEqual(rendered);
    expect(await cache.get('render:never')).toBeUndefined();
  });

  it('stores compressed, with the time to live', async () => {
    await cache.set('render:two', rendered);
    const key = `${prefix}:render:two`;
    expect(await redis.strlen(key)).toBeLessThan(JSON.stringify(rendered).length / 4);
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('treats a value it cannot read back as a miss', async () => {
    await redis.set(`${prefix}:render:garbage`, 'not gzip');
    expect(await cache.get('render:garbage')).toBeUndefined();
  });
});
