// Field paths in the dotted form error messages use.

import { describe, expect, it } from '@jest/globals';
import { joinPath, pointerToSegments } from './field-path.js';

describe('field paths', () => {
  it.each([
    [['spec', 'sources', 1, 'repoURL'], 'spec.sources[1].repoURL'],
    [['metadata', 'labels', 'app.kubernetes.io/name'], 'metadata.labels["app.kubernetes.io/name"]'],
    [['data', 'on-deployed'], 'data.on-deployed'],
    [[0, 'send'], '[0].send'],
    [[], ''],
  ])('%j → %s', (segments, path) => {
    expect(joinPath(segments)).toBe(path);
  });

  it('reads JSON pointers, unescaping ~1 and ~0', () => {
    expect(pointerToSegments('/spec/sources/1/repoURL')).toEqual(['spec', 'sources', 1, 'repoURL']);
    expect(pointerToSegments('/metadata/annotations/a~1b~0c')).toEqual(['metadata', 'annotations', 'a/b~c']);
    expect(pointerToSegments('')).toEqual([]);
  });
});
