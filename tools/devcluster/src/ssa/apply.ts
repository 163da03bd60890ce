// Server-side apply (PATCH application/apply-patch+yaml): upstream FieldManager.Apply with its wrappers
// (skip-non-applied, build-manager-info, managed-fields-updater, strip-meta) around Updater.Apply.
import { cloneJson } from '../model/json.js';
import type { JsonObject } from '../model/json.js';
import type { ApplyConflict } from './conflicts.js';
import { listConflicts } from './conflicts.js';
import { FieldSet } from './field-set.js';
import { decodeManagers, encodeManagers, formatTime, identityKey, identityOf } from './managers.js';
import type { Managers } from './managers.js';
import { dropNullMembers, managedFieldsOf, setManagedFields, stripServerFields, withoutManagedFields } from './object-fields.js';
import { recordWrite, updaterContext } from './record-update.js';
import type { SchemaLookup } from './schema.js';
import { SsaError } from './ssa-error.js';
import { applyConfig } from './updater.js';

/** Arguments of serverSideApply. */
export interface ServerSideApplyArgs {
  /** The stored object, or undefined when the apply creates it. */
  readonly live: JsonObject | undefined;
  /** The request body (the applier's fully specified intent). */
  readonly applied: JsonObject;
  /** The fieldManager query parameter (required for apply; the server rejects an empty one). */
  readonly manager: string;
  /** The force query parameter (`kubectl apply --force-conflicts`). */
  readonly force: boolean;
  /** group/version of the endpoint, e.g. `v1` or `apps/v1`; the body's apiVersion must equal it. */
  readonly apiVersion: string;
  readonly schema: SchemaLookup;
  readonly now: Date;
  /** e.g. `status` for applies to /status. */
  readonly subresource?: string;
  /**
   * Top-level field paths this endpoint does not manage (upstream reset fields), e.g. [['status']]
   * on the main endpoint of a kind with a status subresource: nobody gains or loses them here.
   * @defaultValue none
   */
  readonly resetFields?: readonly (readonly string[])[];
}

/** The merged object to store, or the conflicts to answer 409 with. */
export type ServerSideApplyResult = { ok: true; object: JsonObject } | { ok: false; conflicts: ApplyConflict[] };

/**
 * Applies `applied` over `live` for `manager`. On success the object carries updated
 * metadata.managedFields: an Apply entry owning exactly the applied fields (time = `now`), fields
 * the manager applied before and dropped now removed unless another manager owns them, other
 * managers' changed fields transferred when `force`. Without `force`, changing a field another
 * manager owns (same value is fine: ownership is shared) yields the conflicts instead.
 *
 * The result is the merged object only: the caller still restores server-owned metadata (uid,
 * creationTimestamp, resourceVersion), applies defaults, strategy resets and validation, and treats
 * a result equal to `live` apart from managedFields times as a no-op.
 * Throws SsaError: BadRequest for a body with metadata.managedFields or another apiVersion,
 * InternalError for list items the schema cannot key (duplicate or missing key fields).
 */
export function serverSideApply(args: ServerSideApplyArgs): ServerSideApplyResult {
  const requested = managedFieldsOf(args.applied);
  if (requested !== undefined && requested !== null) throw new SsaError('BadRequest', 'metadata.managedFields must be nil');
  if (args.applied['apiVersion'] !== args.apiVersion) {
    const specified = typeof args.applied['apiVersion'] === 'string' ? args.applied['apiVersion'] : '';
    throw new SsaError('BadRequest', `Incorrect version specified in apply patch. Specified patch version: ${specified}, expected: ${args.apiVersion}`);
  }
  const ctx = updaterContext(args.schema, args.apiVersion, args.resetFields);
  const time = formatTime(args.now);
  const live = args.live === undefined ? {} : withoutManagedFields(args.live);
  let managers = decodeStored(args.live);
  if (args.live !== undefined && managers.size === 0) {
    // an object nobody tracks yet: its current fields belong to "before-first-apply", so changing them conflicts
    managers = recordWrite({}, live, managers, identityOf('before-first-apply', 'Update', args.apiVersion, args.subresource), time, ctx);
  }

  const applier = identityOf(args.manager, 'Apply', args.apiVersion, args.subresource);
  const applierKey = identityKey(applier);
  const outcome = applyConfig(live, withoutManagedFields(args.applied), managers, applier, applierKey, args.force, ctx);
  if (!outcome.ok) return { ok: false, conflicts: listConflicts(outcome.conflicts, managers) };

  const next = outcome.managers;
  const mine = next.get(applierKey);
  const owned = mine === undefined ? new FieldSet() : stripServerFields(mine.set);
  if (mine === undefined || owned.isEmpty()) next.delete(applierKey);
  else next.set(applierKey, { ...mine, set: owned, time });

  const object = cloneJson(outcome.object);
  dropNullMembers(object);
  setManagedFields(object, encodeManagers(next));
  return { ok: true, object };
}

/** The stored managedFields; unreadable ones fail the apply as upstream ("failed to decode managed fields"). */
function decodeStored(live: JsonObject | undefined): Managers {
  try {
    return decodeManagers(managedFieldsOf(live));
  } catch (err) {
    throw new SsaError('InternalError', `failed to decode managed fields: ${err instanceof Error ? err.message : String(err)}`, err);
  }
}

