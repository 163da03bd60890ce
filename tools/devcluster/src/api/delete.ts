// DELETE and deletecollection: preconditions, propagation finalizers, graceful (finalizer-held) deletion.
import { ApiError } from '../errors/api-error.js';
import { badRequest, conflict, forbidden } from '../errors/statuses.js';
import { canonicalize } from '../model/canonical.js';
import { cloneJson, isJsonObject } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import { finalizersOf, metaOf, metaString } from '../model/meta.js';
import { bucketId } from '../model/object-ref.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import { formatTime } from '../runtime/clock.js';
import { strategyFor } from '../strategies/index.js';
import type { ApiDeps, RequestContext } from './api-context.js';
import { present, refOf, storeCall, toStorage } from './helpers.js';
import { getExisting } from './update.js';

/** How dependents are treated (DeleteOptions.propagationPolicy). */
export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

/** DeleteOptions as the handlers parse them from the body and the query. */
export interface DeleteOptions {
  readonly propagationPolicy?: PropagationPolicy;
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
  /** Legacy orphanDependents; false answers 202 as upstream. */
  readonly orphanDependents?: boolean;
}

/** The finalizer that makes an owner wait for its dependents (foreground deletion). */
export const FOREGROUND_FINALIZER = 'foregroundDeletion';
/** The finalizer that makes the garbage collector orphan dependents first. */
export const ORPHAN_FINALIZER = 'orphan';

const PROTECTED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

/** The outcome: the HTTP code and the body (the object, or a Success Status). */
export interface DeleteResult {
  readonly code: number;
  readonly body: JsonObject;
}

/** Parses DeleteOptions fields from a JSON body (kind DeleteOptions) merged with query values. */
export function parseDeleteOptions(body: JsonValue | undefined, query: URLSearchParams): DeleteOptions {
  const source: JsonObject = isJsonObject(body) ? body : {};
  const policy = query.get('propagationPolicy') ?? source['propagationPolicy'];
  if (policy !== undefined && policy !== null && policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan') {
    throw badRequest(`DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: ${JSON.stringify(policy)}: supported values: "Foreground", "Background", "Orphan"`);
  }
  const pre = source['preconditions'];
  const orphan = query.get('orphanDependents') ?? source['orphanDependents'];
  const options: { -readonly [K in keyof DeleteOptions]: DeleteOptions[K] } = {};
  if (typeof policy === 'string') options.propagationPolicy = policy as PropagationPolicy;
  if (isJsonObject(pre)) {
    options.preconditions = {
      ...(typeof pre['uid'] === 'string' ? { uid: pre['uid'] } : {}),
      ...(typeof pre['resourceVersion'] === 'string' ? { resourceVersion: pre['resourceVersion'] } : {}),
    };
  }
  if (orphan === true || orphan === 'true') options.orphanDependents = true;
  if (orphan === false || orphan === 'false') options.orphanDependents = false;
  if (options.propagationPolicy !== undefined && options.orphanDependents !== undefined) {
    throw badRequest('DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "": orphanDependents and deletionPropagation cannot be both set');
  }
  return options;
}

function successStatus(desc: ResourceDescriptor, obj: JsonObject): JsonObject {
  const details: JsonObject = { name: metaString(obj, 'name') ?? '', kind: desc.resource, uid: metaString(obj, 'uid') ?? '' };
  if (desc.group !== '') details['group'] = desc.group;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}

/**
 * Deletes one object (at once for pods too: no graceful termination, D11; a repeated DELETE of a
 * deleting object returns it unchanged, D24). With finalizers (existing, added by the propagation policy, or kind rules
 * like namespace spec.finalizers and CRD cleanup) the object only gains deletionTimestamp and is
 * answered with 200 and the object; otherwise it is removed and answered with a Success Status
 * (or the object for pods, namespaces, serviceaccounts).
 */
export function deleteObject(deps: ApiDeps, desc: ResourceDescriptor, namespace: string | undefined, name: string, options: DeleteOptions, ctx: RequestContext): DeleteResult {
  const existing = getExisting(deps, desc, namespace, name);
  const current = existing.object;
  const pre = options.preconditions;
  if (pre?.uid !== undefined && pre.uid !== metaString(current, 'uid')) {
    throw conflict(desc, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${metaString(current, 'uid') ?? ''}`);
  }
  if (pre?.resourceVersion !== undefined && pre.resourceVersion !== String(existing.modRevision)) {
    throw conflict(desc, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${existing.modRevision}`);
  }
  if (bucketId(desc) === 'namespaces' && PROTECTED_NAMESPACES.has(name)) throw forbidden(desc, name, 'this namespace may not be deleted');
  const accepted = options.orphanDependents === false ? 202 : 200;
  if (metaString(current, 'deletionTimestamp') !== undefined) return { code: accepted, body: present(desc, current) };
  const policy: PropagationPolicy = options.propagationPolicy ?? (options.orphanDependents === true ? 'Orphan' : 'Background');
  const next = cloneJson(current);
  const finalizers = finalizersOf(next);
  const wanted = policy === 'Orphan' ? ORPHAN_FINALIZER : policy === 'Foreground' ? FOREGROUND_FINALIZER : undefined;
  const meta = metaOf(next);
  if (wanted !== undefined && !finalizers.includes(wanted)) meta['finalizers'] = [...finalizers, wanted];
  const strategy = strategyFor(bucketId(desc));
  strategy.beginDelete?.(next);
  const graceful = finalizersOf(next).length > 0 || strategy.blocksDeletion?.(next) === true;
  const ref = refOf(desc, namespace, name);
  if (!graceful) {
    if (ctx.dryRun) return { code: 200, body: desc.deleteReturnsObject ? present(desc, current) : successStatus(desc, current) };
    const deleted = storeCall(desc, name, () => deps.store.delete(ref, existing.modRevision));
    return { code: 200, body: desc.deleteReturnsObject ? present(desc, deleted.object) : successStatus(desc, deleted.object) };
  }
  meta['deletionTimestamp'] = formatTime(deps.clock.now());
  meta['deletionGracePeriodSeconds'] = 0;
  if (desc.usesGeneration) meta['generation'] = (typeof meta['generation'] === 'number' ? meta['generation'] : 1) + 1;
  const stored = canonicalize(toStorage(desc, next));
  if (ctx.dryRun) return { code: accepted, body: present(desc, stored) };
  const updated = storeCall(desc, name, () => deps.store.update(ref, stored, existing.modRevision));
  return { code: accepted, body: present(desc, updated.stored.object) };
}

/** DELETE on a collection: deletes every match and answers with the list of deleted objects. */
export function deleteCollection(deps: ApiDeps, desc: ResourceDescriptor, targets: readonly { namespace: string | undefined; name: string }[], options: DeleteOptions, ctx: RequestContext): JsonObject[] {
  const out: JsonObject[] = [];
  for (const { namespace, name } of targets) {
    try {
      const before = deps.store.get(refOf(desc, namespace, name));
      const result = deleteObject(deps, desc, namespace, name, options, ctx);
      if (result.body['kind'] !== 'Status') out.push(result.body);
      else if (before !== undefined) out.push(present(desc, before.object));
    } catch (err) {
      if (err instanceof ApiError && err.code === 404) continue;
      throw err;
    }
  }
  return out;
}
