// kubectl apply's strategic patch: apimachinery strategicpatch.CreateThreeWayMergePatch (with
// overwrite, as kubectl apply uses it) over the last-applied, desired and live objects.
import { cloneJson } from '../json.js';
import type { JsonObject } from '../json.js';
import type { TypePatchMeta } from '../strategic/patch-meta.js';
import { combinePatches } from './combine-patches.js';
import { diffMaps } from './diff-maps.js';

/**
 * The strategic merge patch that takes `current` (the live object) to `modified` (the new config)
 * while deleting only what the config itself stopped saying: deletions come from `original` (the
 * previous config, the last-applied annotation; `undefined` when there is none) → `modified`, as
 * `null` for fields, `{$patch: delete, <key>: …}` for merge-list items and `$deleteFromPrimitiveList`
 * for scalar sets; changes and additions come from `current` → `modified`, so fields set by the
 * server or other actors and never configured survive. Merge lists also carry
 * `$setElementOrder/<field>` and retainKeys fields `$retainKeys`, as upstream emits them. `meta`
 * is the kind's table (`patchMetaForKind`). `{}` means nothing to do.
 *
 * Pure: the arguments are not mutated and the result shares nothing with them. Throws PatchError
 * (`BadRequest`) for a merge-list item without its merge key or lists mixing element types,
 * (`Invalid`) for lists of lists. Unknown fields count as untagged (upstream would fail on them).
 */
export function createThreeWayMergePatch(original: JsonObject | undefined, modified: JsonObject, current: JsonObject, meta: TypePatchMeta): JsonObject {
  const additions = diffMaps(current, modified, meta, { ignoreDeletions: true, ignoreChangesAndAdditions: false, buildRetainKeysDirective: false });
  const deletions = diffMaps(original ?? {}, modified, meta, { ignoreDeletions: false, ignoreChangesAndAdditions: true, buildRetainKeysDirective: false });
  return cloneJson(combinePatches(cloneJson(deletions), cloneJson(additions), meta));
}
