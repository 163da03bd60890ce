// Decoding checks every write body goes through: apiVersion/kind against the endpoint, unknown fields.
import { badRequest } from '../errors/statuses.js';
import { isJsonObject } from '../model/json.js';
import type { JsonObject } from '../model/json.js';
import { apiVersionOf } from '../registry/descriptor.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import { unknownFields } from '../registry/inventory/unknown-fields.js';
import { pruneAndDefault } from '../registry/schema/prune-and-default.js';
import type { RequestContext } from './api-context.js';

/**
 * Checks the body's apiVersion and kind against the endpoint (filling them when absent), as the
 * decoder does: a different group/version or kind is a 400.
 */
export function checkTypeMeta(desc: ResourceDescriptor, obj: JsonObject, expectedKind = desc.kind, expectedApiVersion = apiVersionOf(desc)): void {
  const apiVersion = obj['apiVersion'];
  const kind = obj['kind'];
  if (apiVersion !== undefined && apiVersion !== '' && apiVersion !== expectedApiVersion) {
    throw badRequest(`the API version in the data (${String(apiVersion)}) does not match the expected API version (${expectedApiVersion})`);
  }
  if (kind !== undefined && kind !== '' && kind !== expectedKind) {
    throw badRequest(`${String(kind)} in version "${desc.version}" cannot be handled as a ${expectedKind}: the object provided is unrecognized (must be of type ${expectedKind})`);
  }
  obj['apiVersion'] = expectedApiVersion;
  obj['kind'] = expectedKind;
  if (obj['metadata'] === undefined || obj['metadata'] === null) obj['metadata'] = {};
  if (!isJsonObject(obj['metadata'])) throw badRequest(`${expectedKind} in version "${desc.version}" cannot be handled as a ${expectedKind}: metadata must be an object`);
}

/**
 * Applies fieldValidation to a decoded body: built-ins are checked against the field inventory;
 * custom resources are pruned to their structural schema and defaulted. Unknown fields fail the
 * request under Strict (400 strict decoding error), become warnings under Warn, pass under Ignore.
 */
export function applyFieldValidation(desc: ResourceDescriptor, obj: JsonObject, ctx: RequestContext, kind = desc.kind, typeName = desc.typeName): void {
  let unknown: string[] = [];
  if (desc.custom && desc.schema !== undefined) {
    const meta = obj['metadata'];
    const metaUnknown = isJsonObject(meta) ? unknownFields('V1ObjectMeta', meta, true) : [];
    unknown = [...metaUnknown.map((p) => `metadata.${p}`), ...pruneAndDefault(desc.schema, obj).unknownPaths];
  } else if (typeName !== undefined) {
    unknown = unknownFields(typeName, obj, true);
  }
  if (unknown.length === 0) return;
  const messages = unknown.map((path) => `unknown field "${path}"`);
  if (ctx.fieldValidation === 'Strict') {
    throw badRequest(`${kind} in version "${desc.version}" cannot be handled as a ${kind}: strict decoding error: ${messages.join(', ')}`);
  }
  if (ctx.fieldValidation === 'Warn') ctx.warnings.push(...messages);
}
