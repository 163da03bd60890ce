// Merge patches that replace rather than merge: a JSON merge patch merges nested objects, so a field
// the previous value had and the new one lacks must be removed explicitly (`null`).
import { createThreeWayJsonMergePatch } from '@driftless/patch';
import type { JsonObject } from '@driftless/patch';

/** The merge patch that turns `previous` into exactly `next` (all of `next` when there is no previous). */
export function replacingPatch(previous: object | undefined, next: object): JsonObject {
  const target = toJson(next);
  if (previous === undefined) return target;
  const current = toJson(previous);
  return createThreeWayJsonMergePatch(current, target, current);
}

function toJson(value: object): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}
