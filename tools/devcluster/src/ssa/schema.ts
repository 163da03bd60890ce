// How SSA reads a value's shape: the per-path semantics a schema gives, and how list items are named.
import { isJsonObject } from '../model/json.js';
import type { JsonValue } from '../model/json.js';
import { elementToString, keyElement, pathToString, valueElement } from './path-element.js';
import type { Path, PathElement } from './path-element.js';
import { SsaError } from './ssa-error.js';

/**
 * What the schema says about the field at a path (x-kubernetes-list-type, -list-map-keys, -map-type):
 * - `'atomic'`: a list, map or struct owned and replaced as one field;
 * - `'set'`: a list of scalars, each item owned on its own (`v:` in FieldsV1);
 * - `{ mapKeys }`: an associative list, items identified by these fields (`k:{...}`); `keyDefaults`
 *   fills key fields an item omits (upstream uses the schema default, e.g. ports' protocol "TCP");
 * - `'map'`: an object whose keys are data rather than field names (labels, additionalProperties):
 *   each key is owned itself even when its value is an object;
 * - `undefined`: the default — lists are atomic, objects are structs merged field by field.
 */
export type FieldSemantics =
  | 'atomic'
  | 'set'
  | 'map'
  | { readonly mapKeys: readonly string[]; readonly keyDefaults?: Readonly<Record<string, JsonValue>> }
  | undefined;

/**
 * The semantics of the field at `path`, given as field names from the object root with list items
 * transparent: `spec.template.spec.containers[*].ports` is `['spec','template','spec','containers','ports']`
 * and an item of a list is looked up with the list's own path. Must be pure and cheap.
 */
export type SchemaLookup = (path: readonly string[]) => FieldSemantics;

/** How a walker treats a node: a leaf (owned whole), an object merged by key, or a list merged by item. */
export type Shape = { readonly kind: 'leaf' } | { readonly kind: 'object'; readonly keysAreData: boolean } | { readonly kind: 'list'; readonly semantics: ListMergeSemantics };

/** The semantics of a list that merges item by item. */
export type ListMergeSemantics = 'set' | { readonly mapKeys: readonly string[]; readonly keyDefaults?: Readonly<Record<string, JsonValue>> };

const LEAF: Shape = { kind: 'leaf' };

/**
 * The shape of a node seen on one or two sides (undefined = absent, null = empty of either kind),
 * after upstream's merge walker: atomic fields, scalars, nodes whose two sides have different kinds
 * and nodes empty on both sides are leaves; `emptyIsLeaf` false keeps empty containers structural,
 * as upstream's ToFieldSet does.
 */
export function shapeOf(semantics: FieldSemantics, sides: readonly (JsonValue | undefined)[], emptyIsLeaf = true): Shape {
  const present = sides.filter((side): side is JsonValue => side !== undefined && side !== null);
  if (present.length === 0) return LEAF;
  if (present.every(Array.isArray)) {
    if (semantics !== 'set' && (typeof semantics !== 'object' || semantics === null)) return LEAF;
    if (emptyIsLeaf && present.every((side) => (side as JsonValue[]).length === 0)) return LEAF;
    return { kind: 'list', semantics };
  }
  if (present.every(isJsonObject)) {
    if (semantics === 'atomic') return LEAF;
    if (emptyIsLeaf && present.every((side) => Object.keys(side as object).length === 0)) return LEAF;
    return { kind: 'object', keysAreData: semantics === 'map' };
  }
  return LEAF;
}

/**
 * The step naming item `index` of a list at `path`: `k:{keys}` for associative lists, `v:value`
 * for sets. Throws SsaError (500 upstream) for an item that cannot be named: a missing key field
 * without default, a non-object in a keyed list, a non-scalar in a set.
 */
export function itemElement(item: JsonValue, index: number, semantics: ListMergeSemantics, path: Path): PathElement {
  const fail = (message: string): never => {
    throw new SsaError('InternalError', `${pathToString(path)}: element ${index}: ${message}`);
  };
  if (semantics === 'set') {
    if (item === null) return fail("associative list without keys has an element that's an explicit null");
    if (Array.isArray(item)) return fail('not supported: associative list with lists as elements');
    if (isJsonObject(item)) return fail("associative list without keys has an element that's a map type");
    return valueElement(item);
  }
  if (item === null) return fail('associative list with keys may not have a null element');
  if (!isJsonObject(item)) return fail('associative list with keys may not have non-map elements');
  const fields: [string, JsonValue][] = [];
  for (const key of semantics.mapKeys) {
    const value = Object.hasOwn(item, key) ? item[key] : semantics.keyDefaults?.[key];
    if (value === undefined) return fail(`associative list with keys has an element that omits key field ${JSON.stringify(key)} (and doesn't have default value)`);
    fields.push([key, value]);
  }
  return keyElement(fields);
}

/** Upstream's error for an applied list naming one item twice. */
export function duplicateKey(path: Path, element: PathElement): SsaError {
  return new SsaError('InternalError', `${pathToString(path)}: duplicate entries for key ${elementToString(element)}`);
}
