import { describe, expect, it } from '@jest/globals';
import { InvalidInputError } from '@driftless/api';
import { applyIgnoreRules, ignoreRulesFor, removePointer } from './ignore-differences.js';
import type { JsonObject } from './json-value.js';

const web = { group: 'apps', kind: 'Deployment', namespace: 'prod', name: 'web' };

describe('ignoreRulesFor', () => {
  it('merges matching application and system rules', () => {
    const rules = ignoreRulesFor(
      web,
      [
        { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] },
        { group: 'apps', kind: '*', namespace: 'prod', jqPathExpressions: ['.metadata.labels'] },
        { group: 'apps', kind: 'Deployment', name: 'api', jsonPointers: ['/spec/paused'] },
        { group: 'apps', kind: 'Deployment', namespace: 'dev', jsonPointers: ['/spec/paused'] },
        { kind: 'Deployment', jsonPointers: ['/core-group-only'] },
      ],
      {
        '*/*': { managedFieldsManagers: ['hpa'] },
        'apps/Deployment': { jsonPointers: ['/spec/template/metadata/annotations'] },
        'apps/StatefulSet': { jsonPointers: ['/nope'] },
        Deployment: { jsonPointers: ['/core-group-only'] },
      },
    );
    expect(rules).toEqual({
      jsonPointers: ['/spec/template/metadata/annotations', '/spec/replicas'],
      jqPathExpressions: ['.metadata.labels'],
      managedFieldsManagers: ['hpa'],
    });
  });

  it('matches the core group by an absent group and by a bare kind key', () => {
    const cm = { group: '', kind: 'ConfigMap', namespace: 'prod', name: 'cfg' };
    expect(ignoreRulesFor(cm, [{ kind: 'ConfigMap', jsonPointers: ['/data/a'] }], { ConfigMap: { jsonPointers: ['/data/b'] } }).jsonPointers).toEqual(['/data/b', '/data/a']);
  });
});

describe('applyIgnoreRules', () => {
  it('removes pointers (escaped keys, list items), skips missing ones and leaves the input untouched', async () => {
    const obj: JsonObject = { metadata: { annotations: { 'a/b': 'x', c: 'y' } }, spec: { list: [1, 2, 3] } };
    const result = await applyIgnoreRules(obj, { jsonPointers: ['/metadata/annotations/a~1b', '/spec/list/1', '/spec/missing/x', 'bad'], jqPathExpressions: [], managedFieldsManagers: [] });
    expect(result).toEqual({ metadata: { annotations: { c: 'y' } }, spec: { list: [1, 3] } });
    expect(obj['spec']).toEqual({ list: [1, 2, 3] });
  });

  it('rejects an invalid jq expression with InvalidInputError and leaves the exit code alone', async () => {
    const rules = { jsonPointers: [], jqPathExpressions: ['.spec[('], managedFieldsManagers: [] };
    await expect(applyIgnoreRules({ spec: {} }, rules)).rejects.toThrow(InvalidInputError);
    expect(process.exitCode).toBeUndefined();
  });

  it('removes a whole-document pointer segment only where it exists', () => {
    const obj: JsonObject = { a: { b: 1 } };
    removePointer(obj, '/a/b/c');
    expect(obj).toEqual({ a: { b: 1 } });
  });
});
