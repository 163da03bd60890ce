// Git transport cost: isomorphic-git (what Driftless uses over HTTP) against the git CLI, both
// cloning and incrementally fetching the same repository from the same local git server.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { runGit, startGitServer } from '@driftless/gitserver';
import { createServedRepo } from '@driftless/testing';
import type { Benchmark, BenchOptions, BenchResult } from '../benchmark.js';
import { summarize, timeRuns } from '../stats.js';

/** Clone and incremental-fetch timings, isomorphic-git vs git CLI, over smart HTTP on loopback. */
export const gitFetchBenchmark: Benchmark = {
  name: 'git-fetch',
  description: 'isomorphic-git vs git CLI: clone and incremental fetch of one repository (500 files)',
  run: runGitFetch,
};

async function runGitFetch({ quick, log }: BenchOptions): Promise<BenchResult> {
  const fileCount = quick ? 5 : 500;
  const iterations = quick ? 1 : 10;
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'driftless-bench-git-'));
  await fs.mkdir(path.join(work, 'root'));
  const server = await startGitServer({ root: path.join(work, 'root') });
  try {
    const files = Object.fromEntries(Array.from({ length: fileCount }, (_, i) => [`manifests/cm-${i}.yaml`, configMap(i)]));
    const repo = await createServedRepo(server, 'bench.git', files);
    log(`git-fetch: repository with ${fileCount} files at ${repo.url}`);
    const isoDir = (i: number): string => path.join(work, `iso-${i}`);
    const cliDir = (i: number): string => path.join(work, `cli-${i}`);
    const isoClone = await timeRuns((i) => git.clone({ fs, http, dir: isoDir(i), url: repo.url, singleBranch: true, depth: 1 }), iterations);
    const cliClone = await timeRuns(async (i) => void (await runGit(['clone', '--quiet', '--depth', '1', repo.url, cliDir(i)])), iterations);
    log('git-fetch: clones done; measuring incremental fetches');
    const isoFetch: number[] = [];
    const cliFetch: number[] = [];
    for (let i = 0; i < iterations; i++) {
      await repo.commit({ [`manifests/cm-${i}.yaml`]: configMap(1000 + i) }, `change ${i}`);
      await repo.push();
      isoFetch.push(...(await timeRuns(() => git.fetch({ fs, http, dir: isoDir(0), url: repo.url, singleBranch: true }).then(() => undefined), 1)));
      cliFetch.push(...(await timeRuns(async () => void (await runGit(['fetch', '--quiet', 'origin'], { cwd: cliDir(0) })), 1)));
    }
    const stats = { isoClone: summarize(isoClone), cliClone: summarize(cliClone), isoFetch: summarize(isoFetch), cliFetch: summarize(cliFetch) };
    return {
      benchmark: 'git-fetch',
      parameters: { files: fileCount, iterations },
      figures: [
        { name: 'isomorphic-git clone p50', value: stats.isoClone.p50Ms, unit: 'ms' },
        { name: 'git CLI clone p50', value: stats.cliClone.p50Ms, unit: 'ms' },
        { name: 'isomorphic-git incremental fetch p50', value: stats.isoFetch.p50Ms, unit: 'ms' },
        { name: 'git CLI incremental fetch p50', value: stats.cliFetch.p50Ms, unit: 'ms' },
      ],
      ratios: [
        { name: 'clone: isomorphic-git / git CLI (p50)', value: stats.isoClone.p50Ms / stats.cliClone.p50Ms, unit: 'x' },
        { name: 'incremental fetch: isomorphic-git / git CLI (p50)', value: stats.isoFetch.p50Ms / stats.cliFetch.p50Ms, unit: 'x' },
      ],
    };
  } finally {
    await server.stop();
    await fs.rm(work, { recursive: true, force: true });
  }
}

function configMap(i: number): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  value: "${i}"\n`;
}
