// The FieldsV1 wire form of a field set, byte-compatible with upstream fieldpath/serialize.go.
//
// Worked example: the paths .metadata.labels.test-label, .spec.containers[name="app"] and
// .spec.containers[name="app"].image encode as
//   {"f:metadata":{"f:labels":{"f:test-label":{}}},
//    "f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:image":{}}}}}
// A step that is both a member and a parent gets "." as its last key; keys follow compareElements.
import { isJsonObject } from '../model/json.js';
import type { JsonObject } from '../model/json.js';
import { FieldSet } from './field-set.js';
import { compareElements, parseElement, serializeElement } from './path-element.js';
import type { Path, PathElement } from './path-element.js';
import { SsaError } from './ssa-error.js';

/** Encodes `set` as a FieldsV1 object (what managedFields[].fieldsV1 holds). */
export function toFieldsV1(set: FieldSet): JsonObject {
  return emit(set);
}

/**
 * Decodes a FieldsV1 object. Keys of unknown kinds are dropped as upstream does; a malformed key
 * or a non-object value throws SsaError (the server treats such managedFields as unreadable).
 */
export function fromFieldsV1(fields: JsonObject): FieldSet {
  const set = new FieldSet();
  read(fields, [], set);
  return set;
}

function emit(set: FieldSet): JsonObject {
  const out: JsonObject = {};
  const children = new Map(set.children().map((child) => [serializeElement(child.element), child.set]));
  const steps: PathElement[] = [...set.members()];
  for (const child of set.children()) if (!set.has([child.element])) steps.push(child.element);
  steps.sort(compareElements);
  for (const step of steps) {
    const key = serializeElement(step);
    const below = children.get(key);
    if (below === undefined || below.isEmpty()) {
      out[key] = {};
      continue;
    }
    const nested = emit(below);
    // upstream writes "." after the children when the step is a member too
    if (set.has([step])) nested['.'] = {};
    out[key] = nested;
  }
  return out;
}

function read(fields: JsonObject, prefix: Path, set: FieldSet): void {
  for (const [key, value] of Object.entries(fields)) {
    if (!isJsonObject(value)) throw new SsaError('InternalError', `error decoding set: value of ${JSON.stringify(key)} is not an object`);
    if (key === '.') {
      set.insert(prefix);
      continue;
    }
    const element = parseElement(key);
    if (element === undefined) continue;
    const path = [...prefix, element];
    // an empty object marks a leaf member; a non-empty one holds children (and "." if a member too)
    if (Object.keys(value).length === 0) set.insert(path);
    else read(value, path, set);
  }
}
