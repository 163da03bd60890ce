// kubectl apply's patch for kinds without patch metadata (custom resources): apimachinery
// jsonmergepatch.CreateThreeWayJSONMergePatch, i.e. RFC 7386 patches with lists replaced whole.
import { cloneJson, isJsonObject, jsonEquals, jsonType } from '../json.js';
import type { JsonObject } from '../json.js';

/**
 * The JSON merge patch that takes `current` to `modified`, deleting (with `null`) only the fields
 * `original` (the previous config; `undefined` when there is none) had and `modified` dropped.
 * Changes and additions come from current → modified, so fields other actors set survive; lists
 * are atomic and replaced whole when they differ. An explicitly empty map in `modified` that
 * `current` lacks is sent as `{}`. `{}` means nothing to do. Pure; the result shares nothing with
 * the arguments.
 */
export function createThreeWayJsonMergePatch(original: JsonObject | undefined, modified: JsonObject, current: JsonObject): JsonObject {
  const additions = keepValues(mergePatchDiff(current, modified));
  const deletions = keepNulls(mergePatchDiff(original ?? {}, modified));
  return cloneJson(mergePatches(deletions, additions));
}

/** evanphx/json-patch CreateMergePatch on two objects. */
function mergePatchDiff(from: JsonObject, to: JsonObject): JsonObject {
  const patch: JsonObject = {};
  for (const [key, value] of Object.entries(to)) {
    const old = Object.hasOwn(from, key) ? from[key] : undefined;
    if (old === undefined || jsonType(old) !== jsonType(value)) {
      patch[key] = value;
    } else if (isJsonObject(old) && isJsonObject(value)) {
      const nested = mergePatchDiff(old, value);
      if (Object.keys(nested).length > 0) patch[key] = nested;
    } else if (!jsonEquals(old, value)) {
      patch[key] = value;
    }
  }
  for (const key of Object.keys(from)) if (!Object.hasOwn(to, key)) patch[key] = null;
  return patch;
}

/** Upstream keepOrDeleteNullInObj(keepNull=false): everything but the nulls; empty maps are values. */
function keepValues(patch: JsonObject): JsonObject {
  const kept: JsonObject = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) continue;
    if (isJsonObject(value) && Object.keys(value).length > 0) {
      const nested = keepValues(value);
      if (Object.keys(nested).length > 0) kept[key] = nested;
    } else {
      kept[key] = value;
    }
  }
  return kept;
}

/** Upstream keepOrDeleteNullInObj(keepNull=true): only the nulls, with the maps leading to them. */
function keepNulls(patch: JsonObject): JsonObject {
  const kept: JsonObject = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) kept[key] = null;
    else if (isJsonObject(value) && Object.keys(value).length > 0) {
      const nested = keepNulls(value);
      if (Object.keys(nested).length > 0) kept[key] = nested;
    }
  }
  return kept;
}

/** Deep merge of two patches touching disjoint leaves; `additions` wins elsewhere. */
function mergePatches(deletions: JsonObject, additions: JsonObject): JsonObject {
  const merged: JsonObject = { ...deletions };
  for (const [key, value] of Object.entries(additions)) {
    const existing = merged[key];
    merged[key] = isJsonObject(existing) && isJsonObject(value) ? mergePatches(existing, value) : value;
  }
  return merged;
}
