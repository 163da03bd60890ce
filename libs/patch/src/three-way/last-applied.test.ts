// The last-applied annotation as kubectl writes it: Go's encoding, `annotations: {}` included.
import { describe, expect, it } from '@jest/globals';
import { LAST_APPLIED_ANNOTATION, readLastAppliedConfiguration, withLastAppliedConfiguration } from './last-applied.js';

describe('withLastAppliedConfiguration', () => {
  it('records the config with sorted keys, compact, a trailing newline and empty annotations', () => {
    const { modified, lastApplied } = withLastAppliedConfiguration({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'c', namespace: 'n' }, data: { b: '<&>', a: '1' } });
    expect(lastApplied).toBe('{"apiVersion":"v1","data":{"a":"1","b":"\\u003c\\u0026\\u003e"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"c","namespace":"n"}}\n');
    expect(modified['metadata']).toEqual({ name: 'c', namespace: 'n', annotations: { [LAST_APPLIED_ANNOTATION]: lastApplied } });
    expect(readLastAppliedConfiguration(modified)).toEqual(JSON.parse(lastApplied));
  });

  it('drops a stale annotation from the recorded config and keeps the others', () => {
    const { lastApplied } = withLastAppliedConfiguration({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { x: 'y', [LAST_APPLIED_ANNOTATION]: 'old' } } });
    expect(lastApplied).toBe('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{"x":"y"},"name":"c"}}\n');
  });

  it('reads nothing from objects without a usable annotation', () => {
    expect(readLastAppliedConfiguration({ metadata: {} })).toBeUndefined();
    expect(readLastAppliedConfiguration({ metadata: { annotations: { [LAST_APPLIED_ANNOTATION]: 'not json' } } })).toBeUndefined();
  });
});
