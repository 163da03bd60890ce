// POST: create an object through the whole pipeline (decode, admission, defaults, validation, store).
import { badRequest, internalError } from '../errors/statuses.js';
import { canonicalize } from '../model/canonical.js';
import { cloneJson, isJsonObject } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import { metaOf, metaString } from '../model/meta.js';
import { bucketId } from '../model/object-ref.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import { strategyFor } from '../strategies/index.js';
import type { ApiDeps, RequestContext } from './api-context.js';
import { admitCreate } from './admission.js';
import { notAnObject, present, refOf, storeCall, strategyContext, toStorage } from './helpers.js';
import { trackUpdate } from './field-ownership.js';
import { stampCreate } from './system-meta.js';
import { applyFieldValidation, checkTypeMeta } from './type-meta.js';
import { validateObject } from './validate-object.js';

/** How a create records field ownership. */
export interface CreateOptions {
  /** 'given': the body's managedFields were computed by server-side apply and are kept as they are. */
  readonly managedFields?: 'record' | 'given';
}

const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function randomSuffix(): string {
  let out = '';
  for (let i = 0; i < 5; i++) out += NAME_ALPHABET[Math.floor(Math.random() * NAME_ALPHABET.length)];
  return out;
}

/**
 * Creates an object of `desc` in `namespace` from a request body and returns it as stored (or,
 * with dryRun, as it would be stored: no resourceVersion, nothing written, no event).
 */
export function createObject(deps: ApiDeps, desc: ResourceDescriptor, namespace: string | undefined, body: JsonValue, ctx: RequestContext, options: CreateOptions = {}): JsonObject {
  if (!isJsonObject(body)) throw notAnObject(desc);
  const obj = cloneJson(body);
  const given = options.managedFields === 'given' ? metaOf(obj)['managedFields'] : undefined;
  checkTypeMeta(desc, obj);
  applyFieldValidation(desc, obj, ctx);
  const meta = metaOf(obj);
  const rv = meta['resourceVersion'];
  if (typeof rv === 'string' && rv !== '') throw internalError('resourceVersion should not be set on objects to be created', '');
  if (desc.namespaced) {
    const bodyNs = metaString(obj, 'namespace');
    if (bodyNs !== undefined && bodyNs !== '' && namespace !== undefined && bodyNs !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    meta['namespace'] = namespace ?? bodyNs ?? '';
  } else delete meta['namespace'];
  const generateName = metaString(obj, 'generateName');
  const givenName = metaString(obj, 'name') ?? '';
  const name = givenName === '' && generateName !== undefined && generateName !== '' ? `${generateName}${randomSuffix()}` : givenName;
  admitCreate(deps, desc, metaString(obj, 'namespace') ?? '', name);
  if (name !== '') meta['name'] = name;
  stampCreate(deps, desc, obj);
  if (desc.statusSubresource) delete obj['status'];
  strategyFor(bucketId(desc)).prepareForCreate?.(obj, strategyContext(deps));
  validateObject(desc, obj, undefined);
  const tracked = given === undefined ? trackUpdate(deps, desc, undefined, obj, ctx, 'main') : { ...obj, metadata: { ...metaOf(obj), managedFields: given } };
  if (ctx.dryRun) return present(desc, canonicalize(tracked));
  const stored = storeCall(desc, name, () => deps.store.create(refOf(desc, meta['namespace'] as string | undefined, name), canonicalize(toStorage(desc, tracked))));
  return present(desc, stored.object);
}
