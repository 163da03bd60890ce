// Which fields changed between two versions of an object (upstream TypedValue.Compare).
//
// Worked example, old {data: {a: 1, b: 2}} and new {data: {a: 3, c: 4}}: modified .data.a,
// added .data.c, removed .data.b. Modified holds leaves only; added and removed also hold the
// objects and list items that appeared or vanished.
import { isJsonObject } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import { FieldSet } from './field-set.js';
import { mergeObjects } from './merge-walk.js';
import type { SchemaLookup } from './schema.js';

/** The differences between an old and a new object. */
export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

/** Compares `before` with `after`; list items of either side may repeat (they compare as new). */
export function compareObjects(before: JsonObject, after: JsonObject, schema: SchemaLookup): Comparison {
  const added = new FieldSet();
  const modified = new FieldSet();
  const removed = new FieldSet();
  mergeObjects(before, after, {
    schema,
    hooks: {
      leaf: (path, left, right) => {
        if (left === undefined) added.insert(path);
        else if (right === undefined) removed.insert(path);
        else if (!jsonEquals(left, right)) modified.insert(path);
      },
      node: (path, left, right) => {
        if (left === undefined) added.insert(path);
        else if (right === undefined) removed.insert(path);
      },
    },
  });
  return { added, modified, removed };
}

/** `comparison` without `ignored` paths and everything below them (upstream Comparison.ExcludeFields). */
export function excludeFields(comparison: Comparison, ignored: FieldSet): Comparison {
  return {
    added: comparison.added.recursiveDifference(ignored),
    modified: comparison.modified.recursiveDifference(ignored),
    removed: comparison.removed.recursiveDifference(ignored),
  };
}

/** Deep equality of JSON values (key order ignored), as upstream value.Equals. */
export function jsonEquals(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEquals(item, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && jsonEquals(a[key], b[key]));
  }
  return false;
}
