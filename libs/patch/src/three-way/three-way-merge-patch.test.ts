// Table tests of kubectl apply's three-way patches on plain data; the kubectl referee for the same
// behaviour runs against a dev cluster in libs/kube (three-way-patch.oracle.test.ts).
import { describe, expect, it } from '@jest/globals';
import type { JsonObject } from '../json.js';
import { patchMetaForKind } from '../strategic/schemas/kinds.js';
import { applyStrategicMergePatch } from '../strategic-merge-patch.js';
import { createThreeWayJsonMergePatch } from './three-way-json-merge-patch.js';
import { createThreeWayMergePatch } from './three-way-merge-patch.js';

const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };
const META = patchMetaForKind(DEPLOYMENT) ?? {};

function deployment(containers: JsonObject[], extra: JsonObject = {}): JsonObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: { containers } } }, ...extra };
}

const cases: { name: string; original: JsonObject | undefined; modified: JsonObject; current: JsonObject; patch: JsonObject }[] = [
  {
    name: 'nothing changed → empty patch; server fields are not deleted',
    original: deployment([{ name: 'a', image: 'x' }]),
    modified: deployment([{ name: 'a', image: 'x' }]),
    current: { ...deployment([{ name: 'a', image: 'x', imagePullPolicy: 'Always' }]), status: { replicas: 1 } },
    patch: {},
  },
  {
    name: 'a field removed from the config is deleted with null',
    original: { ...deployment([{ name: 'a', image: 'x' }]), metadata: { name: 'web', labels: { a: '1', b: '2' } } },
    modified: { ...deployment([{ name: 'a', image: 'x' }]), metadata: { name: 'web', labels: { a: '1' } } },
    current: { ...deployment([{ name: 'a', image: 'x' }]), metadata: { name: 'web', labels: { a: '1', b: '2', c: 'other' } } },
    patch: { metadata: { labels: { b: null } } },
  },
  {
    name: 'container removed by name: $patch delete plus the element order',
    original: deployment([{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }]),
    modified: deployment([{ name: 'a', image: 'x' }]),
    current: deployment([{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }]),
    patch: { spec: { template: { spec: { containers: [{ $patch: 'delete', name: 'b' }], '$setElementOrder/containers': [{ name: 'a' }] } } } },
  },
  {
    name: 'container added and image changed: items by name, order directive from the config',
    original: deployment([{ name: 'a', image: 'x' }]),
    modified: deployment([{ name: 'c', image: 'z' }, { name: 'a', image: 'x2' }]),
    current: deployment([{ name: 'a', image: 'x', imagePullPolicy: 'Always' }]),
    patch: { spec: { template: { spec: { containers: [{ name: 'c', image: 'z' }, { name: 'a', image: 'x2' }], '$setElementOrder/containers': [{ name: 'c' }, { name: 'a' }] } } } },
  },
  {
    name: 'env var removed inside a container',
    original: deployment([{ name: 'a', env: [{ name: 'E1', value: '1' }, { name: 'E2', value: '2' }] }]),
    modified: deployment([{ name: 'a', env: [{ name: 'E1', value: '1' }] }]),
    current: deployment([{ name: 'a', env: [{ name: 'E1', value: '1' }, { name: 'E2', value: '2' }] }]),
    patch: {
      spec: {
        template: {
          spec: {
            containers: [{ name: 'a', env: [{ $patch: 'delete', name: 'E2' }], '$setElementOrder/env': [{ name: 'E1' }] }],
            '$setElementOrder/containers': [{ name: 'a' }],
          },
        },
      },
    },
  },
  {
    name: 'finalizers (scalar set): deletion list and order',
    original: { ...deployment([]), metadata: { name: 'web', finalizers: ['a/x', 'b/y'] } },
    modified: { ...deployment([]), metadata: { name: 'web', finalizers: ['a/x'] } },
    current: { ...deployment([]), metadata: { name: 'web', finalizers: ['a/x', 'b/y', 'c/z'] } },
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['b/y'], '$setElementOrder/finalizers': ['a/x'] } },
  },
  {
    name: 'an atomic list (args) is replaced whole',
    original: deployment([{ name: 'a', args: ['1', '2'] }]),
    modified: deployment([{ name: 'a', args: ['1'] }]),
    current: deployment([{ name: 'a', args: ['1', '2'] }]),
    patch: { spec: { template: { spec: { containers: [{ name: 'a', args: ['1'] }], '$setElementOrder/containers': [{ name: 'a' }] } } } },
  },
  {
    name: 'retainKeys: strategy type changed clears the defaulted rollingUpdate',
    original: { ...deployment([]), spec: { strategy: { type: 'RollingUpdate' } } },
    modified: { ...deployment([]), spec: { strategy: { type: 'Recreate' } } },
    current: { ...deployment([]), spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } } } },
    patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
  },
  {
    name: 'no original (no annotation): nothing is deleted',
    original: undefined,
    modified: { ...deployment([]), metadata: { name: 'web', labels: { a: '1' } } },
    current: { ...deployment([]), metadata: { name: 'web', labels: { b: '2' } } },
    patch: { metadata: { labels: { a: '1' } } },
  },
];

