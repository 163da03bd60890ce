// Typed reads of free-form JSON: controllers read what users wrote, so any field may be missing or of
// the wrong type. These helpers answer `undefined` instead of throwing.
import { isJsonObject } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/json.js';

/** The value at `path` below `value`, or undefined when any step is missing or not an object. */
export function valueAt(value: JsonValue | undefined, ...path: string[]): JsonValue | undefined {
  let current: JsonValue | undefined = value;
  for (const key of path) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** The object at `path`, or undefined. */
export function objectAt(value: JsonValue | undefined, ...path: string[]): JsonObject | undefined {
  const found = valueAt(value, ...path);
  return isJsonObject(found) ? found : undefined;
}

/** The string at `path`, or undefined. */
export function stringAt(value: JsonValue | undefined, ...path: string[]): string | undefined {
  const found = valueAt(value, ...path);
  return typeof found === 'string' ? found : undefined;
}

/** The finite number at `path`, or undefined. */
export function numberAt(value: JsonValue | undefined, ...path: string[]): number | undefined {
  const found = valueAt(value, ...path);
  return typeof found === 'number' && Number.isFinite(found) ? found : undefined;
}

/** The boolean at `path`, or undefined. */
export function booleanAt(value: JsonValue | undefined, ...path: string[]): boolean | undefined {
  const found = valueAt(value, ...path);
  return typeof found === 'boolean' ? found : undefined;
}

/** The objects in the array at `path` (non-objects skipped); empty when absent. */
export function objectsAt(value: JsonValue | undefined, ...path: string[]): JsonObject[] {
  const found = valueAt(value, ...path);
  return Array.isArray(found) ? found.filter(isJsonObject) : [];
}

/** The string values of the map at `path` (non-strings skipped); empty when absent. */
export function stringMapAt(value: JsonValue | undefined, ...path: string[]): Record<string, string> {
  const found = objectAt(value, ...path);
  const result: Record<string, string> = {};
  if (found === undefined) return result;
  for (const [key, entry] of Object.entries(found)) {
    if (typeof entry === 'string') result[key] = entry;
  }
  return result;
}

/**
 * A copy of `object` without the listed keys whose value is 0, '' or false: Go's `omitempty`, so the
 * status the simulation writes looks like what kube-controller-manager writes.
 */
export function omitEmpty(object: JsonObject, keys: readonly string[]): JsonObject {
  const result: JsonObject = {};
  for (const [key, entry] of Object.entries(object)) {
    if (keys.includes(key) && (entry === 0 || entry === '' || entry === false)) continue;
    result[key] = entry;
  }
  return result;
}
