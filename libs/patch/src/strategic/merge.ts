// The strategic merge itself: a port of the apply half of apimachinery's strategicpatch (mergeMap,
// mergeSlice, $setElementOrder), with server-side options (parallel lists merged, unmatched nulls dropped).
import { isJsonObject } from '../json.js';
import type { JsonObject, JsonValue } from '../json.js';
import { badRequest } from '../patch-error.js';
import {
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  DIRECTIVE_MARKER,
  discardNullValues,
  hasDirectiveMarker,
  removeDirectives,
  RETAIN_KEYS_DIRECTIVE,
  SET_ELEMENT_ORDER_PREFIX,
} from './directives.js';
import { badArgType, findByKey, noMergeKey, normalizeElementOrder, partitionByPresence, splitDeletions } from './element-order.js';
import { AliasedSlice, asMaps, deduplicateScalars, goEquals, goHashKey, sliceElementKind } from './go-values.js';
import { lookupField } from './patch-meta.js';
import type { FieldPatchMeta, TypePatchMeta } from './patch-meta.js';

/**
 * Merges `patch` into `original` as kube-apiserver does for application/strategic-merge-patch+json
 * and returns the merged map. Both arguments are consumed (mutated, parts reused): pass copies.
 * Leftover directives in copied subtrees are the caller's to strip. Throws PatchError.
 */
export function mergeMap(original: JsonObject, patch: JsonObject, schema: TypePatchMeta | undefined): JsonObject {
  if (Object.hasOwn(patch, DIRECTIVE_MARKER)) return mapDirective(patch);
  applyRetainKeys(original, patch);
  mergeOrderedLists(original, patch, schema);

  for (const patchKey of Object.keys(patch)) {
    const patchValue = patch[patchKey] as JsonValue;
    const isDeleteList = patchKey.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX);
    const key = isDeleteList ? extractKey(patchKey, DELETE_FROM_PRIMITIVE_LIST_PREFIX) : patchKey;
    // null deletes the field; for a deletion list it deletes the whole list (upstream does the same).
    if (patchValue === null) {
      delete original[key];
      continue;
    }
    const current = Object.hasOwn(original, key) ? (original[key] as JsonValue) : undefined;
    if (current === undefined || !sameShape(current, patchValue)) {
      // A deletion list for a list the object does not have has nothing to delete.
      if (!isDeleteList) setCopied(original, key, patchValue);
      continue;
    }
    const meta = lookupField(schema, key);
    if (isJsonObject(current) && isJsonObject(patchValue)) {
      original[key] = meta.strategy === 'replace' ? patchValue : mergeMap(current, patchValue, meta.schema);
    } else if (Array.isArray(current) && Array.isArray(patchValue)) {
      original[key] = mergeListField(current, patchValue, meta, isDeleteList);
    } else {
      original[key] = patchValue;
    }
  }
  return original;
}

/** `$patch` on a map: replace → the patch itself, delete → an empty map, anything else fails. */
function mapDirective(patch: JsonObject): JsonObject {
  const directive = patch[DIRECTIVE_MARKER];
  if (directive === 'replace') {
    delete patch[DIRECTIVE_MARKER];
    return patch;
  }
  if (directive === 'delete') return {};
  throw badRequest(`unknown patch type: ${JSON.stringify(directive)} in map: ${JSON.stringify(patch)}`);
}

/** Same Go dynamic type (upstream compares reflect types: map, slice, string, int64, ...). */
function sameShape(left: JsonValue, right: JsonValue): boolean {
  if (Array.isArray(left) || Array.isArray(right)) return Array.isArray(left) && Array.isArray(right);
  if (isJsonObject(left) || isJsonObject(right)) return isJsonObject(left) && isJsonObject(right);
  if (typeof left === 'number' && typeof right === 'number') return Number.isInteger(left) === Number.isInteger(right);
  return typeof left === typeof right;
}

/** A value the original did not have (or had with another type) is taken from the patch, cleaned. */
function setCopied(original: JsonObject, key: string, value: JsonValue): void {
  discardNullValues(value);
  const cleaned = removeDirectives(value);
  if (cleaned === undefined) delete original[key];
  else original[key] = cleaned;
}

