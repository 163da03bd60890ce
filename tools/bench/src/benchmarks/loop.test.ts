// Quick-mode smoke test of the loop benchmark: every phase (P1, P2, P3, P5) with 5 apps, worker in a child.
import { describe, expect, it } from '@jest/globals';
import { loopBenchmark } from './loop.js';

describe('loop benchmark', () => {
  it('runs P1, P2, P3 and P5 against real servers and reports sane figures (quick mode)', async () => {
    const result = await loopBenchmark.run({ quick: true, log: () => undefined });
    expect(result.parameters).toMatchObject({ phases: 'P1,P2,P3,P5', p1Apps: 5, loadedApps: 5, configMapsPerLoadedApp: 3, p3Samples: 3 });
    for (const f of [...result.figures, ...result.ratios]) expect(f.value).toBeGreaterThan(0);
    const value = (prefix: string) => result.figures.find((f) => f.name.startsWith(prefix))?.value;
    for (const phase of ['P1: apps/s', 'P2: Redis commands per refresh', 'P3: commit + refresh annotation → Synced p99', 'P3: self-heal revert p99', 'P5: worker RSS after GC']) {
      expect(value(phase)).toBeDefined();
    }
    // Every app was refreshed at least once in the pass; RSS is a process's, not a byte count gone wrong.
    expect(value('P2: refreshes run during the pass')).toBeGreaterThanOrEqual(5);
    expect(value('P5: worker RSS after GC')).toBeGreaterThan(20);
    expect(value('P5: worker RSS after GC')).toBeLessThan(4096);
    expect(result.ratios.map((r) => r.name)).toEqual(['P1: apps/s ÷ kubectl apps/s', 'P1: worker writes/s ÷ raw write rate']);
  }, 300_000);

  it('rejects an unknown phase', async () => {
    await expect(loopBenchmark.run({ quick: true, log: () => undefined, flags: { phases: ['P4'] } })).rejects.toThrow('unknown phase(s) P4');
  });
});
