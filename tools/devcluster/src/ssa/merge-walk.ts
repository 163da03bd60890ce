// Walks two versions of an object side by side (upstream typed mergingWalker): merging an applied
// config into the live object, and comparing old and new objects, are both this one walk.
import { isJsonObject } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import { pairListItems } from './list-order.js';
import type { NamedItems } from './list-order.js';
import type { Path, PathElement } from './path-element.js';
import { childPath, serializeElement } from './path-element.js';
import { duplicateKey, itemElement, shapeOf } from './schema.js';
import type { ListMergeSemantics, SchemaLookup } from './schema.js';

/** Observers of a walk; `left`/`right` are undefined where that side lacks the node. */
export interface WalkHooks {
  /** Every leaf: a scalar, an atomic field, a node empty on both sides, or one whose kind changed. */
  readonly leaf?: (path: Path, left: JsonValue | undefined, right: JsonValue | undefined) => void;
  /** Every object, merged list and list item, after its children were walked. */
  readonly node?: (path: Path, left: JsonValue | undefined, right: JsonValue | undefined) => void;
}

/** Options of a walk. */
export interface WalkOptions {
  readonly schema: SchemaLookup;
  readonly hooks?: WalkHooks;
  /**
   * Reject a right side naming one list item twice (SsaError), as upstream does for applied configs.
   * @defaultValue false — duplicates merge as new items, as upstream tolerates in stored objects.
   */
  readonly strictRight?: boolean;
}

/**
 * Merges `right` into `left`: the right side wins at every leaf, objects merge key by key (left's
 * key order first), sets and associative lists merge item by item (see list-order.ts), atomic
 * fields are replaced whole. Returns the merged object; neither input is mutated, though unchanged
 * subtrees may be shared with them (clone before mutating).
 */
export function mergeObjects(left: JsonObject, right: JsonObject, options: WalkOptions): JsonObject {
  const merged = walk(left, right, [], [], options);
  return isJsonObject(merged) ? merged : {};
}

function walk(left: JsonValue | undefined, right: JsonValue | undefined, path: Path, names: readonly string[], options: WalkOptions): JsonValue | undefined {
  const semantics = names.length === 0 ? undefined : options.schema(names);
  const shape = shapeOf(semantics, [left, right]);
  if (shape.kind === 'leaf') {
    options.hooks?.leaf?.(path, left, right);
    return right !== undefined ? right : left;
  }
  const out = shape.kind === 'object' ? walkObject(asObject(left), asObject(right), path, names, options) : walkList(asList(left), asList(right), shape.semantics, path, names, options);
  options.hooks?.node?.(path, left, right);
  return out;
}

function walkObject(left: JsonObject | undefined, right: JsonObject | undefined, path: Path, names: readonly string[], options: WalkOptions): JsonObject {
  const out: JsonObject = {};
  const keys = [...Object.keys(left ?? {}), ...Object.keys(right ?? {}).filter((key) => left === undefined || !Object.hasOwn(left, key))];
  for (const key of keys) {
    const leftChild = left !== undefined && Object.hasOwn(left, key) ? left[key] : undefined;
    const rightChild = right !== undefined && Object.hasOwn(right, key) ? right[key] : undefined;
    const child = walk(leftChild, rightChild, childPath(path, key), [...names, key], options);
    if (child !== undefined) out[key] = child;
  }
  return out;
}

function walkList(left: JsonValue[] | undefined, right: JsonValue[] | undefined, semantics: ListMergeSemantics, path: Path, names: readonly string[], options: WalkOptions): JsonValue[] {
  const leftNamed = nameItems(left ?? [], semantics, path, false);
  const rightNamed = nameItems(right ?? [], semantics, path, options.strictRight === true);
  return pairListItems(leftNamed, rightNamed).flatMap((pair) => {
    const merged = walk(pair.left, pair.right, [...path, pair.element], names, options);
    return merged === undefined ? [] : [merged];
  });
}

function nameItems(items: readonly JsonValue[], semantics: ListMergeSemantics, path: Path, rejectDuplicates: boolean): NamedItems {
  const seen = new Set<string>();
  const elements: PathElement[] = items.map((item, index) => {
    const element = itemElement(item, index, semantics, path);
    const key = serializeElement(element);
    if (rejectDuplicates && seen.has(key)) throw duplicateKey(path, element);
    seen.add(key);
    return element;
  });
  return { items, elements };
}

function asObject(value: JsonValue | undefined): JsonObject | undefined {
  return isJsonObject(value) ? value : undefined;
}

function asList(value: JsonValue | undefined): JsonValue[] | undefined {
  return Array.isArray(value) ? value : undefined;
}
