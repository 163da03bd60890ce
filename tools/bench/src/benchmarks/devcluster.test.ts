import { describe, expect, it } from '@jest/globals';
import { devclusterBenchmark } from './devcluster.js';

describe('devcluster benchmark', () => {
  it('creates, reads, lists and watches through a real dev cluster process and reports every figure (quick mode)', async () => {
    const result = await devclusterBenchmark.run({ quick: true, log: () => undefined });
    expect(result.parameters).toMatchObject({ objects: 200, watchers: 3 });
    const byName = Object.fromEntries(result.figures.map((f) => [f.name, f.value]));
    for (const name of ['creates/s (ConfigMap, durable)', 'gets/s', 'list 200 ConfigMaps p50', 'watch fan-out: events delivered/s to 3 watchers', 'baseline: bare Node HTTP POST+JSON parse']) {
      expect(byName[name]).toBeGreaterThan(0);
    }
    expect(byName['heap per stored ConfigMap (after full GC)']).toEqual(expect.any(Number));
    expect(result.ratios[0]?.name).toBe('creates / bare HTTP floor');
  }, 120000);
});
