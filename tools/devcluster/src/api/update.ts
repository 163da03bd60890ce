// PUT and the update step shared by PATCH, /status, /scale, /finalize and controllers.
import { badRequest, conflict, invalid, notFound } from '../errors/statuses.js';
import { canonicalize } from '../model/canonical.js';
import { cloneJson, isJsonObject } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import { finalizersOf, metaOf, metaString } from '../model/meta.js';
import { bucketId } from '../model/object-ref.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import { strategyFor } from '../strategies/index.js';
import type { StoredObject } from '../store/store-types.js';
import type { ApiDeps, RequestContext } from './api-context.js';
import { notAnObject, present, refOf, storeCall, strategyContext, toStorage } from './helpers.js';
import { trackUpdate } from './field-ownership.js';
import { bumpGeneration, carryOver, sameContent } from './system-meta.js';
import type { WriteTarget } from './system-meta.js';
import { applyFieldValidation, checkTypeMeta } from './type-meta.js';
import { validateObject } from './validate-object.js';

/**
 * Resolves the resourceVersion precondition of an update: a body RV must equal the stored one
 * (409 otherwise); no RV is allowed only for kinds with unconditional update (422 otherwise).
 */
export function expectedRevision(desc: ResourceDescriptor, existing: StoredObject, incoming: JsonObject, unconditionalAllowed: boolean): number {
  const rv = metaString(incoming, 'resourceVersion');
  if (rv === undefined || rv === '') {
    if (!unconditionalAllowed) {
      throw invalid(desc.group, desc.kind, existing.ref.name, [{ type: 'FieldValueInvalid', field: 'metadata.resourceVersion', value: '0x0', detail: 'must be specified for an update' }]);
    }
    return existing.modRevision;
  }
  if (rv !== String(existing.modRevision)) throw conflict(desc, existing.ref.name);
  return existing.modRevision;
}

/**
 * Stores `incoming` as the new state of `existing` through `target`, applying every update rule:
 * carried-over fields, defaults, generation, finalizer rules, validation, no-op detection (no
 * write, no event), managedFields, and deletion once the last finalizer of a deleting object goes.
 */
export function commitUpdate(deps: ApiDeps, desc: ResourceDescriptor, existing: StoredObject, incoming: JsonObject, ctx: RequestContext, target: WriteTarget, expected: number, ownership: 'record' | 'given' = 'record'): JsonObject {
  const old = existing.object;
  const given = ownership === 'given' ? metaOf(incoming)['managedFields'] : undefined;
  const strategy = strategyFor(bucketId(desc));
  let next = carryOver(desc, old, incoming, target, strategy.statusMetadata);
  if (target === 'main') strategy.prepareForUpdate?.(next, old, strategyContext(deps));
  bumpGeneration(desc, old, next, target);
  if (target === 'main') validateObject(desc, next, old);
  else if (desc.schema !== undefined) validateObject(desc, next, old);
  // Server-side apply computed managedFields already; every other write records an Update entry.
  if (given !== undefined) metaOf(next)['managedFields'] = given;
  else next = trackUpdate(deps, desc, old, next, ctx, target);
  if (sameContent(old, next)) return present(desc, old);
  const ref = existing.ref;
  const deleting = metaString(old, 'deletionTimestamp') !== undefined && finalizersOf(next).length === 0 && strategy.blocksDeletion?.(next) !== true;
  const stored = canonicalize(toStorage(desc, next));
  if (ctx.dryRun) return present(desc, stored);
  if (deleting) return present(desc, storeCall(desc, ref.name, () => deps.store.delete(ref, expected)).object);
  return present(desc, storeCall(desc, ref.name, () => deps.store.update(ref, stored, expected)).stored.object);
}

/** Reads the stored object or throws 404. */
export function getExisting(deps: ApiDeps, desc: ResourceDescriptor, namespace: string | undefined, name: string): StoredObject {
  const existing = deps.store.get(refOf(desc, namespace, name));
  if (existing === undefined) throw notFound(desc, name);
  return existing;
}

/** PUT of the main resource, /status or /finalize. */
export function replaceObject(deps: ApiDeps, desc: ResourceDescriptor, namespace: string | undefined, name: string, body: JsonValue, ctx: RequestContext, target: WriteTarget): JsonObject {
  if (!isJsonObject(body)) throw notAnObject(desc);
  const obj = cloneJson(body);
  checkTypeMeta(desc, obj);
  applyFieldValidation(desc, obj, ctx);
  const bodyName = metaString(obj, 'name') ?? '';
  if (bodyName !== name) throw badRequest(`the name of the object (${bodyName}) does not match the name on the URL (${name})`);
  const bodyNs = metaString(obj, 'namespace');
  if (desc.namespaced && bodyNs !== undefined && bodyNs !== '' && bodyNs !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  const existing = getExisting(deps, desc, namespace, name);
  const expected = expectedRevision(desc, existing, obj, desc.allowUnconditionalUpdate);
  metaOf(obj)['resourceVersion'] = String(existing.modRevision);
  return commitUpdate(deps, desc, existing, obj, ctx, target, expected);
}
