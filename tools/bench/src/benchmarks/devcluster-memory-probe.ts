// Run as a script (`node --expose-gc <tsx> devcluster-memory-probe.ts N`): starts a dev cluster in this
// process, stores N small ConfigMaps, and prints heap and RSS growth per object after full GCs as JSON.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startDevCluster } from '@driftless/devcluster';
import { expectStatus, request, runConcurrent } from './http-load.js';

const count = Number(process.argv[2] ?? 10000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function settle(): NodeJS.MemoryUsage {
  for (let i = 0; i < 3; i++) gc!();
  return process.memoryUsage();
}

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'driftless-memprobe-'));
const cluster = await startDevCluster({ dataDir: dir });
try {
  const post = (ns: string) => async (i: number) =>
    expectStatus(
      await request(`${cluster.url}/api/v1/namespaces/${ns}/configmaps`, 'POST', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}` }, data: { key: `value-${i}` } })),
      201,
      'create',
    );
  for (const ns of ['warm', 'mem']) {
    expectStatus(await request(`${cluster.url}/api/v1/namespaces`, 'POST', JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } })), 201, 'namespace');
  }
  await runConcurrent(Math.max(100, count / 10), 16, post('warm'));
  const before = settle();
  await runConcurrent(count, 16, post('mem'));
  const after = settle();
  process.stdout.write(
    JSON.stringify({ heapPerObject: (after.heapUsed - before.heapUsed) / count, rssPerObject: (after.rss - before.rss) / count }) + '\n',
  );
} finally {
  await cluster.stop();
  await fs.rm(dir, { recursive: true, force: true });
}
