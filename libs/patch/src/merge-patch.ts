// RFC 7386 JSON Merge Patch (application/merge-patch+json) as kube-apiserver's evanphx/json-patch does it.
import { cloneJson, isJsonObject } from './json.js';
import type { JsonObject, JsonValue } from './json.js';
import { badRequest } from './patch-error.js';

/**
 * Applies a JSON merge patch to a copy of `target`; neither argument is mutated and the result
 * shares no objects with them.
 *
 * `null` deletes a key, objects merge recursively, everything else (arrays included) replaces.
 * Values that land where the target had nothing, or had a non-object, lose their `null` members
 * (inside arrays too, as upstream prunes them), so no `null` is stored by accident.
 * A patch that is not an object throws PatchError `BadRequest` (upstream ErrBadJSONPatch → 400).
 */
export function applyMergePatch(target: JsonObject, patch: JsonValue): JsonObject {
  if (!isJsonObject(patch)) throw badRequest('Invalid JSON Patch');
  const result = cloneJson(target);
  mergeObjects(result, cloneJson(patch));
  return result;
}

function mergeObjects(doc: JsonObject, patch: JsonObject): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete doc[key];
      continue;
    }
    const current = doc[key];
    if (current === undefined || current === null || !isJsonObject(current)) {
      doc[key] = pruneNulls(value);
    } else if (isJsonObject(value)) {
      mergeObjects(current, value);
    } else {
      // Upstream returns a non-object patch value over an object unpruned.
      doc[key] = value;
    }
  }
}

/** Drops `null` members of objects at any depth; `null` array elements stay (upstream pruneAryNulls). */
function pruneNulls(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map((item) => (item === null ? item : pruneNulls(item)));
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    if (member !== null) out[key] = pruneNulls(member);
  }
  return out;
}
