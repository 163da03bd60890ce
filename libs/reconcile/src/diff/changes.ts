// Describing how two JSON objects differ: the paths that changed and an RFC 7386 merge patch.

import { joinPath } from '@driftless/api';
import { clone, deepEqual, isObject } from './json-value.js';
import type { JsonObject, JsonValue } from './json-value.js';

/**
 * Every path where `from` and `to` differ, in dotted form (`spec.replicas`, `data.password`,
 * `spec.template.spec.containers[0].image`), sorted. Maps are compared key by key, lists of equal length
 * item by item; anything else that differs is reported at its own path.
 */
export function changedPaths(from: JsonValue | undefined, to: JsonValue | undefined): string[] {
  const paths: string[] = [];
  walk(from, to, [], paths);
  return paths.sort();
}

function walk(from: JsonValue | undefined, to: JsonValue | undefined, path: (string | number)[], out: string[]): void {
  if (deepEqual(from, to)) return;
  if (isObject(from) && isObject(to)) {
    for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) walk(from[key], to[key], [...path, key], out);
    return;
  }
  if (Array.isArray(from) && Array.isArray(to) && from.length === to.length) {
    from.forEach((item, i) => walk(item, to[i], [...path, i], out));
    return;
  }
  out.push(joinPath(path));
}

/**
 * The RFC 7386 merge patch that turns `from` into `to`: changed keys with their new value, removed keys
 * as `null`, lists whole. Example: `{a: 1, b: 2}` → `{a: 1, c: 3}` gives `{b: null, c: 3}`.
 */
export function mergePatch(from: JsonObject, to: JsonObject): JsonObject {
  const patch: JsonObject = {};
  for (const key of Object.keys(from)) if (!(key in to)) patch[key] = null;
  for (const [key, value] of Object.entries(to)) {
    const old = from[key];
    if (deepEqual(old, value)) continue;
    patch[key] = isObject(old) && isObject(value) ? mergePatch(old, value) : clone(value);
  }
  return patch;
}
