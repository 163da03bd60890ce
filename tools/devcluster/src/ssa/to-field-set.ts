// The fields an object specifies (upstream TypedValue.ToFieldSet): what an applier comes to own.
//
// Worked example, containers a map list by name and labels a map:
//   {metadata: {labels: {app: x}}, spec: {containers: [{name: app, image: nginx}]}}
// gives .metadata.labels.app, .spec.containers[name="app"], .spec.containers[name="app"].image and
// .spec.containers[name="app"].name — leaves and list items; plain struct fields such as .spec are
// not members themselves.
import { isJsonObject } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import { FieldSet } from './field-set.js';
import { childPath } from './path-element.js';
import type { Path } from './path-element.js';
import { duplicateKey, itemElement, shapeOf } from './schema.js';
import type { SchemaLookup } from './schema.js';

/**
 * The set of leaf, atomic and list-item paths `object` specifies. Empty objects, empty merged
 * lists and nulls contribute nothing (as upstream for struct-, map- and list-typed fields).
 * Throws SsaError when a list item cannot be named (missing key field) or a keyed list holds the
 * same key twice.
 */
export function fieldSetOf(object: JsonObject, schema: SchemaLookup): FieldSet {
  return collectFieldSet(object, schema, true);
}

/** fieldSetOf, optionally tolerating repeated list items as upstream does for stored objects. */
export function collectFieldSet(object: JsonObject, schema: SchemaLookup, rejectDuplicates: boolean): FieldSet {
  const set = new FieldSet();
  collect(object, [], [], schema, set, rejectDuplicates);
  return set;
}

function collect(value: JsonValue, path: Path, names: readonly string[], schema: SchemaLookup, set: FieldSet, rejectDuplicates: boolean): void {
  // upstream owns a null only for scalar-typed fields; without types, owning none is the safe side:
  // a templated `annotations: null` must not make the applier prune the whole map later
  if (value === null) return;
  const semantics = names.length === 0 ? undefined : schema(names);
  const shape = shapeOf(semantics, [value], false);
  if (shape.kind === 'leaf') {
    set.insert(path);
    return;
  }
  if (shape.kind === 'object' && isJsonObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      const keyPath = childPath(path, key);
      collect(child, keyPath, [...names, key], schema, set, rejectDuplicates);
      if (shape.keysAreData) set.insert(keyPath);
    }
    return;
  }
  if (shape.kind === 'list' && Array.isArray(value)) {
    const seen = new FieldSet();
    value.forEach((item, index) => {
      const element = itemElement(item, index, shape.semantics, path);
      if (rejectDuplicates && seen.has([element])) throw duplicateKey(path, element);
      seen.insert([element]);
      const itemPath = [...path, element];
      collect(item, itemPath, names, schema, set, rejectDuplicates);
      set.insert(itemPath);
    });
  }
}

