// The few structural helpers the diff needs over @driftless/api's JSON types: clone, equality, pruning.

import { isJsonObject } from '@driftless/api';
import type { JsonObject, JsonValue } from '@driftless/api';

export type { JsonObject, JsonValue };

/** Whether `value` is a JSON object (not an array, not null). */
export const isObject: (value: unknown) => value is JsonObject = isJsonObject;

/** A deep copy; `undefined` members are dropped as JSON would drop them. */
export function clone<T extends JsonValue>(value: T): T {
  return structuredClone(value);
}

/** Structural equality; object key order does not matter, array order does. */
export function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => key in b && deepEqual(a[key], b[key]));
}

/** Deletes `obj[key]` and then removes `obj[parentKey]` from `parent` if that left it empty. */
export function deleteAndPrune(parent: JsonObject, parentKey: string, key: string): void {
  const obj = parent[parentKey];
  if (!isObject(obj)) return;
  delete obj[key];
  if (Object.keys(obj).length === 0) delete parent[parentKey];
}
