// The strategic-merge-patch directive keys, and the clean-ups upstream applies to values it copies.
import { isJsonObject } from '../json.js';
import type { JsonObject, JsonValue } from '../json.js';

/** `$patch: replace | delete | merge` on a map or a list element. */
export const DIRECTIVE_MARKER = '$patch';
/** `$retainKeys: [...]`: keys of the map to keep, all others are cleared. */
export const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
/** `$setElementOrder/<field>: [...]`: the order the merged list must have. */
export const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder';
/** `$deleteFromPrimitiveList/<field>: [...]`: scalars to remove from a merged primitive list. */
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList';

/** True when `key` names a directive rather than a field. */
export function isDirectiveKey(key: string): boolean {
  return (
    key === DIRECTIVE_MARKER ||
    key === RETAIN_KEYS_DIRECTIVE ||
    key.startsWith(`${SET_ELEMENT_ORDER_PREFIX}/`) ||
    key.startsWith(`${DELETE_FROM_PRIMITIVE_LIST_PREFIX}/`)
  );
}

/** True for a map carrying `$patch`. */
export function hasDirectiveMarker(value: JsonValue | undefined): boolean {
  return isJsonObject(value) && DIRECTIVE_MARKER in value;
}

/**
 * Upstream removeDirectives: drops every map (at any depth, list elements included) that carries
 * `$patch`; `undefined` means the value itself is such a map and the field must go. Mutates.
 */
export function removeDirectives(value: JsonValue): JsonValue | undefined {
  if (Array.isArray(value)) {
    const kept: JsonValue[] = [];
    for (const item of value) {
      const cleaned = removeDirectives(item);
      if (cleaned !== undefined) kept.push(cleaned);
    }
    return kept;
  }
  if (!isJsonObject(value)) return value;
  if (DIRECTIVE_MARKER in value) return undefined;
  for (const key of Object.keys(value)) {
    const cleaned = removeDirectives(value[key] as JsonValue);
    if (cleaned === undefined) delete value[key];
    else value[key] = cleaned;
  }
  return value;
}

/** Upstream discardNullValuesFromPatch: deletes `null` map members at any depth. Mutates. */
export function discardNullValues(value: JsonValue): void {
  if (Array.isArray(value)) {
    value.forEach(discardNullValues);
  } else if (isJsonObject(value)) {
    for (const key of Object.keys(value)) {
      const member = value[key] as JsonValue;
      if (member === null) delete value[key];
      else discardNullValues(member);
    }
  }
}

/**
 * Our last step, beyond upstream: what strategicpatch copies verbatim (new list elements,
 * `$patch: replace` bodies, replaced lists) can still hold directives and `null`s. The API server
 * never stores them (decoding into typed objects drops both), so neither do we: `$patch` maps go,
 * other directive keys and `null` members are removed. Returns a new value.
 */
export function stripLeftovers(value: JsonValue): JsonValue | undefined {
  if (Array.isArray(value)) {
    const kept: JsonValue[] = [];
    for (const item of value) {
      const cleaned = stripLeftovers(item);
      if (cleaned !== undefined) kept.push(cleaned);
    }
    return kept;
  }
  if (!isJsonObject(value)) return value;
  if (DIRECTIVE_MARKER in value) return undefined;
  const out: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === null || isDirectiveKey(key)) continue;
    const cleaned = stripLeftovers(member);
    if (cleaned !== undefined) out[key] = cleaned;
  }
  return out;
}