function extractKey(directiveKey: string, prefix: string): string {
  const slash = directiveKey.indexOf('/');
  if (slash < 0 || directiveKey.slice(0, slash) !== prefix) {
    throw badRequest(prefix === SET_ELEMENT_ORDER_PREFIX ? 'invalid patch format of setElementOrder list' : 'invalid patch format of primitive list');
  }
  return directiveKey.slice(slash + 1);
}

/**
 * `$retainKeys`: every non-null field the patch sets must be listed, and fields of the original
 * that are not listed are cleared (Deployment strategy RollingUpdate → Recreate, volume sources).
 */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const retain = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (!Array.isArray(retain)) throw badRequest('invalid patch format of retainKeys');
  const keep = new Set(retain.filter((key): key is string => typeof key === 'string'));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) || key.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    if (!keep.has(key)) throw badRequest('invalid patch format of retainKeys');
  }
  for (const key of Object.keys(original)) {
    if (!keep.has(key)) delete original[key];
  }
}

/**
 * `$setElementOrder/<field>`: merges the field's patch list (if any) and orders the result — items
 * named by the directive in its order, server-only items interleaved by their live position.
 * Consumes both the directive and the field's patch list.
 */
function mergeOrderedLists(original: JsonObject, patch: JsonObject, schema: TypePatchMeta | undefined): void {
  for (const directiveKey of Object.keys(patch)) {
    if (!directiveKey.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    const order = patch[directiveKey];
    delete patch[directiveKey];
    if (!Array.isArray(order)) throw badArgType('slice', order);
    const field = extractKey(directiveKey, SET_ELEMENT_ORDER_PREFIX);
    const foundOriginal = Object.hasOwn(original, field);
    const foundPatch = Object.hasOwn(patch, field);
    const originalList = original[field];
    const patchList = patch[field];
    if (foundOriginal && !Array.isArray(originalList)) throw badArgType('slice', originalList);
    if (foundPatch && !Array.isArray(patchList)) throw badArgType('slice', patchList);
    const originalItems = Array.isArray(originalList) ? originalList : [];
    const patchItems = Array.isArray(patchList) ? patchList : [];
    const meta = lookupField(schema, field);
    const mergeKey = meta.mergeKey ?? '';
    validateAgainstOrder(patchItems, order, mergeKey);

    const liveView = new AliasedSlice(originalItems);
    let merged: JsonValue[];
    if (foundOriginal && foundPatch) merged = mergeListField(originalItems, patchItems, meta, false, liveView);
    else if (foundOriginal) merged = originalItems;
    else if (foundPatch) merged = removeDirectives(patchItems) as JsonValue[];
    else continue;

    const { named, serverOnly } = partitionByPresence(merged, order, mergeKey);
    const kind = sliceElementKind(originalItems, patchItems);
    original[field] = normalizeElementOrder(named, serverOnly, order, liveView.view(), mergeKey, kind);
    delete patch[field];
  }
}

/** Every plain item of the patch list must appear in the order list, in the same relative order. */
function validateAgainstOrder(patchItems: readonly JsonValue[], order: readonly JsonValue[], mergeKey: string): void {
  if (order.length === 0 || patchItems.length === 0) return;
  const plain = mergeKey === '' ? patchItems : splitDeletions(patchItems).keep;
  let p = 0;
  let o = 0;
  while (p < plain.length && o < order.length) {
    const item = plain[p] as JsonValue;
    if (hasDirectiveMarker(item)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(item, order[o] as JsonValue, mergeKey)) p++;
    o++;
  }
  if (p < plain.length && o >= order.length) {
    throw badRequest(`the order in patch list:\n${JSON.stringify(patchItems)}\n doesn't match ${SET_ELEMENT_ORDER_PREFIX} list:\n${JSON.stringify(order)}`);
  }
}

function mergeKeyValueEqual(left: JsonValue, right: JsonValue, mergeKey: string): boolean {
  if (mergeKey === '') return goEquals(left, right);
  if (!isJsonObject(left)) throw badArgType('map', left);
  if (!isJsonObject(right)) throw badArgType('map', right);
  if (!Object.hasOwn(left, mergeKey)) throw noMergeKey(left, mergeKey);
  if (!Object.hasOwn(right, mergeKey)) throw noMergeKey(right, mergeKey);
  return goEquals(left[mergeKey], right[mergeKey]);
}

/**
 * A list field: merged when tagged `merge` (or for deletion lists), otherwise replaced by the patch.
 * `liveView`, when given, follows the in-place deletes and appends upstream makes to the live list.
 */
function mergeListField(original: JsonValue[], patch: JsonValue[], meta: FieldPatchMeta, isDeleteList: boolean, liveView?: AliasedSlice): JsonValue[] {
  if (meta.strategy !== 'merge' && !isDeleteList) return patch;
  return mergeList(original, patch, meta.schema, meta.mergeKey ?? '', isDeleteList, liveView);
}

/** Upstream mergeSlice: scalar lists are unioned (or reduced by a deletion list), maps merge by key. */
function mergeList(original: JsonValue[], patch: JsonValue[], schema: TypePatchMeta | undefined, mergeKey: string, isDeleteList: boolean, liveView?: AliasedSlice): JsonValue[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let live = original;
  let plainPatch = patch;
  let merged: JsonValue[];
  if (kind !== 'map') {
    if (isDeleteList) {
      const remove = new Set(patch.map(goHashKey));
      return original.filter((item) => !remove.has(goHashKey(item)));
    }
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') throw badRequest('cannot merge lists without merge key');
    ({ live, plainPatch } = applySpecialElements(asMaps(original), asMaps(patch), mergeKey, liveView));
    merged = mergeElements(live, plainPatch, mergeKey, schema, liveView);
  }
  const { named, serverOnly } = partitionByPresence(merged, plainPatch, mergeKey);
  return normalizeElementOrder(named, serverOnly, plainPatch, live, mergeKey, kind);
}

/**
 * Elements carrying `$patch`: `delete` removes the live elements with that key, `replace` makes
 * the patch's other elements the whole list, `merge` is refused as upstream refuses it.
 */
function applySpecialElements(
  original: JsonObject[],
  patch: JsonObject[],
  mergeKey: string,
  liveView: AliasedSlice | undefined,
): { live: JsonValue[]; plainPatch: JsonValue[] } {
  const live: JsonValue[] = [...original];
  const plainPatch: JsonValue[] = [];
  let replace = false;
  for (const item of patch) {
    if (!Object.hasOwn(item, DIRECTIVE_MARKER)) {
      plainPatch.push(item);
      continue;
    }
    const directive = item[DIRECTIVE_MARKER];
    if (directive === 'delete') {
      if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
      const value = item[mergeKey];
      for (let index = findByKey(live, mergeKey, value); index >= 0; index = findByKey(live, mergeKey, value)) {
        live.splice(index, 1);
        liveView?.deleteAt(index);
      }
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw badRequest('merging lists cannot yet be specified in the patch');
    } else {
      throw badRequest(`unknown patch type: ${JSON.stringify(directive)} in map: ${JSON.stringify(item)}`);
    }
  }
  // After a replace nothing is left to merge or append: the plain elements are the list.
  return replace ? { live: plainPatch, plainPatch: [] } : { live, plainPatch };
}

/** Patch elements merge into the live element with the same key, or are appended (also to `liveView`). */
function mergeElements(live: JsonValue[], patch: JsonValue[], mergeKey: string, schema: TypePatchMeta | undefined, liveView: AliasedSlice | undefined): JsonValue[] {
  const merged = [...live];
  for (const item of patch) {
    const element = item as JsonObject;
    if (!Object.hasOwn(element, mergeKey)) throw noMergeKey(element, mergeKey);
    const index = findByKey(merged, mergeKey, element[mergeKey]);
    if (index >= 0) merged[index] = mergeMap(merged[index] as JsonObject, element, schema);
    else {
      merged.push(element);
      liveView?.append(element);
    }
  }
  return merged;
}
