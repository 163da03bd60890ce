// List and map semantics of custom resources, read from x-kubernetes-* markers of the CRD schema.
import { describe, expect, it } from '@jest/globals';
import { crdSchema } from './crd-schema.js';
import type { FieldSemantics } from './schema.js';

const schema = crdSchema({
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        hosts: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
        args: { type: 'array', items: { type: 'string' } },
        ports: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['port', 'protocol'],
          items: { type: 'object', properties: { port: { type: 'integer' }, protocol: { type: 'string', default: 'TCP' }, tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' } } },
        },
        selector: { type: 'object', 'x-kubernetes-map-type': 'atomic', properties: { app: { type: 'string' } } },
        values: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        env: { type: 'object', additionalProperties: { type: 'object', properties: { items: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } } } } },
      },
    },
  },
});

describe('crdSchema', () => {
  it.each<[string, string, FieldSemantics]>([
    ['x-kubernetes-list-type: set', 'spec.hosts', 'set'],
    ['lists without a list type are atomic', 'spec.args', undefined],
    ['list-map keys with the defaults of key fields', 'spec.ports', { mapKeys: ['port', 'protocol'], keyDefaults: { protocol: 'TCP' } }],
    ['list items are transparent in paths', 'spec.ports.tags', 'set'],
    ['x-kubernetes-map-type: atomic', 'spec.selector', 'atomic'],
    ['preserve-unknown-fields objects are maps', 'spec.values', 'map'],
    ['and so is everything below them', 'spec.values.nested.deeper', 'map'],
    ['additionalProperties objects are maps', 'spec.env', 'map'],
    ['their values follow the additionalProperties schema', 'spec.env.anyKey.items', 'set'],
    ['plain objects are structs', 'spec', undefined],
    ['metadata follows ObjectMeta', 'metadata.finalizers', 'set'],
  ])('%s', (_name, path, expected) => {
    expect(schema(path.split('.'))).toEqual(expected);
  });
});
