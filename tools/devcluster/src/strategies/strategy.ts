// Per-kind behaviour on writes (defaulting, admission-time allocation, validation): upstream's strategies.
import type { FieldError } from '../errors/statuses.js';
import type { JsonObject } from '../model/json.js';
import type { BucketRef } from '../model/object-ref.js';

/** What a strategy may consult: the time and other stored objects (e.g. to allocate a free IP). */
export interface StrategyContext {
  readonly now: number;
  list(bucket: BucketRef): JsonObject[];
}

/**
 * Hooks a built-in kind adds to the generic pipeline. All mutate `obj` in place (it is the
 * pipeline's private copy) and run after system metadata is set and before validation.
 */
export interface KindStrategy {
  /** Defaults and allocations on create. */
  prepareForCreate?(obj: JsonObject, ctx: StrategyContext): void;
  /** Defaults and carried-over fields on update (`old` is the stored object). */
  prepareForUpdate?(obj: JsonObject, old: JsonObject, ctx: StrategyContext): void;
  /** Kind-specific validation; `old` is undefined on create. */
  validate?(obj: JsonObject, old: JsonObject | undefined): FieldError[];
  /** Runs when deletion starts (deletionTimestamp being set): may add finalizers or set status. */
  beginDelete?(obj: JsonObject): void;
  /** True while something besides metadata.finalizers keeps the object (namespace spec.finalizers). */
  blocksDeletion?(obj: JsonObject): boolean;
  /**
   * Metadata fields a write through /status takes from the request, as upstream's status strategy of
   * the kind lets them through; every other metadata field keeps its stored value (D18).
   */
  readonly statusMetadata?: readonly string[];
}

/** Returns obj[key] as an object, creating it when missing. */
export function objectAt(obj: JsonObject, key: string): JsonObject {
  const value = obj[key];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
  const created: JsonObject = {};
  obj[key] = created;
  return created;
}

/** Sets obj[key] = value unless a value is already present. */
export function defaultTo(obj: JsonObject, key: string, value: JsonObject[string]): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}
