// Creates the worker's Redis client with the settings BullMQ requires; connecting is left to the
// first command or to checkRedis, so creating a client never blocks or throws on a dead server.
import { Redis } from 'ioredis';

/** How to create the client. */
export interface ConnectRedisOptions {
  /** How long one connection attempt may take before it counts as failed. @defaultValue 5000 */
  readonly connectTimeoutMs?: number;
  /**
   * Hears every connection error (refused, reset, timed out); ioredis reconnects after each.
   * Without it they are dropped here rather than printed by ioredis: checkRedis and failing commands
   * report them. @defaultValue ignore
   */
  readonly onError?: (error: Error) => void;
}

/**
 * A lazily connecting ioredis client for `url` (`redis://[user:password@]host:port[/db]`, or
 * `rediss://` for TLS) with `maxRetriesPerRequest: null`, as BullMQ workers need: commands wait across
 * reconnects instead of failing. The caller owns the client and ends it with `quit()` or `disconnect()`.
 */
export function connectRedis(url: string, options: ConnectRedisOptions = {}): Redis {
  const connection = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    connectTimeout: options.connectTimeoutMs ?? 5_000,
  });
  connection.on('error', options.onError ?? (() => undefined));
  return connection;
}
