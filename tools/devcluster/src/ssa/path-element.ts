// One step of a field path (structured-merge-diff's PathElement): its order, its FieldsV1 key and its
// human form. Example: containers item `app` is `k:{"name":"app"}` in FieldsV1 and `[name="app"]` in messages.
import { isJsonObject } from '../model/json.js';
import type { JsonValue } from '../model/json.js';
import { SsaError } from './ssa-error.js';

/** A named field of an object (`f:`), the item of an associative list (`k:`), of a set (`v:`), or of an atomic list by index (`i:`). */
export type PathElement =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'key'; readonly fields: readonly (readonly [string, JsonValue])[] }
  | { readonly kind: 'value'; readonly value: JsonValue }
  | { readonly kind: 'index'; readonly index: number };

/** A path from the object root; the empty path is the object itself, which nobody owns. */
export type Path = readonly PathElement[];

/** A field step. */
export function fieldElement(name: string): PathElement {
  return { kind: 'field', name };
}

/** An associative-list item step; key fields are sorted by name, as upstream's FieldList.Sort does. */
export function keyElement(fields: readonly (readonly [string, JsonValue])[]): PathElement {
  return { kind: 'key', fields: [...fields].sort(([a], [b]) => compareStrings(a, b)) };
}

/** The child path of `path` for object key `key`. */
export function childPath(path: Path, key: string): Path {
  return [...path, fieldElement(key)];
}

/** A set item step. */
export function valueElement(value: JsonValue): PathElement {
  return { kind: 'value', value };
}

/**
 * The FieldsV1 key of a step: `f:name`, `k:{"containerPort":80,"protocol":"TCP"}`, `v:"x"`, `i:0`.
 * Values are encoded as Go's encoding/json does (HTML-safe escapes), so keys match the API server's bytes.
 */
export function serializeElement(element: PathElement): string {
  if (element.kind === 'field') return `f:${element.name}`;
  // sets key their maps by this string, so keys and values are encoded once per element object
  let serialized = SERIALIZED.get(element);
  if (serialized === undefined) {
    if (element.kind === 'key') serialized = `k:{${element.fields.map(([name, value]) => `${goJson(name)}:${goJson(value)}`).join(',')}}`;
    else if (element.kind === 'value') serialized = `v:${goJson(element.value)}`;
    else serialized = `i:${element.index}`;
    SERIALIZED.set(element, serialized);
  }
  return serialized;
}

const SERIALIZED = new WeakMap<PathElement, string>();

/**
 * Parses a FieldsV1 key; `undefined` for a well-formed key of a kind this version does not know
 * (upstream drops those), SsaError for a malformed one.
 */
export function parseElement(serialized: string): PathElement | undefined {
  if (serialized.length < 2 || serialized[1] !== ':') throw new SsaError('InternalError', `error decoding set: invalid path element ${JSON.stringify(serialized)}`);
  const body = serialized.slice(2);
  switch (serialized[0]) {
    case 'f':
      return fieldElement(body);
    case 'v':
      return valueElement(parseJson(body));
    case 'i':
      if (!/^-?\d+$/.test(body)) throw new SsaError('InternalError', `error decoding set: invalid index ${JSON.stringify(body)}`);
      return { kind: 'index', index: Number(body) };
    case 'k': {
      const parsed = parseJson(body);
      if (!isJsonObject(parsed)) throw new SsaError('InternalError', `error decoding set: key ${JSON.stringify(body)} is not an object`);
      return keyElement(Object.entries(parsed));
    }
    default:
      return undefined;
  }
}

/**
 * The total order of steps (upstream PathElement.Compare): fields < keys < values < indexes,
 * then by name, key fields, value or index. FieldsV1 objects list their keys in this order.
 */
