// PATCH: json-patch, merge-patch and strategic-merge-patch onto the stored object, then the update step.
import { ApiError } from '../errors/api-error.js';
import { badRequest, conflict, unsupportedMediaType } from '../errors/statuses.js';
import { isJsonObject } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import { metaOf, metaString } from '../model/meta.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import type { ApiDeps, RequestContext } from './api-context.js';
import { isPatchFailure } from './patcher.js';
import { commitUpdate, getExisting } from './update.js';
import type { WriteTarget } from './system-meta.js';
import { applyFieldValidation, checkTypeMeta } from './type-meta.js';

/** The PATCH flavours, named by their Content-Type. */
export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

/** Content-Type → patch type. */
export const PATCH_CONTENT_TYPES: Readonly<Record<string, PatchType>> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
  'application/apply-patch+cbor': 'apply',
};

const MAX_JSON_PATCH_OPS = 10000;

/** What a failing patch looks like on the wire (upstream wraps apply errors into a generic 422, D19). */
function patchFailure(err: unknown): ApiError {
  if (!isPatchFailure(err)) throw err;
  if (err.reason === 'BadRequest') return badRequest(err.message);
  return new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request', {
    causes: [{ reason: 'UnexpectedServerResponse', message: err.message, field: '' }],
  });
}

/** Applies `patch` of `type` to a copy of `current` (SMP only for built-ins: 415 for custom resources). */
export function applyPatch(deps: ApiDeps, desc: ResourceDescriptor, current: JsonObject, type: PatchType, patch: JsonValue): JsonObject {
  try {
    if (type === 'json') {
      if (Array.isArray(patch) && patch.length > MAX_JSON_PATCH_OPS) {
        throw new ApiError(413, 'RequestEntityTooLarge', `The request is too large: the allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPS}, got ${patch.length}`);
      }
      return deps.patcher.applyJsonPatch(current, patch);
    }
    if (type === 'merge') return deps.patcher.applyMergePatch(current, patch);
    if (type === 'strategic') {
      const kind = { group: desc.group, version: desc.version, kind: desc.kind };
      const smp = deps.patcher.applyStrategicMergePatch;
      if (desc.custom || smp === undefined || !deps.patcher.supportsStrategicMergePatch(kind)) {
        throw unsupportedMediaType(
          desc.custom
            ? 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml'
            : `strategic merge patch is not supported yet by the dev cluster for ${desc.kind} (D6); use application/merge-patch+json or application/json-patch+json`,
        );
      }
      if (!isJsonObject(patch)) throw badRequest('the strategic merge patch must be a JSON object');
      return smp(current, patch, kind);
    }
    throw unsupportedMediaType('application/apply-patch+yaml is applied by server-side apply, not as a patch');
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw patchFailure(err);
  }
}

/**
 * PATCH (json, merge, strategic) of the main resource or /status; a resourceVersion inside the
 * patch is a precondition. Server-side apply has its own entry point, apply.ts.
 */
export function patchObject(deps: ApiDeps, desc: ResourceDescriptor, namespace: string | undefined, name: string, type: PatchType, patch: JsonValue, ctx: RequestContext, target: WriteTarget): JsonObject {
  const existing = getExisting(deps, desc, namespace, name);
  const patched = applyPatch(deps, desc, existing.object, type, patch);
  checkTypeMeta(desc, patched);
  applyFieldValidation(desc, patched, ctx);
  const rv = metaString(patched, 'resourceVersion');
  if (rv !== undefined && rv !== '' && rv !== String(existing.modRevision)) throw conflict(desc, name);
  const uid = metaString(patched, 'uid');
  const currentUid = metaString(existing.object, 'uid');
  if (uid !== undefined && uid !== currentUid) {
    throw conflict(desc, name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${currentUid ?? ''}`);
  }
  if (metaString(patched, 'name') !== name) throw badRequest(`the name of the object (${metaString(patched, 'name') ?? ''}) does not match the name on the URL (${name})`);
  metaOf(patched)['resourceVersion'] = String(existing.modRevision);
  return commitUpdate(deps, desc, existing, patched, ctx, target, existing.modRevision);
}
