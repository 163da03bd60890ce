// Quick-mode smoke test of the refresh benchmark: real dev cluster process, git server and refresher.
import { describe, expect, it } from '@jest/globals';
import { refreshBenchmark } from './refresh.js';

describe('refresh benchmark', () => {
  it('refreshes every app against a TLS dev cluster process and reports every figure (quick mode)', async () => {
    const result = await refreshBenchmark.run({ quick: true, log: () => undefined });
    expect(result.parameters).toMatchObject({ apps: 5, configMapsPerApp: 20, concurrency: 8 });
    expect(result.figures.map((f) => f.name)).toEqual([
      'sequential: apps/s',
      'sequential: per-app refresh p50',
      'sequential: per-app refresh p95',
      'concurrency 8: apps/s',
      'concurrency 8: per-app refresh p50',
      'concurrency 8: per-app refresh p95',
      'seed: namespaces + ConfigMaps created/s (HTTPS POST, concurrency 32)',
      "baseline: HTTPS list of one app namespace's ConfigMaps p50",
      'concurrency 8: full pass of 5 apps',
      'hard refresh (fetch + checkout + render, no cache), concurrency 8: apps/s',
      'hard refresh per-app p50',
      'sequential per-app p50 with 50 unrelated objects',
      'sequential per-app p50 with 500 unrelated objects',
    ]);
    for (const f of [...result.figures, ...result.ratios]) expect(f.value).toBeGreaterThan(0);
    expect(result.ratios.map((r) => r.name)).toEqual(['sequential refresh p50 / namespace list p50', 'concurrency 8 / sequential (apps/s)', 'per-app p50 at 500 / at 50 unrelated objects']);
  }, 120000);
});
