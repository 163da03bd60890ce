// The map half of strategicpatch's diff (diffMaps): one pass of a two-way diff under DiffOptions,
// the building block of the three-way patch.
import { isJsonObject, jsonEquals, jsonType } from '../json.js';
import type { JsonObject, JsonValue } from '../json.js';
import { badRequest } from '../patch-error.js';
import { DELETE_FROM_PRIMITIVE_LIST_PREFIX, DIRECTIVE_MARKER, RETAIN_KEYS_DIRECTIVE, SET_ELEMENT_ORDER_PREFIX } from '../strategic/directives.js';
import { lookupField } from '../strategic/patch-meta.js';
import type { TypePatchMeta } from '../strategic/patch-meta.js';
import { diffMergeLists } from './diff-lists.js';
import type { DiffOptions } from './diff-options.js';
import { sortScalars } from './go-text.js';

/**
 * Upstream diffMaps: the strategic patch turning `original` into `modified` for the fields of
 * `schema`, restricted by `options`. Returns a new map; the arguments are not mutated, but the
 * patch may share subtrees with `modified`.
 */
export function diffMaps(original: JsonObject, modified: JsonObject, schema: TypePatchMeta | undefined, options: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeys: string[] = [];
  for (const [key, modifiedValue] of Object.entries(modified)) {
    if (options.buildRetainKeysDirective && modifiedValue !== null) retainKeys.push(key);
    if (!Object.hasOwn(original, key)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    const originalValue = original[key] ?? null;
    if (key === DIRECTIVE_MARKER) {
      if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string') throw badRequest(`invalid value for special key: ${DIRECTIVE_MARKER}`);
      if (originalValue !== modifiedValue) patch[key] = modifiedValue;
      continue;
    }
    if (jsonType(originalValue) !== jsonType(modifiedValue)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    if (isJsonObject(originalValue) && isJsonObject(modifiedValue)) {
      diffMapField(key, originalValue, modifiedValue, patch, schema, options);
    } else if (Array.isArray(originalValue) && Array.isArray(modifiedValue)) {
      diffListField(key, originalValue, modifiedValue, patch, schema, options);
    } else if (!options.ignoreChangesAndAdditions && !jsonEquals(originalValue, modifiedValue)) {
      patch[key] = modifiedValue;
    }
  }
  if (!options.ignoreDeletions) {
    // Fields the modified map no longer has are deleted with null.
    for (const key of Object.keys(original)) if (!Object.hasOwn(modified, key)) patch[key] = null;
  }
  // $retainKeys goes out when something changed or when fields beyond the retained ones must go.
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalField(original, modified))) {
    patch[RETAIN_KEYS_DIRECTIVE] = sortScalars(retainKeys);
  }
  return patch;
}

function hasAdditionalField(original: JsonObject, modified: JsonObject): boolean {
  return Object.entries(original).some(([key, value]) => value !== null && !Object.hasOwn(modified, key));
}

function diffMapField(key: string, original: JsonObject, modified: JsonObject, patch: JsonObject, schema: TypePatchMeta | undefined, options: DiffOptions): void {
  const meta = lookupField(schema, key);
  if (meta.strategy === 'replace') {
    if (!options.ignoreChangesAndAdditions) patch[key] = modified;
    return;
  }
  const value = diffMaps(original, modified, meta.schema, { ...options, buildRetainKeysDirective: meta.retainKeys === true });
  if (Object.keys(value).length > 0) patch[key] = value;
}

function diffListField(
  key: string,
  original: JsonValue[],
  modified: JsonValue[],
  patch: JsonObject,
  schema: TypePatchMeta | undefined,
  options: DiffOptions,
): void {
  const meta = lookupField(schema, key);
  if (meta.strategy !== 'merge') {
    // Atomic lists are replaced whole when they differ at all.
    if (!options.ignoreChangesAndAdditions && !jsonEquals(original, modified)) patch[key] = modified;
    return;
  }
  const elementOptions = { ...options, buildRetainKeysDirective: meta.retainKeys === true };
  const diff = diffMergeLists(original, modified, meta.schema, meta.mergeKey ?? '', elementOptions, diffMaps);
  if (diff.patchList.length > 0) patch[key] = diff.patchList;
  if (diff.deleteList.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST_PREFIX}/${key}`] = diff.deleteList;
  if (diff.setOrderList.length > 0) patch[`${SET_ELEMENT_ORDER_PREFIX}/${key}`] = diff.setOrderList;
}
