// RFC 6902 JSON Patch (application/json-patch+json), with the API server's split between 400 and 422.
import jsonpatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { cloneJson, isJsonObject } from './json.js';
import type { JsonObject, JsonValue } from './json.js';
import { badRequest, invalid } from './patch-error.js';

/**
 * Applies an RFC 6902 patch to a copy of `target` and returns the copy; neither argument is mutated
 * and the result shares no objects with them.
 *
 * Errors follow kube-apiserver, which decodes the body first and applies it second:
 * - `ops` is not an array of objects, or an `op`/`path`/`from` is not a string → PatchError
 *   `BadRequest` (400, the body does not decode into operations);
 * - anything failing while applying — a `test` that does not match, an unknown `op`, a missing
 *   `path` or `value`, a path that does not resolve — → PatchError `Invalid` (422);
 * - a patch whose result is not an object (e.g. replacing the root with a string) → `Invalid`.
 * The 10,000-operation limit (413) and rejecting unknown members under fieldValidation=Strict
 * (400) are the caller's to enforce.
 */
export function applyJsonPatch(target: JsonObject, ops: JsonValue): JsonObject {
  const operations = decodeOperations(ops);
  let result: JsonValue;
  try {
    // mutateDocument=false clones the target; the ops are cloned above so values never alias.
    result = jsonpatch.applyPatch(target, operations, true, false, true).newDocument as JsonValue;
  } catch (err) {
    throw invalid(jsonPatchMessage(err), err);
  }
  if (!isJsonObject(result)) throw invalid('json patch result is not an object');
  return result;
}

function decodeOperations(ops: JsonValue): Operation[] {
  if (!Array.isArray(ops)) throw badRequest(`error decoding patch: json: cannot unmarshal ${goType(ops)} into Go value of type []handlers.jsonPatchOp`);
  ops.forEach((op) => {
    if (!isJsonObject(op)) throw badRequest(`error decoding patch: json: cannot unmarshal ${goType(op)} into Go value of type handlers.jsonPatchOp`);
    for (const member of ['op', 'path', 'from']) {
      const value = op[member];
      if (value !== undefined && value !== null && typeof value !== 'string') {
        throw badRequest(`error decoding patch: json: cannot unmarshal ${goType(value)} into Go struct field jsonPatchOp.${member} of type string`);
      }
    }
  });
  // Well-typed but wrong operations (unknown op, missing path or value) fail while applying: 422.
  return cloneJson(ops) as unknown as Operation[];
}

/** The JSON type name Go's decoder puts in its messages. */
function goType(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

function jsonPatchMessage(err: unknown): string {
  if (err instanceof jsonpatch.JsonPatchError) {
    const op = err.operation as Partial<Operation> | undefined;
    const path = typeof op?.path === 'string' ? op.path : '';
    if (err.name === 'TEST_OPERATION_FAILED') return `testing value ${path} failed: test failed`;
    // fast-json-patch appends the operation and the whole tree to its messages; keep the first line.
    return `${String(op?.op ?? 'unknown')} operation does not apply: ${err.message.split('\n')[0] ?? err.name}`;
  }
  return err instanceof Error ? err.message : 'the json patch could not be applied';
}
