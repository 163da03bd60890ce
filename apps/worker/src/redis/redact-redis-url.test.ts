// Passwords never survive into printed Redis URLs or endpoint descriptions.
import { describe, it, expect } from '@jest/globals';
import { describeRedisEndpoint, redactRedisUrl } from './redact-redis-url.js';
import type { RedisEndpoint } from './redact-redis-url.js';

describe('redactRedisUrl', () => {
  it.each([
    ['redis://:s3cret@redis:6379', 'redis://:***@redis:6379'],
    ['rediss://worker:s3cret@redis.example.com:6380/2', 'rediss://worker:***@redis.example.com:6380/2'],
    ['redis://worker@redis:6379', 'redis://worker@redis:6379'],
    ['redis://127.0.0.1:6379', 'redis://127.0.0.1:6379'],
    ['redis://:p%40ss%3Aword@[::1]:6379', 'redis://:***@[::1]:6379'],
    ['https://git:token@github.com/org/repo.git', 'https://git:***@github.com/org/repo.git'],
    ['::not a url:s3cret', '[unparseable Redis URL]'],
  ])('%s → %s', (url, expected) => {
    expect(redactRedisUrl(url)).toBe(expected);
  });
});

describe('describeRedisEndpoint', () => {
  it.each<[RedisEndpoint, string]>([
    [{ host: '127.0.0.1', port: 6379, password: 's3cret' }, 'redis://:***@127.0.0.1:6379'],
    [{ host: 'redis', port: 6380, username: 'worker', password: 's3cret', db: 2, tls: {} }, 'rediss://worker:***@redis:6380/2'],
    [{ host: 'redis', port: 6379, username: 'worker', password: null }, 'redis://worker@redis:6379'],
    [{ host: '::1', port: 6379 }, 'redis://[::1]:6379'],
    [{}, 'redis://localhost:6379'],
    [{ path: '/run/redis.sock', password: 's3cret' }, 'unix:///run/redis.sock'],
  ])('%j → %s', (endpoint, expected) => {
    expect(describeRedisEndpoint(endpoint)).toBe(expected);
  });
});
