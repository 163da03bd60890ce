import { describe, expect, it } from '@jest/globals';
import { gitFetchBenchmark } from './git-fetch.js';
import { formatResult } from '../benchmark.js';

describe('git-fetch benchmark', () => {
  it('measures both clients on the same repository and reports the ratios (quick mode)', async () => {
    const lines: string[] = [];
    const result = await gitFetchBenchmark.run({ quick: true, log: (l) => lines.push(l) });
    expect(result.figures.map((f) => f.name)).toEqual([
      'isomorphic-git clone p50',
      'git CLI clone p50',
      'isomorphic-git incremental fetch p50',
      'git CLI incremental fetch p50',
    ]);
    for (const f of [...result.figures, ...result.ratios]) expect(f.value).toBeGreaterThan(0);
    expect(formatResult(result)).toContain('| incremental fetch: isomorphic-git / git CLI (p50) |');
    expect(lines[0]).toMatch(/repository with 5 files at http:\/\/127\.0\.0\.1:\d+\/bench\.git/);
  });
});
