// A private redis-server for the loop benchmarks (`startTestRedis` of @driftless/testing): its
// `INFO commandstats` counts only the worker's commands, since the shared Redis serves other suites.
import { startTestRedis } from '@driftless/testing';

/** A running private Redis. */
export interface RedisProcess {
  readonly url: string;
  readonly pid: number;
  /** Commands Redis has run since it started, by command (`INFO commandstats`), without the INFO calls. */
  commandCalls(): Promise<CommandCalls>;
  stop(): Promise<void>;
}

/** Calls per command name and their total. */
export interface CommandCalls {
  readonly total: number;
  readonly byCommand: Readonly<Record<string, number>>;
}

/** Starts `redis-server` (from PATH) on a free loopback port, without persistence; resolves once it answers PING. */
export async function startRedisProcess(): Promise<RedisProcess> {
  const redis = await startTestRedis();
  return {
    url: redis.url,
    pid: redis.pid(),
    async commandCalls() {
      const text = await redis.client.info('commandstats');
      const byCommand: Record<string, number> = {};
      for (const match of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
        if (match[1] !== 'info') byCommand[match[1]!] = Number(match[2]);
      }
      return { total: Object.values(byCommand).reduce((sum, n) => sum + n, 0), byCommand };
    },
    stop: () => redis.stop(),
  };
}

/** Calls between two counts. */
export function callsBetween(before: CommandCalls, after: CommandCalls): CommandCalls {
  const byCommand: Record<string, number> = {};
  for (const [name, n] of Object.entries(after.byCommand)) byCommand[name] = n - (before.byCommand[name] ?? 0);
  return { total: after.total - before.total, byCommand };
}

/** The `count` most called commands of `calls`, each per unit of work (`per`): `xadd 4.2, zadd 3.2, …`. */
export function topCommands(calls: CommandCalls, per: number, count: number): string {
  return Object.entries(calls.byCommand)
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, n]) => `${name} ${(n / per).toFixed(1)}`)
    .join(', ');
}
