// Shapes shared by the store, its event log and its persistence.
import type { JsonObject } from '../model/json.js';
import type { ObjectRef } from '../model/object-ref.js';

/** An object read from the store: a fresh copy with metadata.resourceVersion set from modRevision. */
export interface StoredObject {
  readonly object: JsonObject;
  readonly ref: ObjectRef;
  readonly modRevision: number;
  readonly createRevision: number;
}

/** The kind of change a store event records (the watch event type it becomes). */
export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/**
 * One committed change. `value` is the serialized object after the change (for DELETED: its last
 * state); `prevValue` the one before (MODIFIED, DELETED). Parsed forms are shared and read-only.
 */
export interface StoreEvent {
  readonly revision: number;
  readonly type: StoreEventType;
  readonly bucket: string;
  readonly ref: ObjectRef;
  readonly value: string;
  readonly prevValue: string | undefined;
  readonly prevModRevision: number | undefined;
  readonly createRevision: number;
  /** The object after the change with resourceVersion = revision. Do not mutate. */
  object(): JsonObject;
  /** The object before the change with resourceVersion = revision (upstream's convention). Do not mutate. */
  prevObject(): JsonObject | undefined;
}

/** Why a store write was refused. */
export type StoreFailure = 'NotFound' | 'AlreadyExists' | 'Conflict';

/** Thrown by store writes; the API layer turns it into a Status with resource names. */
export class StoreError extends Error {
  constructor(
    readonly failure: StoreFailure,
    readonly ref: ObjectRef,
  ) {
    super(`${failure}: ${ref.group}/${ref.resource} ${ref.namespace}/${ref.name}`);
    this.name = 'StoreError';
  }
}

/** A write as persisted: one JSON line per committed change. */
export interface PersistedWrite {
  readonly revision: number;
  readonly op: 'put' | 'delete';
  readonly bucket: string;
  readonly key: string;
  readonly createRevision: number;
  /** Serialized object for puts. */
  readonly value?: string;
}

/** One entry of a snapshot. */
export interface PersistedEntry {
  readonly bucket: string;
  readonly key: string;
  readonly createRevision: number;
  readonly modRevision: number;
  readonly value: string;
}

/** Durable storage behind the store: the log is appended before a write is acknowledged. */
export interface Persistence {
  /** Appends one committed write; must be durable against process death when it returns. */
  append(write: PersistedWrite): void;
  /** Called after each append with the current entries' source, so the log can be compacted. */
  maybeCompact(revision: number, entries: () => Iterable<PersistedEntry>): void;
  close(): void;
}
