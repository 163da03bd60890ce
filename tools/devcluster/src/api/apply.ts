// PATCH application/apply-patch+yaml: server-side apply through the SSA library, creating when absent.
import { ApiError } from '../errors/api-error.js';
import { badRequest, conflict, internalError, notFound } from '../errors/statuses.js';
import { cloneJson, isJsonObject } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import { metaOf, metaString } from '../model/meta.js';
import { apiVersionOf } from '../registry/descriptor.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import { conflictCauses, conflictMessage, serverSideApply, SsaError } from '../ssa/index.js';
import type { ApiDeps, RequestContext } from './api-context.js';
import { createObject } from './create.js';
import { ownershipSchema, resetFields, subresourceOf } from './field-ownership.js';
import { refOf } from './helpers.js';
import type { WriteTarget } from './system-meta.js';
import { applyFieldValidation } from './type-meta.js';
import { commitUpdate } from './update.js';

/** The stored object and whether the apply created it (201) or updated it (200). */
export interface ApplyResult {
  readonly object: JsonObject;
  readonly created: boolean;
}

function ssaFailure(err: unknown): ApiError {
  if (!(err instanceof SsaError)) throw err;
  return err.reason === 'BadRequest' ? badRequest(err.message) : internalError(err.message);
}

/**
 * Server-side apply of `body` by ctx.fieldManager: the applier owns exactly what it applied,
 * changing a field another manager owns is a 409 with FieldManagerConflict causes unless `force`.
 * A missing object is created (main endpoint only); the result then goes through the same
 * defaulting, validation, no-op detection and storage as any update.
 */
export function applyObject(deps: ApiDeps, desc: ResourceDescriptor, namespace: string | undefined, name: string, body: JsonValue, ctx: RequestContext, target: WriteTarget, force: boolean): ApplyResult {
  if (!isJsonObject(body)) throw badRequest('error decoding YAML: the apply patch must be an object');
  const applied = cloneJson(body);
  const meta = metaOf(applied);
  const bodyName = metaString(applied, 'name');
  if (bodyName !== undefined && bodyName !== '' && bodyName !== name) throw badRequest(`the name of the object (${bodyName}) does not match the name on the URL (${name})`);
  meta['name'] = name;
  if (desc.namespaced) {
    const bodyNs = metaString(applied, 'namespace');
    if (bodyNs !== undefined && bodyNs !== '' && bodyNs !== namespace) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    meta['namespace'] = namespace ?? '';
  }
  applyFieldValidation(desc, applied, ctx);
  const existing = deps.store.get(refOf(desc, namespace, name));
  if (existing === undefined && target !== 'main') throw notFound(desc, name);
  const rv = metaString(applied, 'resourceVersion');
  if (existing !== undefined && rv !== undefined && rv !== '' && rv !== String(existing.modRevision)) throw conflict(desc, name);
  let result;
  try {
    const subresource = subresourceOf(target);
    result = serverSideApply({
      live: existing?.object,
      applied,
      manager: ctx.fieldManager,
      force,
      apiVersion: apiVersionOf(desc),
      schema: ownershipSchema(desc),
      now: new Date(deps.clock.now()),
      resetFields: resetFields(desc, target),
      ...(subresource === undefined ? {} : { subresource }),
    });
  } catch (err) {
    throw ssaFailure(err);
  }
  if (!result.ok) {
    const causes = conflictCauses(result.conflicts).map((c) => ({ reason: c.type, message: c.message, field: c.field }));
    throw new ApiError(409, 'Conflict', conflictMessage(result.conflicts), { name, group: desc.group, kind: desc.resource, causes });
  }
  if (existing === undefined) return { object: createObject(deps, desc, namespace, result.object, ctx, { managedFields: 'given' }), created: true };
  metaOf(result.object)['resourceVersion'] = String(existing.modRevision);
  return { object: commitUpdate(deps, desc, existing, result.object, ctx, target, existing.modRevision, 'given'), created: false };
}
