// Public API of @driftless/bench: the benchmark contract and the registry `npm run bench` runs.
export * from './benchmark.js';
export * from './stats.js';
export { BENCHMARKS } from './registry.js';
