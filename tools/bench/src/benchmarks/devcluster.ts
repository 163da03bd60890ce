// Dev cluster throughput (issue 3): creates/s with --data-dir, gets/s, the latency of listing 10,000
// ConfigMaps, watch fan-out to 20 watchers, and resident memory per stored object — next to a bare
// Node HTTP server measured with the same client in the same run.
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Benchmark, BenchOptions, BenchResult } from '../benchmark.js';
import { summarize, timeRuns } from '../stats.js';
import { startDevClusterProcess } from './devcluster-process.js';
import type { DevClusterProcess } from './devcluster-process.js';
import { startHttpFloor } from './http-floor.js';
import { measureMemoryPerObject } from './devcluster-memory.js';
import { expectStatus, request, runConcurrent } from './http-load.js';

const CONCURRENCY = 32;

/** See the module comment. */
export const devclusterBenchmark: Benchmark = {
  name: 'devcluster',
  description: 'dev cluster: creates/s (durable), gets/s, 10k-object list latency, watch fan-out, memory per object',
  run: runDevclusterBench,
};

async function runDevclusterBench({ quick, log }: BenchOptions): Promise<BenchResult> {
  const objects = quick ? 200 : 10000;
  const watchers = quick ? 3 : 20;
  const watchWrites = quick ? 20 : 500;
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'driftless-bench-devcluster-'));
  const floor = await startHttpFloor();
  const cluster = await startDevClusterProcess(path.join(work, 'data'), path.join(work, 'kubeconfig'));
  try {
    const cm = (ns: string, i: number): string => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: ns }, data: { key: `value-${i}` } });
    const floorRate = await runConcurrent(objects, CONCURRENCY, async (i) => expectStatus(await request(`${floor.url}/x`, 'POST', cm('floor', i)), 201, 'floor'));
    log(`devcluster: floor ${floorRate.toFixed(0)} req/s`);
    await createNamespace(cluster, 'bench');
    const nsUrl = `${cluster.url}/api/v1/namespaces/bench/configmaps`;
    const createRate = await runConcurrent(objects, CONCURRENCY, async (i) => expectStatus(await request(nsUrl, 'POST', cm('bench', i)), 201, 'create'));
    log(`devcluster: ${objects} creates at ${createRate.toFixed(0)}/s`);
    const getRate = await runConcurrent(objects, CONCURRENCY, async (i) => expectStatus(await request(`${nsUrl}/cm-${i}`, 'GET'), 200, 'get'));
    const list = summarize(await timeRuns(async () => expectStatus(await request(nsUrl, 'GET'), 200, 'list'), quick ? 2 : 10, 1));
    const fanout = await watchFanout(cluster, watchers, watchWrites, cm);
    log(`devcluster: watch fan-out ${fanout.toFixed(0)} events/s`);
    const memory = await measureMemoryPerObject(objects);
    return {
      benchmark: 'devcluster',
      parameters: { objects, concurrency: CONCURRENCY, watchers, watchWrites, durable: 'yes (--data-dir)' },
      figures: [
        { name: 'creates/s (ConfigMap, durable)', value: createRate, unit: '/s' },
        { name: 'gets/s', value: getRate, unit: '/s' },
        { name: `list ${objects} ConfigMaps p50`, value: list.p50Ms, unit: 'ms' },
        { name: `watch fan-out: events delivered/s to ${watchers} watchers`, value: fanout, unit: '/s' },
        { name: 'heap per stored ConfigMap (after full GC)', value: memory.heapPerObject, unit: 'bytes' },
        { name: 'RSS per stored ConfigMap (after full GC)', value: memory.rssPerObject, unit: 'bytes' },
        { name: 'baseline: bare Node HTTP POST+JSON parse', value: floorRate, unit: '/s' },
      ],
      ratios: [{ name: 'creates / bare HTTP floor', value: createRate / floorRate, unit: 'x' }],
    };
  } finally {
    floor.stop();
    await cluster.stop();
    await fs.rm(work, { recursive: true, force: true });
  }
}

async function createNamespace(cluster: DevClusterProcess, name: string): Promise<void> {
  expectStatus(await request(`${cluster.url}/api/v1/namespaces`, 'POST', JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })), 201, 'namespace');
}

/** Opens `watchers` watches on a namespace, writes `writes` objects, and times full delivery. */
async function watchFanout(cluster: DevClusterProcess, watchers: number, writes: number, cm: (ns: string, i: number) => string): Promise<number> {
  await createNamespace(cluster, 'bench-watch');
  const rv = JSON.parse((await request(`${cluster.url}/api/v1/namespaces/bench-watch/configmaps`, 'GET')).body).metadata.resourceVersion as string;
  const counts = new Array<number>(watchers).fill(0);
  const requests: http.ClientRequest[] = [];
  let resolveAll: () => void = () => undefined;
  const allDelivered = new Promise<void>((resolve) => (resolveAll = resolve));
  await Promise.all(
    counts.map(
      (_, w) =>
        new Promise<void>((opened, failed) => {
          const req = http.get(`${cluster.url}/api/v1/namespaces/bench-watch/configmaps?watch=true&resourceVersion=${rv}`, (res) => {
            opened();
            res.on('data', (chunk: Buffer) => {
              counts[w]! += chunk.toString().split('\n').filter((l) => l.includes('"ADDED"')).length;
              if (counts.every((c) => c >= writes)) resolveAll();
            });
          });
          req.on('error', failed);
          requests.push(req);
        }),
    ),
  );
  const start = process.hrtime.bigint();
  await runConcurrent(writes, CONCURRENCY, async (i) => expectStatus(await request(`${cluster.url}/api/v1/namespaces/bench-watch/configmaps`, 'POST', cm('bench-watch', i)), 201, 'watch write'));
  await allDelivered;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  for (const req of requests) req.destroy();
  return (watchers * writes) / seconds;
}
