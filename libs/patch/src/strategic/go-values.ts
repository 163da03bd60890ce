// Go's view of decoded JSON, which strategicpatch's decisions depend on: dynamic types and `==`.
import { isJsonObject } from '../json.js';
import type { JsonObject, JsonValue } from '../json.js';
import { badRequest, invalid } from '../patch-error.js';

/**
 * The Go dynamic type of a decoded JSON value. Kubernetes decodes whole numbers as int64 and the
 * rest as float64, so `1` and `1.5` have different types (which matters for list element checks).
 */
export type GoKind = 'map' | 'slice' | 'string' | 'bool' | 'int64' | 'float64' | 'nil';

/** The Go dynamic type `value` would have after Kubernetes' JSON decoding. */
export function goKind(value: JsonValue): GoKind {
  if (value === null) return 'nil';
  if (Array.isArray(value)) return 'slice';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int64' : 'float64';
    default:
      return 'map';
  }
}

/**
 * Go's `==` on two interface values: false for different dynamic types, value equality for
 * scalars. Go panics comparing two maps or two slices (the API server answers 500); we throw.
 */
export function goEquals(left: JsonValue | undefined, right: JsonValue | undefined): boolean {
  const l = left ?? null;
  const r = right ?? null;
  const kind = goKind(l);
  if (kind !== goKind(r)) return false;
  if (kind === 'map' || kind === 'slice') throw badRequest(`comparing uncomparable type ${kind === 'map' ? 'map[string]interface {}' : '[]interface {}'}`);
  return l === r;
}

/** A Go map key for a scalar (hashing a map or slice panics upstream; we throw). */
export function goHashKey(value: JsonValue): string {
  const kind = goKind(value);
  if (kind === 'map' || kind === 'slice') throw badRequest(`hash of unhashable type ${kind === 'map' ? 'map[string]interface {}' : '[]interface {}'}`);
  return `${kind}:${String(value)}`;
}

/**
 * The one element type shared by all the given lists (upstream sliceElementType): throws when
 * types differ, when an element is itself a list, or when all lists are empty.
 */
export function sliceElementKind(...lists: readonly (readonly JsonValue[])[]): GoKind {
  let previous: GoKind | undefined;
  for (const list of lists) {
    for (const item of list) {
      const kind = goKind(item);
      if (previous === undefined) {
        // Kubernetes answers 422 for lists of lists (mergepatch.ErrNoListOfLists).
        if (kind === 'slice') throw invalid('Lists of lists are not supported');
        if (kind === 'nil') throw badRequest('list elements must not be null');
        previous = kind;
      } else if (previous !== kind) {
        throw badRequest(`list element types are not identical: ${JSON.stringify(lists)}`);
      }
    }
  }
  if (previous === undefined) throw badRequest('no elements in any of the given slices');
  return previous;
}

/** The list as objects, or a BadRequest naming the first element that is not one. */
export function asMaps(list: readonly JsonValue[]): JsonObject[] {
  return list.map((item) => {
    if (!isJsonObject(item)) throw badRequest(`expected a map[string]interface {}, but received a ${goKind(item)}: ${JSON.stringify(item)}`);
    return item;
  });
}

/** Removes scalar duplicates, keeping first occurrences (order is re-established by the caller). */
export function deduplicateScalars(list: readonly JsonValue[]): JsonValue[] {
  const seen = new Set<string>();
  const out: JsonValue[] = [];
  for (const item of list) {
    const key = goHashKey(item);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}

/**
 * The live list as upstream's `$setElementOrder` code sees it after merging. Upstream deletes
 * (`append(s[:i], s[i+1:]...)`) and appends in place, and orders by the original slice header, so
 * it sees deleted slots refilled by shifted or newly appended elements. kubectl shows the effect:
 * live ports [80 9090 443], patch deleting 9090 and adding 8443 with `$setElementOrder` [8443]
 * gives [80 443 8443], where the same patch without the directive gives [8443 80 443].
 */
export class AliasedSlice {
  private readonly slots: JsonValue[];
  private length: number;

  constructor(items: readonly JsonValue[]) {
    this.slots = [...items];
    this.length = items.length;
  }

  /** Go's in-place delete at `index`: later elements shift left, the last slot keeps its value. */
  deleteAt(index: number): void {
    this.slots.copyWithin(index, index + 1, this.length);
    this.length--;
  }

  /** Go's append: writes into a freed slot while capacity lasts, else reallocates out of view. */
  append(item: JsonValue): void {
    if (this.length < this.slots.length) this.slots[this.length] = item;
    this.length++;
  }

  /** The original slice header's view: as many slots as the list had. */
  view(): readonly JsonValue[] {
    return this.slots;
  }
}
