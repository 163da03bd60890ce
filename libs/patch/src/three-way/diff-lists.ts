// The list half of strategicpatch's diff (diffLists): merge lists of maps matched by merge key,
// merge lists of scalars as sets, with `$patch: delete` items and `$setElementOrder` as upstream.
import { isJsonObject, jsonEquals } from '../json.js';
import type { JsonObject, JsonValue } from '../json.js';
import { badRequest, invalid } from '../patch-error.js';
import { DIRECTIVE_MARKER } from '../strategic/directives.js';
import type { TypePatchMeta } from '../strategic/patch-meta.js';
import type { DiffOptions } from './diff-options.js';
import { compareGoStrings, deduplicateByText, goPrint, sortScalars } from './go-text.js';

/** The map diff, passed in to recurse into list elements without an import cycle. */
export type DiffMaps = (original: JsonObject, modified: JsonObject, schema: TypePatchMeta | undefined, options: DiffOptions) => JsonObject;

/** What a merge list contributes to the patch: the list, `$deleteFromPrimitiveList`, `$setElementOrder`. */
export interface ListDiff {
  readonly patchList: JsonValue[];
  readonly deleteList: JsonValue[];
  readonly setOrderList: JsonValue[];
}

const EMPTY: ListDiff = { patchList: [], deleteList: [], setOrderList: [] };

/** Upstream diffLists for a list tagged `patchStrategy: merge` (`mergeKey` '' for scalar sets). */
export function diffMergeLists(
  original: readonly JsonValue[],
  modified: readonly JsonValue[],
  schema: TypePatchMeta | undefined,
  mergeKey: string,
  options: DiffOptions,
  diffMaps: DiffMaps,
): ListDiff {
  if (original.length === 0) {
    if (modified.length === 0 || options.ignoreChangesAndAdditions) return EMPTY;
    // No live list to merge with: the whole list goes in, without an order directive.
    return { patchList: [...modified], deleteList: [], setOrderList: [] };
  }
  const kind = elementKind(original, modified);
  if (kind === 'object') {
    const { patch, deletions } = diffListsOfMaps(original, modified, schema, mergeKey, options, diffMaps);
    const patchList = [...sortByModifiedOrder(patch, modified, (item) => mergeKeyValue(item, mergeKey)), ...deletions];
    const orderSame = original.length === modified.length && modified.every((item, i) => sameKey(original[i], item, mergeKey));
    const wantOrder =
      (!options.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) || (!options.ignoreDeletions && patchList.length > 0);
    const setOrderList = wantOrder ? modified.map((item) => ({ [mergeKey]: mergeKeyValue(item, mergeKey) ?? null })) : [];
    return { patchList, deleteList: [], setOrderList };
  }
  const sortedOriginal = sortScalars(original);
  const { additions, deletions } = diffListsOfScalars(sortedOriginal, modified, options);
  const patchList = sortByModifiedOrder(additions, modified, (item) => item);
  // Upstream sorts the original list in place before this comparison, so an unsorted list always
  // differs from itself here: kubectl then sends the order directive although nothing changed.
  const wantOrder = (!options.ignoreDeletions && deletions.length > 0) || (!options.ignoreChangesAndAdditions && !jsonEquals(sortedOriginal, [...modified]));
  return { patchList, deleteList: deletions, setOrderList: wantOrder ? [...modified] : [] };
}

function elementKind(...lists: readonly (readonly JsonValue[])[]): string {
  let kind: string | undefined;
  for (const item of lists.flat()) {
    const itemKind = item === null ? 'null' : Array.isArray(item) ? 'array' : typeof item;
    if (kind === undefined && itemKind === 'array') throw invalid('Lists of lists are not supported');
    if (kind !== undefined && kind !== itemKind) throw badRequest(`list element types are not identical: ${JSON.stringify(lists)}`);
    kind = itemKind;
  }
  return kind ?? 'null';
}

