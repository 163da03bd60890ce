import { describe, expect, it } from '@jest/globals';
import type { JsonObject } from '../../model/json.js';
import { pruneAndDefault } from './prune-and-default.js';
import { validateAgainstSchema } from './validate-schema.js';

const schema: JsonObject = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      properties: {
        size: { type: 'integer', default: 1 },
        color: { type: 'string', enum: ['red', 'blue'] },
        extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
        port: { 'x-kubernetes-int-or-string': true },
      },
      required: ['color'],
    },
  },
};

describe('structural schema', () => {
  it('prunes undeclared fields, keeps preserved ones, applies defaults', () => {
    const obj: JsonObject = { apiVersion: 'example.com/v1', kind: 'W', metadata: { name: 'w' }, spec: { color: 'red', junk: 1, extra: { any: { thing: true } }, items: [{ name: 'a', bad: 2 }] }, top: 'x' };
    const result = pruneAndDefault(schema, obj);
    expect(result.unknownPaths).toEqual(['spec.junk', 'spec.items[0].bad', 'top']);
    expect(obj).toEqual({ apiVersion: 'example.com/v1', kind: 'W', metadata: { name: 'w' }, spec: { size: 1, color: 'red', extra: { any: { thing: true } }, items: [{ name: 'a' }] } });
  });

  it('reports type, enum and required errors with field paths', () => {
    const errors = validateAgainstSchema(schema, { spec: { size: 'big', color: 'green', port: 'http' } });
    expect(errors.map((e) => `${e.field}:${e.type}`).sort()).toEqual(['spec.color:FieldValueNotSupported', 'spec.size:FieldValueInvalid']);
    expect(errors.find((e) => e.field === 'spec.size')?.detail).toBe('spec.size in body must be of type integer: "string"');
    expect(validateAgainstSchema(schema, { spec: {} }).map((e) => e.field)).toEqual(['spec.color']);
  });
});
