// Memory per stored object, measured in a separate process with --expose-gc so full collections make
// the before/after difference count live objects rather than garbage.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const probe = path.join(path.dirname(fileURLToPath(import.meta.url)), 'devcluster-memory-probe.ts');

/** Heap and RSS growth per small ConfigMap stored in a dev cluster (with --data-dir). */
export async function measureMemoryPerObject(count: number): Promise<{ heapPerObject: number; rssPerObject: number }> {
  // `--import tsx` keeps the probe in this node process, so --expose-gc applies to it.
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', import.meta.resolve('tsx'), probe, String(count)], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { heapPerObject: number; rssPerObject: number };
}
