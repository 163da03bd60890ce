// Typed access to the metadata fields the server reads, over free-form JSON objects.
import { isJsonObject } from './json.js';
import type { JsonObject, JsonValue } from './json.js';

/** The metadata object of `obj`, created empty if absent or malformed. */
export function metaOf(obj: JsonObject): JsonObject {
  const current = obj['metadata'];
  if (isJsonObject(current)) return current;
  const created: JsonObject = {};
  obj['metadata'] = created;
  return created;
}

/** A string metadata field, or undefined when missing or not a string. */
export function metaString(obj: JsonObject, field: string): string | undefined {
  const value = isJsonObject(obj['metadata']) ? obj['metadata'][field] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** A string map in metadata (labels, annotations); non-string values are skipped. */
export function metaStringMap(obj: JsonObject, field: 'labels' | 'annotations'): Record<string, string> {
  const value = isJsonObject(obj['metadata']) ? obj['metadata'][field] : undefined;
  const out: Record<string, string> = {};
  if (!isJsonObject(value)) return out;
  for (const [key, v] of Object.entries(value)) if (typeof v === 'string') out[key] = v;
  return out;
}

/** metadata.finalizers as strings (empty when absent). */
export function finalizersOf(obj: JsonObject): string[] {
  const value = isJsonObject(obj['metadata']) ? obj['metadata']['finalizers'] : undefined;
  return Array.isArray(value) ? value.filter((f): f is string => typeof f === 'string') : [];
}

/** An owner reference as read from metadata.ownerReferences. */
export interface OwnerRefView {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly controller: boolean;
  readonly blockOwnerDeletion: boolean;
}

/** metadata.ownerReferences, skipping malformed entries. */
export function ownerRefsOf(obj: JsonObject): OwnerRefView[] {
  const value = isJsonObject(obj['metadata']) ? obj['metadata']['ownerReferences'] : undefined;
  if (!Array.isArray(value)) return [];
  const out: OwnerRefView[] = [];
  for (const ref of value) {
    if (!isJsonObject(ref)) continue;
    const { apiVersion, kind, name, uid } = ref;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof name !== 'string' || typeof uid !== 'string') continue;
    out.push({ apiVersion, kind, name, uid, controller: ref['controller'] === true, blockOwnerDeletion: ref['blockOwnerDeletion'] === true });
  }
  return out;
}

/** Reads a dotted path ('spec.nodeName') from an object; undefined when any step is missing. */
export function readPath(obj: JsonValue | undefined, path: readonly string[]): JsonValue | undefined {
  let cur: JsonValue | undefined = obj;
  for (const step of path) {
    if (!isJsonObject(cur)) return undefined;
    cur = cur[step];
  }
  return cur;
}

/** Splits an apiVersion into group and version ('apps/v1' → apps, v1; 'v1' → '', v1). */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const at = apiVersion.indexOf('/');
  return at < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, at), version: apiVersion.slice(at + 1) };
}
