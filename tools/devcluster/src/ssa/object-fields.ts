// The parts of an object SSA treats specially: server-owned metadata nobody manages (upstream
// stripmeta.go), and metadata.managedFields itself, which is read and written but never merged.
import { cloneJson, isJsonObject } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import { FieldSet } from './field-set.js';
import type { ManagedFieldsEntry } from './managers.js';

/** Paths no manager ever owns: type meta and server-set metadata (upstream stripMetaManager's list). */
export const SERVER_OWNED_FIELDS: FieldSet = FieldSet.ofFieldPaths([
  ['apiVersion'],
  ['kind'],
  ['metadata'],
  ['metadata', 'name'],
  ['metadata', 'namespace'],
  ['metadata', 'creationTimestamp'],
  ['metadata', 'selfLink'],
  ['metadata', 'uid'],
  ['metadata', 'clusterName'],
  ['metadata', 'generation'],
  ['metadata', 'managedFields'],
  ['metadata', 'resourceVersion'],
]);

/** `set` without the server-owned paths (their children, if any, stay: upstream strips exact paths). */
export function stripServerFields(set: FieldSet): FieldSet {
  return set.difference(SERVER_OWNED_FIELDS);
}

/** metadata.managedFields of `object`, undefined when absent. */
export function managedFieldsOf(object: JsonObject | undefined): JsonValue | undefined {
  const metadata = object?.['metadata'];
  return isJsonObject(metadata) ? metadata['managedFields'] : undefined;
}

/** A deep copy of `object` without metadata.managedFields. */
export function withoutManagedFields(object: JsonObject): JsonObject {
  const copy = cloneJson(object);
  const metadata = copy['metadata'];
  if (isJsonObject(metadata)) delete metadata['managedFields'];
  return copy;
}

/** Writes `entries` into metadata.managedFields (mutating `object`); no entries removes the field, as upstream encodes nil. */
export function setManagedFields(object: JsonObject, entries: readonly ManagedFieldsEntry[]): void {
  const metadata = object['metadata'];
  if (entries.length === 0) {
    if (isJsonObject(metadata)) delete metadata['managedFields'];
    return;
  }
  const encoded: JsonValue[] = entries.map((entry) => {
    const out: JsonObject = { manager: entry.manager, operation: entry.operation, apiVersion: entry.apiVersion };
    if (entry.time !== undefined) out['time'] = entry.time;
    out['fieldsType'] = entry.fieldsType;
    out['fieldsV1'] = entry.fieldsV1;
    if (entry.subresource !== undefined) out['subresource'] = entry.subresource;
    return out;
  });
  if (isJsonObject(metadata)) metadata['managedFields'] = encoded;
  else object['metadata'] = { managedFields: encoded };
}

/**
 * Removes object members whose value is null, at any depth (mutating). An applied `field: null` is
 * owned but stored as absent, as decoding into Go types does upstream.
 */
export function dropNullMembers(value: JsonValue): void {
  if (Array.isArray(value)) {
    value.forEach(dropNullMembers);
    return;
  }
  if (!isJsonObject(value)) return;
  for (const key of Object.keys(value)) {
    const member = value[key] as JsonValue;
    if (member === null) delete value[key];
    else dropNullMembers(member);
  }
}
