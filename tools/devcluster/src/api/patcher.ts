// The patch operations the pipeline needs, behind one interface so the patch library plugs in here.
import type { JsonObject, JsonValue } from '../model/json.js';

/** A resource kind, as strategic merge patch needs it to find merge keys. */
export interface PatchKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** Applies patches to copies; throws PatchFailure for bad patches. */
export interface Patcher {
  applyJsonPatch(target: JsonObject, ops: JsonValue): JsonObject;
  applyMergePatch(target: JsonObject, patch: JsonValue): JsonObject;
  /** Undefined when strategic merge patch is not available for `kind` (→ 415). */
  applyStrategicMergePatch: ((target: JsonObject, patch: JsonObject, kind: PatchKind) => JsonObject) | undefined;
  supportsStrategicMergePatch(kind: PatchKind): boolean;
}

/** A patch that cannot apply: `Invalid` → 422, `BadRequest` → 400 (the patch library's PatchError shape). */
export interface PatchFailure {
  readonly reason: 'Invalid' | 'BadRequest';
  readonly message: string;
}

/** True for errors shaped like the patch library's PatchError. */
export function isPatchFailure(err: unknown): err is PatchFailure {
  return err instanceof Error && err.name === 'PatchError' && 'reason' in err && (err.reason === 'Invalid' || err.reason === 'BadRequest');
}
