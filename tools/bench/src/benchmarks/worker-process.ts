// The worker loop as a child process for the loop benchmarks (loop-worker-probe.ts): its own process, so
// its RSS and CPU are the worker's alone, sampled over IPC. It runs compiled, as a release does (the
// bundle of `npm run build`), unless DRIFTLESS_BENCH_WORKER_RUNTIME=tsx asks for the sources under tsx.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleApp } from '@driftless/workspace';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const probe = path.join(HERE, 'loop-worker-probe.ts');
// Inside the repository, so the packages the bundle leaves external resolve from its node_modules.
const bundledProbe = path.join(HERE, '../../../../node_modules/.cache/driftless-bench/loop-worker-probe.js');

/** How the probe runs: node over its bundle (default), or node with tsx over the sources. */
async function probeCommand(): Promise<string[]> {
  if (process.env['DRIFTLESS_BENCH_WORKER_RUNTIME'] === 'tsx') return ['--import', import.meta.resolve('tsx'), probe];
  await bundleApp({ entry: probe, outfile: bundledProbe });
  return ['--enable-source-maps', bundledProbe];
}

/** What the benchmark asks the probe. */
export type ProbeRequest = { readonly type: 'sample'; readonly gc?: boolean } | { readonly type: 'stop' };

/** One sample of the worker process. */
export interface WorkerSample {
  readonly rss: number;
  readonly heapUsed: number;
  /** User + system CPU since the process started. */
  readonly cpuMs: number;
  /** Refreshes finished (the worker's "refreshed" log lines). */
  readonly refreshes: number;
  /** Sync jobs whose operation finished ("operation step done"). */
  readonly syncSteps: number;
  /** Warnings and errors the worker logged (passed on to stderr). */
  readonly errors: number;
}

/** What the probe answers. */
export type ProbeReply = { readonly type: 'ready' } | ({ readonly type: 'sample' } & WorkerSample);

/** A running worker child. */
export interface WorkerProcess {
  readonly pid: number;
  /** A sample; with `gc`, after three full collections (the process runs with --expose-gc). */
  sample(gc?: boolean): Promise<WorkerSample>;
  /** Peak RSS of the process (VmHWM), in bytes. */
  peakRss(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts the worker loop on the dev cluster in `kubeconfig` and the Redis at `redisUrl`; resolves once it is ready. */
export async function startWorkerProcess(options: { kubeconfig: string; redisUrl: string; cacheDir: string }): Promise<WorkerProcess> {
  // DRIFTLESS_BENCH_CPU_PROF=<dir>: write the worker's V8 CPU profile there when it stops.
  const profileDir = process.env['DRIFTLESS_BENCH_CPU_PROF'];
  const profile = profileDir === undefined || profileDir === '' ? [] : ['--cpu-prof', '--cpu-prof-dir', profileDir];
  const child = spawn(process.execPath, ['--expose-gc', ...profile, ...(await probeCommand())], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, KUBECONFIG: options.kubeconfig, REDIS_URL: options.redisUrl, DRIFTLESS_WORKER_CACHE_DIR: options.cacheDir },
  });
  await nextReply(child, 'ready', 180_000);
  return {
    pid: child.pid ?? 0,
    async sample(gc = false) {
      const reply = nextReply(child, 'sample', 60_000);
      child.send({ type: 'sample', gc } satisfies ProbeRequest);
      const { type: _type, ...sample } = (await reply) as Extract<ProbeReply, { type: 'sample' }>;
      return sample;
    },
    async peakRss() {
      const status = await fs.readFile(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) * 1024;
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send({ type: 'stop' } satisfies ProbeRequest);
      }),
  };
}

function nextReply(child: ChildProcess, type: ProbeReply['type'], timeoutMs: number): Promise<ProbeReply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`worker probe: no ${type} reply within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: ProbeReply) => {
      if (message.type === type) done(undefined, message);
    };
    const onExit = (code: number | null) => done(new Error(`worker probe exited (${code}) before its ${type} reply`));
    function done(error: Error | undefined, reply?: ProbeReply): void {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error !== undefined) reject(error);
      else resolve(reply!);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
