// Small pieces shared by the write operations: store refs, strategy context, store-error mapping.
import { ApiError } from '../errors/api-error.js';
import { alreadyExists, conflict, notFound } from '../errors/statuses.js';
import type { JsonObject } from '../model/json.js';
import type { ObjectRef } from '../model/object-ref.js';
import { apiVersionOf } from '../registry/descriptor.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import type { StrategyContext } from '../strategies/index.js';
import { StoreError } from '../store/store-types.js';
import type { ApiDeps } from './api-context.js';

/** The store key of an object of `desc`. */
export function refOf(desc: ResourceDescriptor, namespace: string | undefined, name: string): ObjectRef {
  return { group: desc.group, resource: desc.resource, namespace: desc.namespaced ? (namespace ?? '') : '', name };
}

/** What strategies may read. */
export function strategyContext(deps: ApiDeps): StrategyContext {
  return { now: deps.clock.now(), list: (bucket) => deps.store.list(bucket).map((s) => s.object) };
}

/** Runs a store operation, turning StoreError into the matching Status error. */
export function storeCall<T>(desc: ResourceDescriptor, name: string, op: () => T): T {
  try {
    return op();
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    if (err.failure === 'NotFound') throw notFound(desc, name);
    if (err.failure === 'AlreadyExists') throw alreadyExists(desc, name);
    throw conflict(desc, name);
  }
}

/** The object as served through `desc`: custom resources take the requested version (conversion None). */
export function present(desc: ResourceDescriptor, obj: JsonObject): JsonObject {
  if (desc.custom) obj['apiVersion'] = apiVersionOf(desc);
  return obj;
}

/** The object as stored: custom resources in their storage version. */
export function toStorage(desc: ResourceDescriptor, obj: JsonObject): JsonObject {
  if (desc.custom) obj['apiVersion'] = desc.group === '' ? desc.storageVersion : `${desc.group}/${desc.storageVersion}`;
  return obj;
}

/** An ApiError for a body that is not a JSON object. */
export function notAnObject(desc: ResourceDescriptor): ApiError {
  return new ApiError(400, 'BadRequest', `${desc.kind} in version "${desc.version}" cannot be handled as a ${desc.kind}: the body must be a JSON object`);
}
