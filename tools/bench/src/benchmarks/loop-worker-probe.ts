// Run as a child (`node --expose-gc` over its bundle, see worker-process.ts): the worker loop alone in this
// process, as `npm run worker` starts it, answering the loop benchmarks' IPC questions (RSS after GC, CPU).
import { createWriteStream } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { pino } from 'pino';
import { connectRedis, createRedisRenderCache, startWorkerLoop } from '@driftless/worker';
import type { ProbeReply, ProbeRequest } from './worker-process.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`loop-worker-probe: ${name} is not set`);
  return value;
};
const gc = (globalThis as { gc?: () => void }).gc;
const send = (reply: ProbeReply): void => void process.send?.(reply);

// The worker logs at `info` as in production; the lines are counted ("refreshed", "operation step
// done"), and warnings and errors go on to stderr. DRIFTLESS_BENCH_WORKER_LOG=<file> keeps every line.
const counts = { refreshes: 0, syncSteps: 0, errors: 0 };
const logFile = process.env['DRIFTLESS_BENCH_WORKER_LOG'];
const kept = logFile === undefined || logFile === '' ? undefined : createWriteStream(logFile, { flags: 'a' });
const destination = {
  write(line: string): void {
    kept?.write(line);
    if (line.includes('"msg":"refreshed"')) counts.refreshes++;
    else if (line.includes('"msg":"operation step done"')) counts.syncSteps++;
    else if (/"level":(40|50|60)/.test(line)) {
      counts.errors++;
      process.stderr.write(line);
    }
  },
};

const kubeconfig = new KubeConfig();
kubeconfig.loadFromFile(env('KUBECONFIG'));
const redis = connectRedis(env('REDIS_URL'));
const loop = await startWorkerLoop({
  kubeconfig,
  redis,
  logger: pino({ level: process.env['DRIFTLESS_LOG_LEVEL'] ?? 'info' }, destination),
  cacheDir: env('DRIFTLESS_WORKER_CACHE_DIR'),
  allowHttp: true,
  renderCache: createRedisRenderCache({ redis }),
});
await loop.ready;

process.on('message', (message: ProbeRequest) => {
  if (message.type === 'sample') {
    if (message.gc === true && gc !== undefined) for (let i = 0; i < 3; i++) gc();
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    send({ type: 'sample', rss: memory.rss, heapUsed: memory.heapUsed, cpuMs: (cpu.user + cpu.system) / 1000, ...counts });
  } else if (message.type === 'stop') {
    void loop
      .stop()
      .then(() => redis.quit())
      .finally(() => process.exit(0));
  }
});
send({ type: 'ready' });
