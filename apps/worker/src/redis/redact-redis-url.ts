// Redis URLs carry passwords; everything that prints one (logs, errors) goes through here first.

/** What replaces a password. */
export const REDACTED = '***';

/**
 * `url` with its password replaced by `***`; the user name, host, port and database stay.
 * Examples: `redis://:s3cret@redis:6379` → `redis://:***@redis:6379`;
 * `rediss://worker:s3cret@redis.example.com:6380/2` → `rediss://worker:***@redis.example.com:6380/2`;
 * `redis://127.0.0.1:6379` → unchanged (a URL without password is returned as given). A string that is not a URL yields `[unparseable Redis URL]`,
 * since there is no telling where a password would be in it.
 */
export function redactRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '[unparseable Redis URL]';
  }
  if (parsed.password === '') return url;
  parsed.password = REDACTED;
  return parsed.toString();
}

/** Connection settings as ioredis keeps them (`Redis.options`). */
export interface RedisEndpoint {
  readonly host?: string;
  readonly port?: number;
  readonly username?: string | null;
  readonly password?: string | null;
  readonly db?: number;
  readonly path?: string | null;
  readonly tls?: unknown;
}

/**
 * A URL naming `endpoint` for messages, password masked: `redis://:***@127.0.0.1:6379`,
 * `rediss://worker:***@redis:6380/2`, or `unix:///run/redis.sock` for a socket path.
 */
export function describeRedisEndpoint(endpoint: RedisEndpoint): string {
  if (endpoint.path) return `unix://${endpoint.path}`;
  const scheme = endpoint.tls ? 'rediss' : 'redis';
  const user = endpoint.username ?? '';
  const auth = endpoint.password ? `${user}:${REDACTED}@` : user === '' ? '' : `${user}@`;
  const db = endpoint.db ? `/${endpoint.db}` : '';
  const host = endpoint.host ?? 'localhost';
  return `${scheme}://${auth}${host.includes(':') ? `[${host}]` : host}:${endpoint.port ?? 6379}${db}`;
}
