// Deletes the fields of a set from an object (upstream TypedValue.RemoveItems), used when pruning.
//
// Worked example: removing {.data.b, .spec.containers[name="side"]} from
// {data: {a: 1, b: 2}, spec: {containers: [{name: app}, {name: side}]}} leaves
// {data: {a: 1}, spec: {containers: [{name: app}]}}. Objects and lists emptied this way are
// dropped rather than kept as null (what decoding into Go types does to upstream's nulls).
import { isJsonObject } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import type { FieldSet } from './field-set.js';
import { fieldElement } from './path-element.js';
import type { Path } from './path-element.js';
import { itemElement, shapeOf } from './schema.js';
import type { SchemaLookup } from './schema.js';

/** A copy of `object` without the members of `toRemove` (and everything below them). */
export function removeFields(object: JsonObject, toRemove: FieldSet, schema: SchemaLookup): JsonObject {
  const out = remove(object, toRemove, [], [], schema);
  return isJsonObject(out) ? out : {};
}

function remove(value: JsonValue, toRemove: FieldSet, path: Path, names: readonly string[], schema: SchemaLookup): JsonValue | undefined {
  const shape = shapeOf(names.length === 0 ? undefined : schema(names), [value], false);
  if (shape.kind === 'object' && isJsonObject(value)) {
    const out: JsonObject = {};
    for (const [key, child] of Object.entries(value)) {
      const element = fieldElement(key);
      if (toRemove.has([element])) continue;
      const below = toRemove.withPrefix(element);
      const kept = below.isEmpty() ? child : remove(child, below, [...path, element], [...names, key], schema);
      if (kept !== undefined) out[key] = kept;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  if (shape.kind === 'list' && Array.isArray(value)) {
    const out: JsonValue[] = [];
    value.forEach((item, index) => {
      const element = itemElement(item, index, shape.semantics, path);
      if (toRemove.has([element])) return;
      const below = toRemove.withPrefix(element);
      const kept = below.isEmpty() ? item : remove(item, below, [...path, element], names, schema);
      if (kept !== undefined) out.push(kept);
    });
    return out.length === 0 ? undefined : out;
  }
  return value;
}
