// Removing the fields a field manager owns, read from server-side apply's `managedFields` (`fieldsV1`).

import type { ManagedFieldsEntry } from '@driftless/api';
import { deepEqual, isObject } from './json-value.js';
import type { JsonObject, JsonValue } from './json-value.js';

/** The `fieldsV1` sets of every entry whose manager is one of `managers`. */
export function fieldSetsOf(managedFields: readonly ManagedFieldsEntry[] | undefined, managers: readonly string[]): JsonObject[] {
  return (managedFields ?? [])
    .filter((entry) => entry.manager !== undefined && managers.includes(entry.manager))
    .map((entry) => entry.fieldsV1)
    .filter((fields): fields is JsonObject => isObject(fields));
}

/**
 * Deletes from `obj`, in place, every field a `fieldsV1` set owns. `f:<name>` names a map field, `k:<json>`
 * a list item by its key fields, `v:<json>` a list item by value; a field with no children but `.`, and a
 * list item with `.`, are owned whole. Example: `{"f:spec": {"f:replicas": {}}}` deletes `spec.replicas`. Paths absent from `obj`
 * are skipped; malformed keys are ignored.
 */
export function removeOwnedFields(obj: JsonValue, fields: JsonObject): void {
  for (const [entry, sub] of Object.entries(fields)) {
    if (!isObject(sub)) continue;
    if (entry.startsWith('f:') && isObject(obj)) removeField(obj, entry.slice(2), sub);
    else if (entry.startsWith('k:') && Array.isArray(obj)) removeItems(obj, parseJson(entry.slice(2)), sub, 'key');
    else if (entry.startsWith('v:') && Array.isArray(obj)) removeItems(obj, parseJson(entry.slice(2)), sub, 'value');
  }
}

function removeField(obj: JsonObject, name: string, sub: JsonObject): void {
  if (!(name in obj)) return;
  if (isLeaf(sub)) delete obj[name];
  else removeOwnedFields(obj[name] ?? null, sub);
}

function removeItems(list: JsonValue[], id: JsonValue | undefined, sub: JsonObject, by: 'key' | 'value'): void {
  if (id === undefined) return;
  for (let i = list.length - 1; i >= 0; i--) {
    const item = list[i] ?? null;
    if (by === 'value' ? !deepEqual(item, id) : !matchesKey(item, id)) continue;
    // `.` on an item means the manager created it: the whole item is theirs.
    if (by === 'value' || '.' in sub || isLeaf(sub)) list.splice(i, 1);
    // The key fields identify the item; keep them so both sides still line up.
    else removeOwnedFields(item, withoutKeyFields(sub, id));
  }
}

/** Whether a list item carries every key field of a `k:<json>` entry with equal values. */
export function matchesKey(item: JsonValue, key: JsonValue): boolean {
  return isObject(item) && isObject(key) && Object.entries(key).every(([field, value]) => deepEqual(item[field], value));
}

function withoutKeyFields(sub: JsonObject, key: JsonValue): JsonObject {
  const result = { ...sub };
  if (isObject(key)) for (const field of Object.keys(key)) delete result[`f:${field}`];
  return result;
}

/** Whether a `fieldsV1` node owns its field whole: it has no children but `.`. */
export function isLeaf(sub: JsonObject): boolean {
  return Object.keys(sub).every((key) => key === '.');
}

/** The JSON after `k:`/`v:` in a `fieldsV1` key; `undefined` when malformed. */
export function parseJson(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}
