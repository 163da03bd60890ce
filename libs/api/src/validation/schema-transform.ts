// Rewrites CRD schemas before ajv compiles them: shared sub-schemas (YAML anchors) become `$ref`s so they
// compile once, and strict mode closes objects so undeclared fields are reported.

import type { JsonSchema } from '../types/custom-resource-definition.js';

/**
 * Moves every object-with-properties that occurs more than once (by identity, as YAML aliases produce)
 * into `definitions` and points its uses at it with `$ref`. Validation results are unchanged; ajv
 * compiles each shared schema once instead of once per use (the Application schema repeats its
 * ApplicationSource a dozen times).
 */
export function hoistSharedSchemas(schema: JsonSchema): JsonSchema {
  const seen = new Map<object, number>();
  const count = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (!Array.isArray(node)) {
      const times = (seen.get(node) ?? 0) + 1;
      seen.set(node, times);
      if (times > 1) return;
    }
    for (const child of Object.values(node)) count(child);
  };
  count(schema);
  const ids = new Map<object, string>();
  for (const [node, times] of seen) {
    if (times > 1 && 'properties' in node) ids.set(node, `shared${ids.size}`);
  }
  const rewrite = (node: unknown, isDefinitionRoot = false): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    if (Array.isArray(node)) return node.map((item) => rewrite(item));
    const id = ids.get(node);
    if (id !== undefined && !isDefinitionRoot) return { $ref: `#/definitions/${id}` };
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, rewrite(value)]));
  };
  if (ids.size === 0) return schema;
  const definitions = Object.fromEntries([...ids].map(([node, id]) => [id, rewrite(node, true)]));
  return { ...(rewrite(schema) as JsonSchema), definitions };
}

/**
 * Strict mode: every object schema that declares `properties`, sets no `additionalProperties` and does not
 * preserve unknown fields gets `additionalProperties: false`. Returns a copy.
 */
export function closeObjects(schema: unknown): JsonSchema {
  if (Array.isArray(schema)) return schema.map(closeObjects) as unknown as JsonSchema;
  if (typeof schema !== 'object' || schema === null) return schema as JsonSchema;
  const copy: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    // Under `properties` and `definitions` the keys are names, not keywords: close each value.
    copy[key] = key === 'properties' || key === 'definitions' ? mapValues(value, closeObjects) : closeObjects(value);
  }
  const open = copy['x-kubernetes-preserve-unknown-fields'] === true || 'additionalProperties' in copy;
  if (copy['properties'] !== undefined && !open) copy['additionalProperties'] = false;
  return copy;
}

function mapValues(value: unknown, fn: (v: unknown) => JsonSchema): Record<string, JsonSchema> {
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fn(v)]));
}