describe('createThreeWayMergePatch', () => {
  it.each(cases)('$name', ({ name, original, modified, current, patch }) => {
    const expected = JSON.parse(JSON.stringify(patch)) as JsonObject;
    const snapshot = JSON.stringify([original, modified, current]);
    const result = createThreeWayMergePatch(original, modified, current, META);
    expect(result).toEqual(expected);
    expect(JSON.stringify([original, modified, current])).toBe(snapshot);
    // Applying it yields the config on top of the live object.
    const applied = applyStrategicMergePatch(current, result, DEPLOYMENT);
    // Another actor's finalizer stays: only what the config dropped is deleted.
    if (name.startsWith('finalizers')) expect(applied['metadata']).toEqual({ name: 'web', finalizers: ['a/x', 'c/z'] });
    else expect(applied).toMatchObject(modified);
  });

  it('unsorted finalizers always carry an order directive (upstream sorts the live list in place)', () => {
    const config = { ...deployment([]), metadata: { name: 'web', finalizers: ['b/y', 'a/x'] } };
    expect(createThreeWayMergePatch(config, config, config, META)).toEqual({ metadata: { '$setElementOrder/finalizers': ['b/y', 'a/x'] } });
  });

  it('refuses a merge-list item without its merge key', () => {
    expect(() => createThreeWayMergePatch(undefined, deployment([{ image: 'x' }]), deployment([{ name: 'a' }]), META)).toThrow('does not contain declared merge key: name');
  });
});

describe('createThreeWayJsonMergePatch', () => {
  const cr = (spec: JsonObject, metadata: JsonObject = { name: 'w' }): JsonObject => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata, spec });

  it.each([
    { name: 'unchanged', original: cr({ size: 1 }), modified: cr({ size: 1 }), current: cr({ size: 1, other: 'x' }), patch: {} },
    { name: 'field removed from the config', original: cr({ size: 1, color: 'red' }), modified: cr({ size: 1 }), current: cr({ size: 1, color: 'red', other: 'x' }), patch: { spec: { color: null } } },
    { name: 'lists replaced whole', original: cr({ items: [1, 2] }), modified: cr({ items: [1] }), current: cr({ items: [1, 2] }), patch: { spec: { items: [1] } } },
    { name: 'changed and added', original: cr({ size: 1 }), modified: cr({ size: 2, color: 'b' }), current: cr({ size: 1 }), patch: { spec: { size: 2, color: 'b' } } },
    { name: 'an explicitly empty map is sent', original: undefined, modified: cr({ size: 1, opts: {} }), current: cr({ size: 1 }), patch: { spec: { opts: {} } } },
    { name: 'no original: no deletions', original: undefined, modified: cr({}), current: cr({ size: 1 }), patch: {} },
  ] as { name: string; original: JsonObject | undefined; modified: JsonObject; current: JsonObject; patch: JsonObject }[])('$name', ({ original, modified, current, patch }) => {
    expect(createThreeWayJsonMergePatch(original, modified, current)).toEqual(patch);
  });
});
