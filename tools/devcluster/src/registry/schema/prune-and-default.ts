// Structural-schema handling of custom resources: drop undeclared fields and apply defaults (apiextensions).
import { cloneJson, isJsonObject } from '../../model/json.js';
import type { JsonObject, JsonValue } from '../../model/json.js';

const ALWAYS_KEPT_AT_ROOT = new Set(['apiVersion', 'kind', 'metadata']);

/** The result of pruning: the paths removed (reported under fieldValidation=Strict/Warn). */
export interface PruneResult {
  readonly unknownPaths: string[];
}

function schemaAt(schema: JsonObject, key: string): JsonObject | undefined {
  const value = schema[key];
  return isJsonObject(value) ? value : undefined;
}

function preserves(schema: JsonObject): boolean {
  return schema['x-kubernetes-preserve-unknown-fields'] === true;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/**
 * Applies `default`s of absent properties, then removes fields the schema does not declare
 * (unless x-kubernetes-preserve-unknown-fields), in place, recursively; apiVersion, kind and
 * metadata are always kept at the root and in x-kubernetes-embedded-resource objects.
 */
export function pruneAndDefault(schema: JsonObject, obj: JsonObject): PruneResult {
  const unknownPaths: string[] = [];
  visit(schema, obj, '', true, unknownPaths);
  return { unknownPaths };
}

function visit(schema: JsonObject, value: JsonValue, path: string, root: boolean, unknown: string[]): void {
  if (Array.isArray(value)) {
    const items = schemaAt(schema, 'items');
    if (items !== undefined) value.forEach((item, i) => visit(items, item, `${path}[${i}]`, false, unknown));
    return;
  }
  if (!isJsonObject(value)) return;
  const properties = schemaAt(schema, 'properties');
  const additional = schema['additionalProperties'];
  const embedded = root || schema['x-kubernetes-embedded-resource'] === true;
  if (properties !== undefined) {
    for (const [key, propSchema] of Object.entries(properties)) {
      if (isJsonObject(propSchema) && propSchema['default'] !== undefined && value[key] === undefined) value[key] = cloneJson(propSchema['default']);
    }
  }
  for (const key of Object.keys(value)) {
    const child = value[key] as JsonValue;
    if (embedded && ALWAYS_KEPT_AT_ROOT.has(key)) continue;
    const propSchema = properties === undefined ? undefined : properties[key];
    if (isJsonObject(propSchema)) visit(propSchema, child, join(path, key), false, unknown);
    else if (isJsonObject(additional)) visit(additional, child, join(path, key), false, unknown);
    else if (additional === true || preserves(schema)) continue;
    else {
      delete value[key];
      unknown.push(join(path, key));
    }
  }
}
