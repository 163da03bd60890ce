// Builds, from a kind's patch metadata, an object and a patch that exercise every tagged field,
// so the metadata table can be checked against kubectl field by field.
import type { JsonObject, JsonValue } from '../json.js';
import type { TypePatchMeta } from '../strategic/patch-meta.js';

/** An object and a patch touching every tagged field of a type. */
export interface SchemaProbe {
  readonly original: JsonObject;
  readonly patch: JsonObject;
}

// Merge keys whose Go type is an integer: kubectl would compare "1" and 1 as different keys anyway,
// but realistic values keep the probe honest.
const NUMERIC_KEYS = new Set(['containerPort', 'port']);

function keyValue(mergeKey: string, index: number): JsonValue {
  return NUMERIC_KEYS.has(mergeKey) ? 1000 + index : `${mergeKey}-${index}`;
}

/**
 * For each field of `schema`: merge lists get two live elements (the first carrying the nested
 * probe) and a patch changing the first and adding a third; scalar sets get `[a b]` patched with
 * `[c a]`; replaced maps get two keys patched with a third; structs recurse.
 */
export function buildSchemaProbe(schema: TypePatchMeta): SchemaProbe {
  const original: JsonObject = {};
  const patch: JsonObject = {};
  for (const [field, meta] of Object.entries(schema)) {
    const nested = meta.schema === undefined ? { original: {}, patch: {} } : buildSchemaProbe(meta.schema);
    if (meta.strategy === 'merge' && meta.mergeKey !== undefined) {
      const key = meta.mergeKey;
      original[field] = [
        { [key]: keyValue(key, 1), live: 'kept', ...nested.original },
        { [key]: keyValue(key, 2), live: 'kept' },
      ];
      patch[field] = [
        { [key]: keyValue(key, 3), added: 'new' },
        { [key]: keyValue(key, 1), changed: 'patched', ...nested.patch },
      ];
    } else if (meta.strategy === 'merge') {
      original[field] = [`${field}-a`, `${field}-b`];
      patch[field] = [`${field}-c`, `${field}-a`];
    } else if (meta.strategy === 'replace') {
      original[field] = { a: '1', b: '2' };
      patch[field] = { c: '3' };
    } else {
      original[field] = nested.original;
      patch[field] = nested.patch;
    }
  }
  return { original, patch };
}
