// The benchmarks `npm run bench` knows, by name.
import type { Benchmark } from './benchmark.js';
import { devclusterBenchmark } from './benchmarks/devcluster.js';
import { gitFetchBenchmark } from './benchmarks/git-fetch.js';
import { loopBenchmark } from './benchmarks/loop.js';
import { refreshBenchmark } from './benchmarks/refresh.js';
import { syncBenchmark } from './benchmarks/sync.js';

/** Every benchmark, in the order `npm run bench` runs them when none is named. */
export const BENCHMARKS: readonly Benchmark[] = [gitFetchBenchmark, devclusterBenchmark, refreshBenchmark, syncBenchmark, loopBenchmark];
