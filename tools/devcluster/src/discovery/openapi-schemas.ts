// Component schemas of the OpenAPI v3 documents: built-ins from the field inventory, CRs from their CRD.
import type { JsonObject } from '../model/json.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import { typeFields } from '../registry/inventory/inventory.js';

const PREFIX = '#/components/schemas/';

function schemaName(d: ResourceDescriptor): string {
  return d.typeName !== undefined ? `devcluster.${d.typeName}` : `${d.group}.${d.version}.${d.kind}`;
}

/** The $ref of a descriptor's kind schema. */
export function schemaRef(d: ResourceDescriptor): JsonObject {
  return { $ref: `${PREFIX}${schemaName(d)}` };
}

function fromCode(code: string, pending: string[]): JsonObject {
  if (code.startsWith('[]')) return { type: 'array', items: fromCode(code.slice(2), pending) };
  if (code.startsWith('{}')) return { type: 'object', additionalProperties: fromCode(code.slice(2), pending) };
  switch (code) {
    case 'string':
      return { type: 'string' };
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'Date':
      return { type: 'string', format: 'date-time' };
    case 'IntOrString':
      return { 'x-kubernetes-int-or-string': true };
    case 'any':
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    default:
      pending.push(code);
      return { allOf: [{ $ref: `${PREFIX}devcluster.${code}` }] };
  }
}

/**
 * Schemas for the kinds of one document. Built-ins carry field names and JSON types only (no
 * descriptions, no patch extensions: kubectl then uses its compiled-in SMP metadata, D7).
 */
export function componentSchemas(descriptors: readonly ResourceDescriptor[]): JsonObject {
  const schemas: JsonObject = {};
  const pending: string[] = [];
  for (const d of descriptors) {
    const gvk = [{ group: d.group, version: d.version, kind: d.kind }];
    if (d.typeName === undefined) {
      schemas[schemaName(d)] = { ...(d.schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }), 'x-kubernetes-group-version-kind': gvk };
      continue;
    }
    pending.push(d.typeName);
    while (pending.length > 0) {
      const name = pending.pop() ?? '';
      if (schemas[`devcluster.${name}`] !== undefined) continue;
      const fields = typeFields(name) ?? {};
      const properties: JsonObject = {};
      for (const [field, code] of Object.entries(fields)) properties[field] = fromCode(code, pending);
      schemas[`devcluster.${name}`] = { type: 'object', properties };
    }
    const root = schemas[schemaName(d)];
    if (typeof root === 'object' && root !== null && !Array.isArray(root)) root['x-kubernetes-group-version-kind'] = gvk;
  }
  return schemas;
}
