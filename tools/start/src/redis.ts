// Redis for `npm start`: the server at REDIS_URL when it answers, otherwise a `redis-server` of our own
// on a free loopback port (BullMQ needs Redis; nothing durable is kept there, see ADR 001).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import { UnavailableError } from '@driftless/api';
import { checkRedis, connectRedis, redactRedisUrl } from '@driftless/worker';
import { waitFor } from '@driftless/testing';

/** The Redis the platform uses, and how to release it. */
export interface PlatformRedis {
  readonly url: string;
  readonly version: string;
  /** True when `npm start` started this redis-server itself. */
  readonly started: boolean;
  readonly warning?: string;
  stop(): Promise<void>;
}

/**
 * Uses `url` when a Redis answers there; otherwise starts `redis-server` (from PATH) with its files in
 * `dir`. Rejects with an UnavailableError that says what to do when neither works.
 */
export async function ensureRedis(url: string, dir: string): Promise<PlatformRedis> {
  const existing = await probe(url);
  if (existing.ok) return { url, version: existing.version, started: false, ...warningOf(existing.warning), stop: async () => undefined };
  const port = await freePort();
  await fs.mkdir(dir, { recursive: true });
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--maxmemory-policy', 'noeviction'], {
    stdio: 'ignore',
  });
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const ownUrl = `redis://127.0.0.1:${port}`;
  const started = await Promise.race([waitFor(() => probe(ownUrl).then((r) => (r.ok ? r : undefined)), { timeoutMs: 10000, description: `redis-server on port ${port}` }), spawnError]);
  if (started instanceof Error) {
    throw new UnavailableError(
      `no Redis answers at ${existing.shownUrl} (${existing.reason}) and redis-server could not be started (${started.message}): install Redis ≥ 6.2 or set REDIS_URL`,
      { context: { redisUrl: existing.shownUrl } },
    );
  }
  return { url: ownUrl, version: started.version, started: true, stop: () => stopChild(child) };
}

type Probe = { ok: true; version: string; warning?: string } | { ok: false; reason: string; shownUrl: string };

async function probe(url: string): Promise<Probe> {
  const connection = connectRedis(url);
  try {
    const info = await checkRedis(connection);
    return { ok: true, version: info.version, ...warningOf(info.warning) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error), shownUrl: redactRedisUrl(url) };
  } finally {
    connection.disconnect();
  }
}

function warningOf(warning: string | undefined): { warning?: string } {
  return warning === undefined ? {} : { warning };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
    server.on('error', reject);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
