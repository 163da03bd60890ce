// Leaving mutating-webhook changes out of a server-side diff: only the fields Argo CD's field manager owns
// in the dry-run result are taken from it (gitops-engine `removeWebhookMutation`).
import type { ManagedFieldsEntry } from '@driftless/api';
import { fieldSetsOf, isLeaf, matchesKey, parseJson } from './managed-fields.js';
import { clone, deepEqual, isObject } from './json-value.js';
import type { JsonObject, JsonValue } from './json-value.js';

/**
 * The live object with the values of every field `manager` owns in `predicted` (by the dry run's
 * `metadata.managedFields`) copied over it, so fields a webhook or another manager set in the dry run keep
 * their live values. A field the manager owns but the prediction lacks keeps its live value, as in
 * gitops-engine's merge. Without any `managedFields` entry of `manager` the prediction is returned as is
 * (gitops-engine fails the diff instead; a dry-run port that drops `managedFields` should not fail every
 * comparison). Neither argument is changed.
 */
export function removeWebhookMutations(predicted: JsonObject, live: JsonObject, manager: string): JsonObject {
  const metadata = predicted['metadata'];
  const managedFields = isObject(metadata) && Array.isArray(metadata['managedFields']) ? metadata['managedFields'] : [];
  // Only `manager` and `fieldsV1` are read, and fieldSetsOf checks the latter's shape.
  const sets = fieldSetsOf(managedFields as unknown as ManagedFieldsEntry[], [manager]);
  if (sets.length === 0) return predicted;
  const result = clone(live);
  for (const fields of sets) copyOwned(result, predicted, fields);
  return result;
}

function copyOwned(target: JsonObject | JsonValue[], source: JsonValue, fields: JsonObject): void {
  for (const [entry, sub] of Object.entries(fields)) {
    if (!isObject(sub)) continue;
    if (entry.startsWith('f:') && isObject(source) && !Array.isArray(target)) copyField(target, source, entry.slice(2), sub);
    else if (entry.startsWith('k:') && Array.isArray(source) && Array.isArray(target)) copyItem(target, source, parseJson(entry.slice(2)), sub);
    else if (entry.startsWith('v:') && Array.isArray(target)) {
      const value = parseJson(entry.slice(2));
      if (value !== undefined && !target.some((item) => deepEqual(item, value))) target.push(value);
    }
  }
}

function copyField(target: JsonObject, source: JsonObject, name: string, sub: JsonObject): void {
  if (!(name in source)) return;
  const value = source[name] ?? null;
  if (isLeaf(sub) || !(isObject(value) || Array.isArray(value))) {
    target[name] = clone(value);
    return;
  }
  const current = target[name];
  const sameShape = Array.isArray(value) ? Array.isArray(current) : isObject(current);
  const container: JsonObject | JsonValue[] = sameShape && current !== undefined && current !== null ? (current as JsonObject | JsonValue[]) : Array.isArray(value) ? [] : {};
  target[name] = container;
  copyOwned(container, value, sub);
}

function copyItem(target: JsonValue[], source: JsonValue[], key: JsonValue | undefined, sub: JsonObject): void {
  if (key === undefined) return;
  const item = source.find((candidate) => matchesKey(candidate, key));
  if (item === undefined) return;
  const index = target.findIndex((candidate) => matchesKey(candidate, key));
  if (isLeaf(sub)) {
    if (index < 0) target.push(clone(item));
    else target[index] = clone(item);
    return;
  }
  // A new item starts from its key fields: they identify it even where the manager owns nothing else.
  const existing = index < 0 ? undefined : target[index];
  const into: JsonObject = isObject(existing) ? existing : isObject(key) ? clone(key) : {};
  if (index < 0) target.push(into);
  copyOwned(into, item, sub);
}
