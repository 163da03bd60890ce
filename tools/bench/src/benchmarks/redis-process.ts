// A private redis-server child process for the loop benchmarks: its `INFO commandstats` counts only the
// worker's commands (the shared Redis serves other test suites), and nothing is left behind.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { Redis } from 'ioredis';

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
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`redis-server exited (${code})`))));
  exited.catch(() => undefined);
  const url = `redis://127.0.0.1:${port}`;
  // Connects (and retries every 100 ms) while redis-server starts; PING waits in the offline queue.
  const admin = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: () => 100 });
  admin.on('error', () => undefined);
  try {
    await Promise.race([admin.ping(), exited]);
  } catch (error) {
    admin.disconnect();
    child.kill('SIGTERM');
    throw error;
  }
  return {
    url,
    pid: child.pid ?? 0,
    async commandCalls() {
      const text = await admin.info('commandstats');
      const byCommand: Record<string, number> = {};
      for (const match of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
        if (match[1] !== 'info') byCommand[match[1]!] = Number(match[2]);
      }
      return { total: Object.values(byCommand).reduce((sum, n) => sum + n, 0), byCommand };
    },
    stop: async () => {
      admin.disconnect();
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

/** Calls between two counts. */
export function callsBetween(before: CommandCalls, after: CommandCalls): CommandCalls {
  const byCommand: Record<string, number> = {};
  for (const [name, n] of Object.entries(after.byCommand)) byCommand[name] = n - (before.byCommand[name] ?? 0);
  return { total: after.total - before.total, byCommand };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
