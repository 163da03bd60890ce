// managedFields bookkeeping for every write that is not an apply (create, update, patch, /status):
// the writer takes the fields it changed, everyone else loses them (upstream FieldManager.Update).
import { isJsonObject } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import { capUpdateManagers } from './cap-managers.js';
import { FieldSet } from './field-set.js';
import { decodeManagers, encodeManagers, formatTime, identityKey, identityOf } from './managers.js';
import type { ManagerIdentity, Managers } from './managers.js';
import { managedFieldsOf, setManagedFields, SERVER_OWNED_FIELDS, stripServerFields, withoutManagedFields } from './object-fields.js';
import type { SchemaLookup } from './schema.js';
import { SsaError } from './ssa-error.js';
import { updateManagers } from './updater.js';
import type { UpdaterContext } from './updater.js';

/** Arguments of recordUpdate. */
export interface RecordUpdateArgs {
  /** The stored object, or undefined for a create. */
  readonly before: JsonObject | undefined;
  /** The object about to be stored (after patching, defaulting and strategy resets). */
  readonly after: JsonObject;
  /** The fieldManager query parameter, else the User-Agent's prefix; '' becomes "unknown". */
  readonly manager: string;
  /** group/version of the request, e.g. `v1` or `apps/v1`. */
  readonly apiVersion: string;
  readonly schema: SchemaLookup;
  readonly now: Date;
  /** e.g. `status` for writes to /status; such writes cannot set managedFields. */
  readonly subresource?: string;
  /**
   * Top-level field paths this endpoint does not track (upstream reset fields), e.g. [['status']]
   * on the main endpoint of a kind with a status subresource.
   * @defaultValue none
   */
  readonly resetFields?: readonly (readonly string[])[];
}

/**
 * `after` (a copy) with metadata.managedFields brought up to date: an Update entry for the manager
 * (time = `now`, only when it took fields), changed fields taken from other managers, removed
 * fields dropped, at most 10 Update entries (older ones fold into "ancient-changes").
 *
 * As upstream: managedFields sent in `after` replace the stored ones (so clients can edit them);
 * `[]` or `[{}]` resets them; absent or unreadable ones mean "keep the stored ones"; an existing
 * object without managedFields stays untracked until the next apply; a schema error drops
 * managedFields instead of failing the write. Never throws SsaError.
 */
export function recordUpdate(args: RecordUpdateArgs): JsonObject {
  const next = withoutManagedFields(args.after);
  let managers = decodeLiveOrNew(args.before, args.after, args.subresource !== undefined);
  if (managers.size === 0 && args.before !== undefined) return next;
  try {
    const live = args.before === undefined ? {} : withoutManagedFields(args.before);
    const writer = identityOf(args.manager === '' ? 'unknown' : args.manager, 'Update', args.apiVersion, args.subresource);
    managers = recordWrite(live, next, managers, writer, formatTime(args.now), updaterContext(args.schema, args.apiVersion, args.resetFields));
    capUpdateManagers(managers);
  } catch (err) {
    if (err instanceof SsaError) return next;
    throw err;
  }
  setManagedFields(next, encodeManagers(managers));
  return next;
}

/** The context every SSA operation runs in. */
export function updaterContext(schema: SchemaLookup, apiVersion: string, resetFields: readonly (readonly string[])[] | undefined): UpdaterContext {
  return { schema, apiVersion, ignored: FieldSet.ofFieldPaths(resetFields ?? []), protectedPaths: SERVER_OWNED_FIELDS };
}

/**
 * Records one non-apply write by `writer` (upstream managedFieldsUpdater around stripMeta around
 * Updater.Update): the write is settled under a temporary identity, server-owned fields are
 * stripped, and what remains joins the writer's entry with time `time`. A write that took nothing
 * leaves the writer's entry (and its time) alone.
 */
export function recordWrite(live: JsonObject, next: JsonObject, managers: Managers, writer: ManagerIdentity, time: string, ctx: UpdaterContext): Managers {
  const current = identityOf('current-operation', 'Update', ctx.apiVersion, writer.subresource);
  const currentKey = identityKey(current);
  const updated = updateManagers(live, next, managers, current, currentKey, ctx);
  const taken = updated.get(currentKey);
  updated.delete(currentKey);
  const set = taken === undefined ? new FieldSet() : stripServerFields(taken.set);
  if (set.isEmpty()) return updated;
  const key = identityKey(writer);
  const previous = updated.get(key)?.set ?? new FieldSet();
  updated.set(key, { identity: writer, set: set.union(previous), apiVersion: ctx.apiVersion, time });
  return updated;
}

/** Upstream decodeLiveOrNew: which managedFields an update starts from. */
function decodeLiveOrNew(before: JsonObject | undefined, after: JsonObject, ignoreRequest: boolean): Managers {
  const stored = (): Managers => decodeOrEmpty(managedFieldsOf(before));
  if (ignoreRequest) return stored();
  const requested = managedFieldsOf(after);
  if (isReset(requested)) return new Map();
  const decoded = decodeOrEmpty(requested);
  return decoded.size > 0 ? decoded : stored();
}

function decodeOrEmpty(value: JsonValue | undefined): Managers {
  try {
    return decodeManagers(value);
  } catch {
    // unreadable managedFields count as none, as upstream's emptyManagedFieldsOnErr
    return new Map();
  }
}

/** `[]` or a single empty entry: the client asks to clear managedFields. */
function isReset(value: JsonValue | undefined): boolean {
  if (!Array.isArray(value)) return false;
  if (value.length === 0) return true;
  const [only] = value;
  return value.length === 1 && isJsonObject(only) && Object.keys(only).length === 0;
}
