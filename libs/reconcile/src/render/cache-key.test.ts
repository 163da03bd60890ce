// The render cache key: stable over key order, different for any different input.
import { describe, expect, it } from '@jest/globals';
import type { ApplicationSource } from '@driftless/api';
import { canonicalJson, renderCacheKey } from './cache-key.js';

const source: ApplicationSource = { repoURL: 'https://git.example.com/a.git', path: 'chart', helm: { parameters: [{ name: 'a', value: '1' }], valuesObject: { x: 1, y: 2 } } };

describe('renderCacheKey', () => {
  it('is the same for the same inputs whatever the key order', () => {
    const reordered: ApplicationSource = { helm: { valuesObject: { y: 2, x: 1 }, parameters: [{ value: '1', name: 'a' }] }, path: 'chart', repoURL: 'https://git.example.com/a.git' };
    expect(renderCacheKey(reordered, 'abc')).toBe(renderCacheKey(source, 'abc'));
    expect(renderCacheKey(source, 'abc')).toMatch(/^render:[0-9a-f]{64}$/);
  });

  it('changes with the commit, the path, the parameters and the render context', () => {
    const base = renderCacheKey(source, 'abc');
    expect(renderCacheKey(source, 'abd')).not.toBe(base);
    expect(renderCacheKey({ ...source, path: 'other' }, 'abc')).not.toBe(base);
    expect(renderCacheKey({ ...source, helm: { parameters: [{ name: 'a', value: '2' }] } }, 'abc')).not.toBe(base);
    expect(renderCacheKey(source, 'abc', { namespace: 'ns' })).not.toBe(base);
  });
});

describe('canonicalJson', () => {
  it('sorts keys and drops undefined fields', () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 'x' }], e: undefined })).toBe('{"a":[{"c":"x"}],"b":1}');
  });
});