function mergeKeyValue(item: JsonValue | undefined, mergeKey: string): JsonValue | undefined {
  return isJsonObject(item) ? item[mergeKey] : undefined;
}

function sameKey(left: JsonValue | undefined, right: JsonValue | undefined, mergeKey: string): boolean {
  return mergeKeyValue(left, mergeKey) === mergeKeyValue(right, mergeKey);
}

/** Upstream normalizeSliceOrder: patch items in the order of the modified list. */
function sortByModifiedOrder(items: JsonValue[], modified: readonly JsonValue[], keyOf: (item: JsonValue) => JsonValue | undefined): JsonValue[] {
  const position = (item: JsonValue) => modified.findIndex((candidate) => keyOf(candidate) === keyOf(item));
  return [...items].sort((left, right) => position(left) - position(right));
}

function keyText(item: JsonObject, mergeKey: string): string {
  if (!Object.hasOwn(item, mergeKey)) throw badRequest(`map: ${JSON.stringify(item)} does not contain declared merge key: ${mergeKey}`);
  return goPrint(item[mergeKey]);
}

function sortedMaps(list: readonly JsonValue[], mergeKey: string): JsonObject[] {
  const maps = list.map((item) => {
    if (!isJsonObject(item)) throw badRequest(`expected a map, got ${JSON.stringify(item)}`);
    keyText(item, mergeKey);
    return item;
  });
  return maps.sort((left, right) => compareGoStrings(keyText(left, mergeKey), keyText(right, mergeKey)));
}

/** Upstream diffListsOfMaps: both lists sorted by merge key text and walked side by side. */
function diffListsOfMaps(
  original: readonly JsonValue[],
  modified: readonly JsonValue[],
  schema: TypePatchMeta | undefined,
  mergeKey: string,
  options: DiffOptions,
  diffMaps: DiffMaps,
): { patch: JsonValue[]; deletions: JsonValue[] } {
  const left = sortedMaps(original, mergeKey);
  const right = sortedMaps(modified, mergeKey);
  const patch: JsonValue[] = [];
  const deletions: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const o = left[i];
    const m = right[j];
    const order = o !== undefined && m !== undefined ? compareGoStrings(keyText(o, mergeKey), keyText(m, mergeKey)) : o === undefined ? 1 : -1;
    if (o !== undefined && m !== undefined && order === 0) {
      const elementPatch = diffMaps(o, m, schema, options);
      if (Object.keys(elementPatch).length > 0) patch.push({ ...elementPatch, [mergeKey]: m[mergeKey] ?? null });
      i++;
      j++;
    } else if (m !== undefined && order > 0) {
      if (!options.ignoreChangesAndAdditions) patch.push(m);
      j++;
    } else if (o !== undefined) {
      if (!options.ignoreDeletions) deletions.push({ [DIRECTIVE_MARKER]: 'delete', [mergeKey]: o[mergeKey] ?? null });
      i++;
    }
  }
  return { patch, deletions };
}

/** Upstream diffListsOfScalars: both sorted by `%v` text; deletions deduplicated. */
function diffListsOfScalars(sortedOriginal: readonly JsonValue[], modified: readonly JsonValue[], options: DiffOptions): { additions: JsonValue[]; deletions: JsonValue[] } {
  const right = sortScalars(modified);
  const additions: JsonValue[] = [];
  const deletions: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < sortedOriginal.length || j < right.length) {
    const o = i < sortedOriginal.length ? goPrint(sortedOriginal[i]) : undefined;
    const m = j < right.length ? goPrint(right[j]) : undefined;
    if (o !== undefined && m !== undefined && o === m) {
      i++;
      j++;
    } else if (o === undefined || (m !== undefined && compareGoStrings(o, m) > 0)) {
      if (!options.ignoreChangesAndAdditions) additions.push(right[j] ?? null);
      j++;
    } else {
      if (!options.ignoreDeletions) deletions.push(sortedOriginal[i] ?? null);
      i++;
    }
  }
  return { additions, deletions: deduplicateByText(deletions) };
}
