// Canonical JSON: keys sorted at every level, as Go's encoding of unstructured objects produces.
import { isJsonObject } from './json.js';
import type { JsonObject, JsonValue } from './json.js';

/**
 * A copy of `value` with object keys sorted recursively. Stored objects are canonical, so two
 * writes of the same content compare equal byte for byte whatever key order the client sent.
 */
export function canonicalize<T extends JsonValue>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => canonicalize(v)) as T;
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort()) {
    const v = value[key];
    if (v !== undefined) out[key] = canonicalize(v);
  }
  return out as T;
}

/** Canonical JSON text of a value. */
export function canonicalJson(value: JsonValue): string {
  return JSON.stringify(canonicalize(value));
}
