// Strategic merge patch (application/strategic-merge-patch+json) for built-in kinds, as kube-apiserver applies it.
import { cloneJson, isJsonObject } from './json.js';
import type { JsonObject } from './json.js';
import { badRequest } from './patch-error.js';
import { stripLeftovers } from './strategic/directives.js';
import { mergeMap } from './strategic/merge.js';
import { patchMetaForKind } from './strategic/schemas/kinds.js';
import type { GroupVersionKind } from './strategic/schemas/kinds.js';

/**
 * True when the API server accepts strategic merge patch for `kind`: built-in kinds only (see
 * README.md for the list). For anything else the server must answer 415 Unsupported Media Type.
 */
export function supportsStrategicMergePatch(kind: GroupVersionKind): boolean {
  return patchMetaForKind(kind) !== undefined;
}

/**
 * Applies a strategic merge patch to a copy of `target` as Kubernetes' strategicpatch does for the
 * patches kubectl sends: per-field merge keys and strategies of `kind`, the directives `$patch`
 * (replace | delete on maps; delete | replace as list elements), `$setElementOrder/<field>`,
 * `$retainKeys`, `$deleteFromPrimitiveList/<field>`, `null` deleting a field. Lists without a merge
 * strategy are replaced; scalar lists with one are unioned. Neither argument is mutated and the
 * result shares no objects with them; it never holds directive keys or `null` members.
 *
 * Throws PatchError: `BadRequest` for malformed patches (bad directive values, a missing merge key,
 * `$patch: merge`, an unsupported kind — check {@link supportsStrategicMergePatch} first and answer
 * 415); `Invalid` for lists of lists (upstream 422). Upstream answers 500 for some of the malformed
 * cases; 400 is what a client can act on.
 */
export function applyStrategicMergePatch(target: JsonObject, patch: JsonObject, kind: GroupVersionKind): JsonObject {
  const schema = patchMetaForKind(kind);
  if (schema === undefined) {
    const group = kind.group === '' ? '' : `${kind.group}/`;
    throw badRequest(`strategic merge patch is not supported for ${group}${kind.version}, Kind=${kind.kind}`);
  }
  const merged = mergeMap(cloneJson(target), cloneJson(patch), schema);
  const result = stripLeftovers(merged);
  // A top-level `$patch: delete` leaves an empty map, never a removed one.
  return isJsonObject(result) ? result : {};
}
