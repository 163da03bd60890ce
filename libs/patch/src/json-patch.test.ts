import { describe, expect, it } from '@jest/globals';
import type { JsonObject, JsonValue } from './json.js';
import { applyJsonPatch } from './json-patch.js';
import { PatchError } from './patch-error.js';

const CONFIG_MAP: JsonObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cfg', labels: { app: 'web' }, finalizers: ['a', 'b'] },
  data: { k: 'v' },
};

const applied: { name: string; ops: JsonValue; expected: JsonObject }[] = [
  {
    name: 'add, replace and remove',
    ops: [
      { op: 'add', path: '/metadata/labels/tier', value: 'fe' },
      { op: 'replace', path: '/data/k', value: 'w' },
      { op: 'remove', path: '/metadata/finalizers/0' },
    ],
    expected: { ...CONFIG_MAP, metadata: { name: 'cfg', labels: { app: 'web', tier: 'fe' }, finalizers: ['b'] }, data: { k: 'w' } },
  },
  {
    name: 'a passing test guards the change (optimistic concurrency as kubectl uses it)',
    ops: [
      { op: 'test', path: '/metadata/labels/app', value: 'web' },
      { op: 'add', path: '/metadata/finalizers/-', value: 'c' },
    ],
    expected: { ...CONFIG_MAP, metadata: { name: 'cfg', labels: { app: 'web' }, finalizers: ['a', 'b', 'c'] } },
  },
  {
    name: 'move and copy',
    ops: [
      { op: 'copy', from: '/data/k', path: '/data/copy' },
      { op: 'move', from: '/data/k', path: '/data/moved' },
    ],
    expected: { ...CONFIG_MAP, data: { copy: 'v', moved: 'v' } },
  },
  { name: 'an empty patch changes nothing', ops: [], expected: CONFIG_MAP },
];

const refused: { name: string; ops: JsonValue; reason: 'Invalid' | 'BadRequest'; message: string }[] = [
  { name: 'a failing test', ops: [{ op: 'test', path: '/data/k', value: 'other' }], reason: 'Invalid', message: 'testing value /data/k failed' },
  { name: 'an unknown op (decodes, fails to apply: 422 upstream)', ops: [{ op: 'bogus', path: '/data/k' }], reason: 'Invalid', message: 'bogus operation does not apply' },
  { name: 'replace of a missing path', ops: [{ op: 'replace', path: '/data/missing', value: 'x' }], reason: 'Invalid', message: 'replace operation does not apply' },
  { name: 'remove of a missing path', ops: [{ op: 'remove', path: '/spec' }], reason: 'Invalid', message: 'remove operation does not apply' },
  { name: 'add without a value', ops: [{ op: 'add', path: '/data/x' }], reason: 'Invalid', message: 'add operation does not apply' },
  { name: 'replacing the root with a scalar', ops: [{ op: 'replace', path: '', value: 'x' }], reason: 'Invalid', message: 'not an object' },
  { name: 'a body that is not an array', ops: { op: 'add', path: '/x', value: 1 }, reason: 'BadRequest', message: 'cannot unmarshal object' },
  { name: 'an operation that is not an object', ops: ['add'], reason: 'BadRequest', message: 'cannot unmarshal string' },
  { name: 'an op that is not a string', ops: [{ op: 1, path: '/x' }], reason: 'BadRequest', message: 'jsonPatchOp.op of type string' },
  { name: 'a path that is not a string', ops: [{ op: 'remove', path: ['x'] }], reason: 'BadRequest', message: 'jsonPatchOp.path of type string' },
];

describe('applyJsonPatch', () => {
  it.each(applied)('applies $name', ({ ops, expected }) => {
    expect(applyJsonPatch(CONFIG_MAP, ops)).toEqual(expected);
  });

  it.each(refused)('refuses $name with $reason', ({ ops, reason, message }) => {
    let caught: unknown;
    try {
      applyJsonPatch(CONFIG_MAP, ops);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PatchError);
    expect(caught).toMatchObject({ reason, message: expect.stringContaining(message) as unknown });
  });

  it('mutates neither the target nor the operations, and shares no objects with them', () => {
    const target = structuredClone(CONFIG_MAP);
    const ops: JsonValue = [{ op: 'add', path: '/metadata/annotations', value: { note: 'x' } }];
    const before = structuredClone({ target, ops });
    const result = applyJsonPatch(target, ops);
    expect({ target, ops }).toEqual(before);
    (result['metadata'] as { annotations: JsonObject }).annotations['note'] = 'changed';
    (result['metadata'] as { labels: JsonObject }).labels['app'] = 'changed';
    expect({ target, ops }).toEqual(before);
  });
});
