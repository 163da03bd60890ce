import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../errors/api-error.js';
import { matchesFields, parseFieldSelector } from './field-selector.js';
import { matchesLabels, parseLabelSelector } from './label-selector.js';

describe('label selectors', () => {
  const cases: [string, Record<string, string>, boolean][] = [
    ['app=web', { app: 'web' }, true],
    ['app==web', { app: 'db' }, false],
    ['app!=web', {}, true],
    ['app!=web', { app: 'web' }, false],
    ['tier in (a, b)', { tier: 'b' }, true],
    ['tier in (a,b)', {}, false],
    ['tier notin (a,b)', {}, true],
    ['tier notin (a,b)', { tier: 'a' }, false],
    ['canary', { canary: '' }, true],
    ['!canary', { canary: 'x' }, false],
    ['!canary,app=web', { app: 'web' }, true],
    ['replicas>2', { replicas: '3' }, true],
    ['replicas<2', { replicas: '3' }, false],
    ['', { any: 'thing' }, true],
  ];
  it.each(cases)('%s on %j is %s', (text, labels, expected) => {
    expect(matchesLabels(parseLabelSelector(text), labels)).toBe(expected);
  });

  it('rejects malformed selectors with 400', () => {
    for (const bad of ['app=in valid', 'a in ()', '-bad=x']) {
      expect(() => parseLabelSelector(bad)).toThrow(ApiError);
    }
  });
});

describe('field selectors', () => {
  const getters = { 'status.phase': (o: Record<string, unknown>) => String((o['status'] as Record<string, unknown> | undefined)?.['phase'] ?? '') };
  const pod = { metadata: { name: 'p', namespace: 'ns' }, status: { phase: 'Running' } };

  it('matches metadata and per-kind fields', () => {
    expect(matchesFields(parseFieldSelector('metadata.name=p,status.phase!=Pending', getters), pod, getters)).toBe(true);
    expect(matchesFields(parseFieldSelector('metadata.namespace==other', getters), pod, getters)).toBe(false);
  });

  it('refuses unsupported fields with the upstream message', () => {
    expect(() => parseFieldSelector('spec.foo=x', getters)).toThrow('field label not supported: spec.foo');
  });
});
