// metadata.managedFields in memory: one entry per manager identity, decoded from and encoded to the
// wire form exactly as apimachinery's managedfields.go (identity, entry order, time format).
import { isJsonObject } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import type { FieldSet } from './field-set.js';
import { fromFieldsV1, toFieldsV1 } from './fields-v1.js';

/** One element of metadata.managedFields, fields in the order kube-apiserver writes them. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  /** RFC 3339 with seconds precision; absent only on entries written without one. */
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: JsonObject;
  subresource?: string;
}

/** Who wrote fields: appliers are one manager whatever apiVersion they use; updaters one per apiVersion. */
export interface ManagerIdentity {
  readonly manager: string;
  readonly operation: 'Apply' | 'Update';
  /** Part of the identity for Update managers only. */
  readonly apiVersion?: string;
  readonly subresource?: string;
}

/** A manager's current holdings. */
export interface ManagerState {
  readonly identity: ManagerIdentity;
  readonly set: FieldSet;
  readonly apiVersion: string;
  readonly time: string | undefined;
}

/** Managers by identity key. */
export type Managers = Map<string, ManagerState>;

/**
 * The identity key upstream uses (BuildManagerIdentifier): the entry's JSON without time, fields and
 * fieldsType, and without apiVersion for appliers, e.g. `{"manager":"kubectl","operation":"Apply"}`.
 * Conflict messages are grouped and sorted by it.
 */
export function identityKey(identity: ManagerIdentity): string {
  const apiVersion = identity.operation === 'Update' ? identity.apiVersion : undefined;
  return JSON.stringify({ manager: identity.manager, operation: identity.operation, apiVersion, subresource: identity.subresource === '' ? undefined : identity.subresource });
}

/** The identity of `manager` doing `operation` at `apiVersion` (and `subresource`). */
export function identityOf(manager: string, operation: 'Apply' | 'Update', apiVersion: string, subresource: string | undefined): ManagerIdentity {
  return { manager, operation, ...(operation === 'Update' ? { apiVersion } : {}), ...(subresource === undefined || subresource === '' ? {} : { subresource }) };
}

/**
 * Decodes metadata.managedFields. Throws SsaError or Error for entries upstream rejects (unknown
 * operation, empty apiVersion, fieldsType other than FieldsV1, malformed FieldsV1); callers decide
 * whether that means "no managed fields" (updates) or a failure.
 */
export function decodeManagers(value: JsonValue | undefined): Managers {
  const managers: Managers = new Map();
  if (value === undefined || value === null) return managers;
  if (!Array.isArray(value)) throw new Error('managedFields must be a list');
  value.forEach((raw, index) => {
    if (!isJsonObject(raw)) throw new Error(`managed fields entry ${index} is not an object`);
    const { manager, operation, apiVersion, time, fieldsType, fieldsV1, subresource } = raw;
    if (operation !== 'Apply' && operation !== 'Update') throw new Error('operation must be `Apply` or `Update`');
    if (typeof apiVersion !== 'string' || apiVersion === '') throw new Error('apiVersion must not be empty');
    if (fieldsType === undefined || fieldsType === '') throw new Error(`missing fieldsType in managed fields entry ${index}`);
    if (fieldsType !== 'FieldsV1') throw new Error(`invalid fieldsType ${JSON.stringify(fieldsType)} in managed fields entry ${index}`);
    const identity = identityOf(typeof manager === 'string' ? manager : '', operation, apiVersion, typeof subresource === 'string' ? subresource : undefined);
    const set = fromFieldsV1(isJsonObject(fieldsV1) ? fieldsV1 : {});
    managers.set(identityKey(identity), { identity, set, apiVersion, time: typeof time === 'string' ? time : undefined });
  });
  return managers;
}

/**
 * Encodes managers as metadata.managedFields, sorted as upstream: Apply before Update, then by time
 * (seconds), manager, apiVersion and subresource. Managers owning nothing are left out.
 */
export function encodeManagers(managers: Managers): ManagedFieldsEntry[] {
  const entries = [...managers.values()]
    .filter((state) => !state.set.isEmpty())
    .map((state): ManagedFieldsEntry => ({
      manager: state.identity.manager,
      operation: state.identity.operation,
      apiVersion: state.apiVersion,
      ...(state.time === undefined ? {} : { time: state.time }),
      fieldsType: 'FieldsV1',
      fieldsV1: toFieldsV1(state.set),
      ...(state.identity.subresource === undefined ? {} : { subresource: state.identity.subresource }),
    }));
  return entries.sort(
    (p, q) =>
      compare(p.operation, q.operation) ||
      secondsOf(p.time) - secondsOf(q.time) ||
      compare(p.manager, q.manager) ||
      compare(p.apiVersion, q.apiVersion) ||
      compare(p.subresource ?? '', q.subresource ?? ''),
  );
}

/** metav1.Time as serialized: RFC 3339 in UTC with seconds precision, e.g. `2010-10-10T00:00:00Z`. */
export function formatTime(now: Date): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}

/** Whole seconds of a stored time (0 when absent or unreadable), the precision upstream sorts by. */
export function secondsOf(time: string | undefined): number {
  const ms = time === undefined ? Number.NaN : Date.parse(time);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

function compare(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}
