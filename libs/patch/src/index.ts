// Public API of the patch library: JSON patch, JSON merge patch and strategic merge patch.
export { applyJsonPatch } from './json-patch.js';
export { applyMergePatch } from './merge-patch.js';
export { applyStrategicMergePatch, supportsStrategicMergePatch } from './strategic-merge-patch.js';
export { PatchError } from './patch-error.js';
export type { PatchErrorReason } from './patch-error.js';
// The strategic-merge-patch field table, for other stages that follow the same tags (SSA list types).
export { describePatchMeta, lookupField } from './strategic/patch-meta.js';
export type { FieldPatchMeta, TypePatchMeta } from './strategic/patch-meta.js';
export { patchMetaForKind, strategicMergeKinds } from './strategic/schemas/kinds.js';
export type { GroupVersionKind } from './strategic/schemas/kinds.js';
// Patch creation: kubectl apply's (client-side) three-way patches and the last-applied annotation.
export {
  createThreeWayJsonMergePatch,
  createThreeWayMergePatch,
  encodeGoJson,
  LAST_APPLIED_ANNOTATION,
  readLastAppliedConfiguration,
  withLastAppliedConfiguration,
} from './three-way/index.js';
export type { JsonObject, JsonValue } from './json.js';
