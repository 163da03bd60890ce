// managedFields bookkeeping for create, update, patch and /status writes (recordUpdate).
import { describe, expect, it } from '@jest/globals';
import type { JsonObject } from '../model/json.js';
import { builtinSchema, recordUpdate } from './index.js';
import type { RecordUpdateArgs } from './index.js';

const schema = builtinSchema({ group: '', version: 'v1', kind: 'ConfigMap' });
const T0 = new Date('2024-05-01T10:00:00.750Z');
const T1 = new Date('2024-05-01T11:00:00Z');

const cm = (data: JsonObject, extra: JsonObject = {}): JsonObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', ...extra }, data });
const write = (args: Partial<RecordUpdateArgs> & { after: JsonObject }): JsonObject =>
  recordUpdate({ before: undefined, manager: 'm', apiVersion: 'v1', schema, now: T0, ...args });
const managedFields = (object: JsonObject): JsonObject[] => ((object['metadata'] as JsonObject)['managedFields'] as JsonObject[] | undefined) ?? [];
const owners = (object: JsonObject): Record<string, JsonObject> =>
  Object.fromEntries(managedFields(object).map((entry) => [`${String(entry['manager'])}${entry['subresource'] === undefined ? '' : `/${String(entry['subresource'])}`}`, entry['fieldsV1'] as JsonObject]));

describe('recordUpdate', () => {
  const created = write({ after: cm({ a: '1', b: '2' }), manager: 'kubectl-create' });

  it('gives the creator every field it set, time in seconds precision', () => {
    expect(managedFields(created)).toEqual([
      { manager: 'kubectl-create', operation: 'Update', apiVersion: 'v1', time: '2024-05-01T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:a': {}, 'f:b': {}, '.': {} } } },
    ]);
  });

  it('moves changed fields to the writer and drops removed ones from their owners', () => {
    const after = write({ before: created, after: { ...cm({ a: '9', c: '3' }), metadata: created['metadata'] as JsonObject }, manager: 'kubectl-edit', now: T1 });
    // the creator keeps .data itself, now a leaf member: {} rather than {".": {}}
    expect(owners(after)).toEqual({ 'kubectl-create': { 'f:data': {} }, 'kubectl-edit': { 'f:data': { 'f:a': {}, 'f:c': {} } } });
  });

  it('leaves managedFields (and times) alone for a write that changes nothing', () => {
    expect(write({ before: created, after: created, manager: 'kubectl-edit', now: T1 })).toEqual(created);
  });

  it('keeps the stored managedFields when the request omits them', () => {
    const after = write({ before: created, after: cm({ a: '1', b: '2', c: '3' }), manager: 'other', now: T1 });
    expect(Object.keys(owners(after))).toEqual(['kubectl-create', 'other']);
  });

  it.each([[[]], [[{}]]])('resets managedFields when the request sends %j', (reset) => {
    const after = write({ before: created, after: cm({ a: '1', b: '3' }, { managedFields: reset }), manager: 'other', now: T1 });
    expect(managedFields(after)).toEqual([]);
  });

  it('lets an update replace managedFields, but not a /status write', () => {
    const edited = [{ manager: 'hand', operation: 'Apply', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:a': {} } } }];
    const replaced = write({ before: created, after: cm({ a: '1', b: '2' }, { managedFields: edited }), now: T1 });
    expect(owners(replaced)).toEqual({ hand: { 'f:data': { 'f:a': {} } } });
    const statusWrite = write({ before: created, after: cm({ a: '1', b: '2' }, { managedFields: edited }), now: T1, subresource: 'status' });
    expect(owners(statusWrite)).toEqual(owners(created));
  });

  it('records subresource writes under their own entry and ignores reset fields', () => {
    const withStatus = { ...created, status: { phase: 'Ready' } };
    const statusWrite = write({ before: created, after: withStatus, manager: 'ctrl', subresource: 'status', now: T1 });
    expect(owners(statusWrite)['ctrl/status']).toEqual({ 'f:status': { '.': {}, 'f:phase': {} } });
    const mainWrite = write({ before: created, after: withStatus, manager: 'ctrl', resetFields: [['status']], now: T1 });
    expect(owners(mainWrite)['ctrl']).toBeUndefined();
  });

  it('names an anonymous writer "unknown"', () => {
    expect(managedFields(write({ after: cm({ a: '1' }), manager: '' }))[0]?.['manager']).toBe('unknown');
  });

  it('keeps at most 10 Update managers, folding the oldest into "ancient-changes"', () => {
    let object = created;
    for (let i = 0; i < 11; i++) {
      object = write({ before: object, after: cm({ ...(object['data'] as JsonObject), [`k${i}`]: 'v' }, { managedFields: managedFields(object) }), manager: `writer-${i}`, now: new Date(T1.getTime() + i * 1000) });
    }
    const names = managedFields(object).map((entry) => entry['manager']);
    expect(names).toHaveLength(10);
    expect(names[0]).toBe('ancient-changes');
    expect(owners(object)['ancient-changes']).toEqual({ 'f:data': { 'f:a': {}, 'f:b': {}, 'f:k0': {}, 'f:k1': {}, '.': {} } });
    expect(managedFields(object)[0]?.['time']).toBe('2024-05-01T11:00:01Z');
  });
});
