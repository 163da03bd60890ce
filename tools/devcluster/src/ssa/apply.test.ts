// serverSideApply beyond the fixture scenarios: request validation, reset fields, time stamps,
// repeated applies and the errors upstream answers for lists it cannot key.
import { describe, expect, it } from '@jest/globals';
import type { JsonObject } from '../model/json.js';
import { builtinSchema, crdSchema, serverSideApply, SsaError } from './index.js';
import type { ServerSideApplyArgs } from './index.js';

const deployments = builtinSchema({ group: 'apps', version: 'v1', kind: 'Deployment' });
const deployment = (spec: JsonObject, extra: JsonObject = {}): JsonObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec, ...extra });
const apply = (args: Partial<ServerSideApplyArgs> & { applied: JsonObject }): ReturnType<typeof serverSideApply> =>
  serverSideApply({ live: undefined, manager: 'kubectl', force: false, apiVersion: 'apps/v1', schema: deployments, now: new Date('2024-05-01T10:00:00Z'), ...args });
const ok = (result: ReturnType<typeof serverSideApply>): JsonObject => {
  if (!result.ok) throw new Error('unexpected conflicts');
  return result.object;
};
const entries = (object: JsonObject): JsonObject[] => (object['metadata'] as JsonObject)['managedFields'] as JsonObject[];

describe('serverSideApply', () => {
  it.each([
    ['a body carrying managedFields', deployment({}, { metadata: { name: 'web', managedFields: [] } }), 'BadRequest', 'metadata.managedFields must be nil'],
    ['a body of another version', { ...deployment({}), apiVersion: 'apps/v1beta1' }, 'BadRequest', 'Incorrect version specified in apply patch. Specified patch version: apps/v1beta1, expected: apps/v1'],
    [
      'a list naming an item twice',
      deployment({ template: { spec: { containers: [{ name: 'a' }, { name: 'a' }] } } }),
      'InternalError',
      '.spec.template.spec.containers: duplicate entries for key [name="a"]',
    ],
    [
      'an item without its key',
      deployment({ template: { spec: { containers: [{ image: 'x' }] } } }),
      'InternalError',
      '.spec.template.spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
    ],
  ])('rejects %s', (_name, applied, reason, message) => {
    let thrown: unknown;
    try {
      apply({ applied });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(SsaError);
    expect(thrown).toMatchObject({ reason, message });
  });

  it('stamps the applier entry with the current time, to the second, on every apply', () => {
    const first = ok(apply({ applied: deployment({ replicas: 1 }), now: new Date('2024-05-01T10:00:00.999Z') }));
    const again = ok(apply({ live: first, applied: deployment({ replicas: 1 }), now: new Date('2024-05-01T10:05:00Z') }));
    expect(entries(first)[0]?.['time']).toBe('2024-05-01T10:00:00Z');
    expect(entries(again)[0]?.['time']).toBe('2024-05-01T10:05:00Z');
    // apart from the time stamp a repeated apply changes nothing: the server can detect the no-op
    expect({ ...again, metadata: {} }).toEqual({ ...first, metadata: {} });
  });

  it('ignores reset fields: status applied to the main endpoint is neither owned nor conflicting', () => {
    const live = ok(apply({ applied: deployment({ replicas: 1 }, { status: { replicas: 1 } }), manager: 'ctrl', resetFields: [['status']] }));
    expect(entries(live)[0]?.['fieldsV1']).toEqual({ 'f:spec': { 'f:replicas': {} } });
  });

  it('leaves the inputs untouched', () => {
    const applied = deployment({ replicas: 1, template: { spec: { containers: [{ name: 'a', image: 'x' }] } } });
    const snapshot = JSON.stringify(applied);
    const live = ok(apply({ applied }));
    const liveSnapshot = JSON.stringify(live);
    ok(apply({ live, applied: deployment({ replicas: 2 }) }));
    expect(JSON.stringify(applied)).toBe(snapshot);
    expect(JSON.stringify(live)).toBe(liveSnapshot);
  });

  it('owns an atomic map of a custom resource as one field (the documentation CR)', () => {
    const schema = crdSchema({ type: 'object', properties: { spec: { type: 'object', properties: { data: { type: 'object', 'x-kubernetes-map-type': 'atomic', additionalProperties: { type: 'string' } } } } } });
    const applied = { apiVersion: 'example.com/v1', kind: 'Foo', metadata: { name: 'foo-sample' }, spec: { data: { key1: 'val1', key2: 'val2' } } };
    const created = ok(apply({ applied, manager: 'manager-one', apiVersion: 'example.com/v1', schema }));
    expect(entries(created)[0]?.['fieldsV1']).toEqual({ 'f:spec': { 'f:data': {} } });
    const other = apply({ live: created, applied: { ...applied, spec: { data: { key1: 'val1' } } }, manager: 'manager-two', apiVersion: 'example.com/v1', schema });
    expect(other).toEqual({ ok: false, conflicts: [{ manager: 'manager-one', operation: 'Apply', apiVersion: 'example.com/v1', field: '.spec.data' }] });
  });
});
