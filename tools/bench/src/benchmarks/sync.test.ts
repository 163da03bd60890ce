// Quick-mode smoke test of the sync benchmark: real dev cluster, git server, Redis, worker loop and kubectl.
import { describe, expect, it } from '@jest/globals';
import { syncBenchmark } from './sync.js';

describe('sync benchmark', () => {
  it('syncs every app through the worker loop, measures both baselines and reports sane figures (quick mode)', async () => {
    const result = await syncBenchmark.run({ quick: true, log: () => undefined });
    expect(result.parameters).toMatchObject({ apps: 5, configMapsPerApp: 1, kubectlSample: 3 });
    const value = (prefix: string) => result.figures.find((f) => f.name.startsWith(prefix))?.value;
    for (const f of [...result.figures, ...result.ratios]) expect(f.value).toBeGreaterThan(0);
    // One ConfigMap per app: at least its apply and the operation's status writes reach the cluster.
    expect(value('sync: API writes per app')).toBeGreaterThanOrEqual(2);
    expect(value('sync: API requests per app')).toBeGreaterThanOrEqual(value('sync: API writes per app')!);
    expect(value('baseline: kubectl API requests per app')).toBeGreaterThanOrEqual(1);
    expect(result.ratios.map((r) => r.name)).toEqual(['sync apps/s ÷ kubectl apps/s', 'sync writes/s ÷ raw write rate']);
  }, 300_000);
});
