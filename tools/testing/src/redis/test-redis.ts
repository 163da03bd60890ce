// A redis-server of a test's (or benchmark's) own on a free loopback port, so it may FLUSHALL, restart
// or count commands without touching the Redis other test suites share.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { waitFor } from '../wait-for.js';

/** A private Redis. */
export interface TestRedis {
  readonly url: string;
  /** The server process's pid (its current one, after a restart). */
  pid(): number;
  /** A client (the test's; quit by `stop`). */
  readonly client: Redis;
  /** Stops the server without saving and starts it again on the same port, empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** Starts `redis-server` (on PATH) with nothing persisted (in `dir` when given, else the working directory). */
export async function startTestRedis(dir?: string): Promise<TestRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  const launch = async () => {
    const where = dir === undefined ? [] : ['--dir', dir];
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...where, '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await waitFor(async () => (await probe.connect().then(() => probe.ping(), () => undefined)) === 'PONG', { description: `redis-server on port ${port} answers`, timeoutMs: 10_000, intervalMs: 50 });
    } finally {
      probe.disconnect();
    }
  };
  const halt = async () => {
    const running = server;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await launch();
  const client = new Redis(url, { maxRetriesPerRequest: null });
  client.on('error', () => undefined);
  return {
    url,
    pid: () => server?.pid ?? 0,
    client,
    async restart() {
      await halt();
      await launch();
    },
    async stop() {
      client.disconnect();
      await halt();
    },
  };
}
