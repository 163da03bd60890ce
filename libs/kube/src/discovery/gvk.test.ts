import { describe, expect, it } from '@jest/globals';
import { apiVersionOf, gvkKey, gvkOf } from './gvk.js';

describe('gvk helpers', () => {
  it('splits apiVersion and joins it back', () => {
    expect(gvkOf({ apiVersion: 'apps/v1', kind: 'Deployment' })).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(gvkOf({ apiVersion: 'v1', kind: 'ConfigMap' })).toEqual({ group: '', version: 'v1', kind: 'ConfigMap' });
    expect(apiVersionOf({ group: '', version: 'v1' })).toBe('v1');
    expect(gvkKey({ group: 'apps', version: 'v1', kind: 'Deployment' })).toBe('apps/v1/Deployment');
  });
});
