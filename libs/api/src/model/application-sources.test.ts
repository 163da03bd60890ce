// Which sources an Application renders: `sources` wins over `source`, as in Argo CD.

import { describe, expect, it } from '@jest/globals';
import type { ApplicationSpec } from '../types/application.js';
import { applicationSources, hasMultipleSources } from './application-sources.js';

const single = { repoURL: 'https://git.example.com/a.git', path: 'a' };
const multi = [{ repoURL: 'https://git.example.com/b.git', path: 'b' }];

describe('applicationSources', () => {
  it.each<[string, Pick<ApplicationSpec, 'source' | 'sources'>, unknown[], boolean]>([
    ['source only', { source: single }, [single], false],
    ['sources only', { sources: multi }, multi, true],
    ['both: sources win', { source: single, sources: multi }, multi, true],
    ['empty sources: source is used', { source: single, sources: [] }, [single], false],
    ['neither', {}, [], false],
  ])('%s', (_case, spec, sources, multiple) => {
    expect(applicationSources(spec)).toEqual(sources);
    expect(hasMultipleSources(spec)).toBe(multiple);
  });
});