export function compareElements(a: PathElement, b: PathElement): number {
  const rank = ELEMENT_RANK[a.kind] - ELEMENT_RANK[b.kind];
  if (rank !== 0) return rank;
  if (a.kind === 'field' && b.kind === 'field') return compareStrings(a.name, b.name);
  if (a.kind === 'key' && b.kind === 'key') return compareKeyFields(a.fields, b.fields);
  if (a.kind === 'value' && b.kind === 'value') return compareValues(a.value, b.value);
  if (a.kind === 'index' && b.kind === 'index') return a.index - b.index;
  return 0;
}

/** The step as upstream prints it in conflicts: `.name`, `[name="app"]`, `[=value]`, `[0]`. */
export function elementToString(element: PathElement): string {
  switch (element.kind) {
    case 'field':
      return `.${element.name}`;
    case 'key':
      return `[${element.fields.map(([name, value]) => `${name}=${valueToString(value)}`).join(',')}]`;
    case 'value':
      return `[=${valueToString(element.value)}]`;
    case 'index':
      return `[${element.index}]`;
  }
}

/** A whole path as upstream prints it, e.g. `.spec.containers[name="app"].image`. */
export function pathToString(path: Path): string {
  return path.map(elementToString).join('');
}

const ELEMENT_RANK: Readonly<Record<PathElement['kind'], number>> = { field: 0, key: 1, value: 2, index: 3 };

function compareKeyFields(a: readonly (readonly [string, JsonValue])[], b: readonly (readonly [string, JsonValue])[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [nameA, valueA] = a[i] as readonly [string, JsonValue];
    const [nameB, valueB] = b[i] as readonly [string, JsonValue];
    const byName = compareStrings(nameA, nameB);
    if (byName !== 0) return byName;
    const byValue = compareValues(valueA, valueB);
    if (byValue !== 0) return byValue;
  }
  return a.length - b.length;
}

/** Upstream value.Compare: numbers < strings < booleans < lists < maps < null, then by content. */
function compareValues(a: JsonValue, b: JsonValue): number {
  const rank = valueRank(a) - valueRank(b);
  if (rank !== 0) return rank;
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const byItem = compareValues(a[i] as JsonValue, b[i] as JsonValue);
      if (byItem !== 0) return byItem;
    }
    return a.length - b.length;
  }
  if (isJsonObject(a) && isJsonObject(b)) return compareKeyFields(sortedEntries(a), sortedEntries(b));
  return 0;
}

function valueRank(value: JsonValue): number {
  if (typeof value === 'number') return 0;
  if (typeof value === 'string') return 1;
  if (typeof value === 'boolean') return 2;
  if (Array.isArray(value)) return 3;
  return value === null ? 5 : 4;
}

function sortedEntries(object: Record<string, JsonValue>): [string, JsonValue][] {
  return Object.entries(object).sort(([x], [y]) => compareStrings(x, y));
}

/** Byte-wise like Go's strings.Compare for the ASCII names Kubernetes uses. */
function compareStrings(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Upstream value.ToString: strings quoted, numbers and booleans bare. */
function valueToString(value: JsonValue): string {
  return typeof value === 'string' ? JSON.stringify(value) : goJson(value);
}

/** JSON as Go's encoding/json writes it: object keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped. */
function goJson(value: JsonValue): string {
  if (typeof value === 'string') return escapeHtml(JSON.stringify(value));
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const sorted = (v: JsonValue): JsonValue => {
    if (Array.isArray(v)) return v.map(sorted);
    if (isJsonObject(v)) return Object.fromEntries(sortedEntries(v).map(([k, x]) => [k, sorted(x)]));
    return v;
  };
  return escapeHtml(JSON.stringify(sorted(value)));
}

const HTML_UNSAFE = /[<>&\u2028\u2029]/g;

function escapeHtml(json: string): string {
  return json.replace(HTML_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function parseJson(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (err) {
    throw new SsaError('InternalError', `error decoding set: invalid JSON in path element ${JSON.stringify(text)}`, err);
  }
}
