// The order of a merged list: upstream normalizeElementOrder and the lookups it relies on.
//
// Precedence: `$setElementOrder` (or the patch list) orders the items the patch names; items only
// the server has keep their live order; the two runs are then interleaved by live position.
// Worked examples with live [a b c]. Patch [b d]: patch items [b d], server-only [a c]; a goes
// first (live before b), then b, then d (not live: it wins every comparison), then c → [a b d c].
// Patch [d b]: d is not live so it comes first → [d a b c]. New items land as early as they can.
import { isJsonObject } from '../json.js';
import type { JsonObject, JsonValue } from '../json.js';
import { badRequest } from '../patch-error.js';
import { DIRECTIVE_MARKER } from './directives.js';
import { goEquals, goHashKey, goKind } from './go-values.js';
import type { GoKind } from './go-values.js';

/** Upstream mergepatch.ErrNoMergeKey. */
export function noMergeKey(item: JsonObject, mergeKey: string): Error {
  return badRequest(`map: ${JSON.stringify(item)} does not contain declared merge key: ${mergeKey}`);
}

/** Upstream mergepatch.ErrBadArgType. */
export function badArgType(expected: GoKind, actual: JsonValue | undefined): Error {
  return badRequest(`expected a ${expected}, but received a ${actual === undefined ? 'nil' : goKind(actual)}`);
}

/** The first map in `list` whose `key` equals `value` (Go `==`), with its index; -1 when absent. */
export function findByKey(list: readonly JsonValue[], key: string, value: JsonValue | undefined): number {
  return list.findIndex((item, index) => {
    if (!isJsonObject(item)) throw badRequest(`value for key ${index} is not a map`);
    return Object.hasOwn(item, key) && goEquals(item[key], value);
  });
}

/** Splits a patch list into plain items and `$patch: delete` items (upstream extractToDeleteItems). */
export function splitDeletions(list: readonly JsonValue[]): { keep: JsonValue[]; remove: JsonValue[] } {
  const keep: JsonValue[] = [];
  const remove: JsonValue[] = [];
  for (const item of list) {
    if (!isJsonObject(item)) throw badArgType('map', item);
    if (item[DIRECTIVE_MARKER] === 'delete') remove.push(item);
    else keep.push(item);
  }
  return { keep, remove };
}

/** Items of `list` present in `by` and the rest, both in list order (primitives compare by value). */
export function partitionByPresence(list: readonly JsonValue[], by: readonly JsonValue[], mergeKey: string): { named: JsonValue[]; serverOnly: JsonValue[] } {
  const named: JsonValue[] = [];
  const serverOnly: JsonValue[] = [];
  if (mergeKey === '') {
    const present = new Set(by.map(goHashKey));
    for (const item of list) (present.has(goHashKey(item)) ? named : serverOnly).push(item);
    return { named, serverOnly };
  }
  for (const item of list) {
    if (!isJsonObject(item)) throw badArgType('map', item);
    if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
    (findByKey(by, mergeKey, item[mergeKey]) >= 0 ? named : serverOnly).push(item);
  }
  return { named, serverOnly };
}

/** Position of `item` in `list`, matching maps by merge key and scalars by value (upstream index). */
function indexIn(list: readonly JsonValue[], item: JsonValue, mergeKey: string, kind: GoKind): number {
  const valueOf = (value: JsonValue): JsonValue | undefined => (kind === 'map' ? (isJsonObject(value) ? (value[mergeKey] ?? null) : null) : value);
  const wanted = valueOf(item);
  return list.findIndex((candidate) => goEquals(valueOf(candidate), wanted));
}

function validateMergeKeys(mergeKey: string, ...lists: readonly (readonly JsonValue[])[]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isJsonObject(item)) throw badArgType('map', item);
      if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
    }
  }
}

/**
 * Sorts `items` by their position in `order` (upstream normalizeSliceOrder); `$patch: delete` items
 * go last. Every caller passes items that all occur in `order`; should one not, it keeps its place
 * after the ordered ones instead of Go's comparator-dependent position.
 */
function sortByOrder(items: readonly JsonValue[], order: readonly JsonValue[], mergeKey: string, kind: GoKind): JsonValue[] {
  let toSort: readonly JsonValue[] = items;
  let deletions: JsonValue[] = [];
  if (kind === 'map') {
    validateMergeKeys(mergeKey, items, order);
    const split = splitDeletions(items);
    toSort = split.keep;
    deletions = split.remove;
  }
  const ranked = toSort.map((item) => {
    const rank = indexIn(order, item, mergeKey, kind);
    return { item, rank: rank < 0 ? Number.MAX_SAFE_INTEGER : rank };
  });
  // Array.prototype.sort is stable, as Go's sort.SliceStable.
  ranked.sort((a, b) => a.rank - b.rank);
  return [...ranked.map((entry) => entry.item), ...deletions];
}

/** Upstream mergeSortedSlice: interleaves server-only items into the patch items by live order. */
function interleave(serverOnly: readonly JsonValue[], named: readonly JsonValue[], serverOrder: readonly JsonValue[], mergeKey: string, kind: GoKind): JsonValue[] {
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length && j < named.length) {
    const left = indexIn(serverOrder, serverOnly[i] as JsonValue, mergeKey, kind);
    const right = indexIn(serverOrder, named[j] as JsonValue, mergeKey, kind);
    if (left >= 0 && right >= 0 && left < right) out.push(serverOnly[i++] as JsonValue);
    else out.push(named[j++] as JsonValue);
  }
  return [...out, ...serverOnly.slice(i), ...named.slice(j)];
}

/**
 * Upstream normalizeElementOrder: `named` sorted by `patchOrder`, `serverOnly` by `serverOrder`,
 * then interleaved by `serverOrder` (see the worked example above).
 */
export function normalizeElementOrder(
  named: readonly JsonValue[],
  serverOnly: readonly JsonValue[],
  patchOrder: readonly JsonValue[],
  serverOrder: readonly JsonValue[],
  mergeKey: string,
  kind: GoKind,
): JsonValue[] {
  const sortedNamed = sortByOrder(named, patchOrder, mergeKey, kind);
  const sortedServerOnly = sortByOrder(serverOnly, serverOrder, mergeKey, kind);
  return interleave(sortedServerOnly, sortedNamed, serverOrder, mergeKey, kind);
}
