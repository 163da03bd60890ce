// MVCC object store: one global revision, serialized values, compare-and-swap, an event log, listeners.
import { isJsonObject } from '../model/json.js';
import type { JsonObject } from '../model/json.js';
import { bucketId, itemKey, splitItemKey } from '../model/object-ref.js';
import type { BucketRef, ObjectRef } from '../model/object-ref.js';
import { EventLog } from './event-log.js';
import { StoreError } from './store-types.js';
import type { PersistedEntry, Persistence, StoreEvent, StoreEventType, StoredObject } from './store-types.js';

interface Entry {
  value: string;
  createRevision: number;
  modRevision: number;
}

interface Bucket {
  readonly ref: BucketRef;
  readonly items: Map<string, Entry>;
  sorted: string[] | undefined;
}

/** Options of {@link Store}. */
export interface StoreOptions {
  /** How many events the log keeps for watch resume and continue tokens. @defaultValue 10000 */
  readonly eventHistoryLimit?: number;
  /** Durable log; absent means memory only. */
  readonly persistence?: Persistence;
  /** State loaded from disk: entries and the revision to continue from. */
  readonly initial?: { readonly revision: number; readonly entries: readonly PersistedEntry[] };
}

/** The outcome of an update: `changed` is false for a no-op (no new revision, no event). */
export interface UpdateResult {
  readonly stored: StoredObject;
  readonly changed: boolean;
}

/** A listener called synchronously, in revision order, after each commit. */
export type StoreListener = (event: StoreEvent) => void;

/**
 * The dev cluster's etcd. Values are kept serialized (without resourceVersion), so every read is a
 * fresh copy and no caller can alias stored state. Writes are synchronous, hence atomic.
 */
export class Store {
  private rev: number;
  private readonly buckets = new Map<string, Bucket>();
  private readonly log: EventLog;
  private readonly listeners = new Set<StoreListener>();
  private readonly persistence: Persistence | undefined;

  constructor(options: StoreOptions = {}) {
    this.rev = options.initial?.revision ?? 1;
    this.log = new EventLog(options.eventHistoryLimit ?? 10000, this.rev);
    this.persistence = options.persistence;
    for (const e of options.initial?.entries ?? []) {
      const slash = e.bucket.indexOf('/');
      const ref = slash < 0 ? { group: '', resource: e.bucket } : { group: e.bucket.slice(0, slash), resource: e.bucket.slice(slash + 1) };
      this.bucket(ref).items.set(e.key, { value: e.value, createRevision: e.createRevision, modRevision: e.modRevision });
    }
  }

  /** The current global revision (the resourceVersion of a list read now). */
  get revision(): number {
    return this.rev;
  }

  /** The oldest revision a watch or continue token may resume from. */
  get compactedRevision(): number {
    return this.log.compactedRevision;
  }

  /** Reads one object, or undefined. */
  get(ref: ObjectRef): StoredObject | undefined {
    const entry = this.buckets.get(bucketId(ref))?.items.get(itemKey(ref.namespace, ref.name));
    return entry === undefined ? undefined : materialize(ref, entry);
  }

  /** Every object of a bucket (optionally one namespace), sorted by namespace then name. */
  list(ref: BucketRef, namespace?: string): StoredObject[] {
    const bucket = this.buckets.get(bucketId(ref));
    if (bucket === undefined) return [];
    const out: StoredObject[] = [];
    for (const key of this.sortedKeys(bucket)) {
      const entry = bucket.items.get(key);
      if (entry === undefined) continue;
      const { namespace: ns, name } = splitItemKey(key);
      if (namespace !== undefined && ns !== namespace) continue;
      out.push(materialize({ ...ref, namespace: ns, name }, entry));
    }
    return out;
  }

  /**
   * The bucket as it was at `revision` (for continue tokens and resourceVersionMatch=Exact),
   * rebuilt by undoing later events; undefined when that history was compacted.
   */
  listAt(ref: BucketRef, revision: number, namespace?: string): StoredObject[] | undefined {
    const later = this.log.since(revision);
    if (later === undefined) return undefined;
    const id = bucketId(ref);
    const items = new Map<string, Entry>(this.buckets.get(id)?.items ?? []);
    for (let i = later.length - 1; i >= 0; i--) {
      const e = later[i];
      if (e === undefined || e.bucket !== id) continue;
      const key = itemKey(e.ref.namespace, e.ref.name);
      if (e.type === 'ADDED') items.delete(key);
      else if (e.type === 'MODIFIED') items.set(key, { value: e.prevValue ?? e.value, createRevision: e.createRevision, modRevision: e.prevModRevision ?? 0 });
      else items.set(key, { value: e.value, createRevision: e.createRevision, modRevision: e.prevModRevision ?? 0 });
    }
    const out: StoredObject[] = [];
    for (const key of [...items.keys()].sort(compareKeys)) {
      const { namespace: ns, name } = splitItemKey(key);
      const entry = items.get(key);
      if (entry === undefined || (namespace !== undefined && ns !== namespace)) continue;
      out.push(materialize({ ...ref, namespace: ns, name }, entry));
    }
    return out;
  }

  /** Buckets that currently hold objects. */
  bucketRefs(): BucketRef[] {
    return [...this.buckets.values()].filter((b) => b.items.size > 0).map((b) => b.ref);
  }

  /** Creates an object; throws StoreError('AlreadyExists'). */
  create(ref: ObjectRef, object: JsonObject): StoredObject {
    const bucket = this.bucket(ref);
    const key = itemKey(ref.namespace, ref.name);
    if (bucket.items.has(key)) throw new StoreError('AlreadyExists', ref);
    const revision = this.rev + 1;
    const entry: Entry = { value: serialize(object), createRevision: revision, modRevision: revision };
    this.persist({ revision, op: 'put', bucket: bucketId(ref), key, createRevision: revision, value: entry.value });
    bucket.items.set(key, entry);
    bucket.sorted = undefined;
    this.commit(revision, 'ADDED', ref, entry.value, undefined, undefined, revision);
    return materialize(ref, entry);
  }

  /**
   * Replaces an object if its modRevision still equals `expectedModRevision` (when given); an
   * identical value is a no-op. Throws StoreError('NotFound' | 'Conflict').
   */
  update(ref: ObjectRef, object: JsonObject, expectedModRevision?: number): UpdateResult {
    const bucket = this.bucket(ref);
    const key = itemKey(ref.namespace, ref.name);
    const current = bucket.items.get(key);
    if (current === undefined) throw new StoreError('NotFound', ref);
    if (expectedModRevision !== undefined && current.modRevision !== expectedModRevision) throw new StoreError('Conflict', ref);
    const value = serialize(object);
    if (value === current.value) return { stored: materialize(ref, current), changed: false };
    const revision = this.rev + 1;
    const entry: Entry = { value, createRevision: current.createRevision, modRevision: revision };
    this.persist({ revision, op: 'put', bucket: bucketId(ref), key, createRevision: current.createRevision, value });
    bucket.items.set(key, entry);
    this.commit(revision, 'MODIFIED', ref, value, current.value, current.modRevision, current.createRevision);
    return { stored: materialize(ref, entry), changed: true };
  }

  /** Removes an object; returns its last state carrying the deletion revision. */
  delete(ref: ObjectRef, expectedModRevision?: number): StoredObject {
    const bucket = this.bucket(ref);
    const key = itemKey(ref.namespace, ref.name);
    const current = bucket.items.get(key);
    if (current === undefined) throw new StoreError('NotFound', ref);
    if (expectedModRevision !== undefined && current.modRevision !== expectedModRevision) throw new StoreError('Conflict', ref);
    const revision = this.rev + 1;
    this.persist({ revision, op: 'delete', bucket: bucketId(ref), key, createRevision: current.createRevision });
    bucket.items.delete(key);
    bucket.sorted = undefined;
    this.commit(revision, 'DELETED', ref, current.value, current.value, current.modRevision, current.createRevision);
    return materialize(ref, { ...current, modRevision: revision });
  }

  /** Events after `revision`, or undefined when compacted (→ 410 Expired). */
  eventsSince(revision: number): StoreEvent[] | undefined {
    return this.log.since(revision);
  }

  /** Drops the whole event history up to now: every resume from an older revision gets 410. */
  compactAll(): void {
    this.log.compactTo(this.rev);
  }

  /** Registers a commit listener; returns the function that removes it. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Flushes and closes the persistence. */
  close(): void {
    this.persistence?.close();
  }

  /** Every entry, for snapshots. */
  *entries(): Iterable<PersistedEntry> {
    for (const [bucket, b] of this.buckets) {
      for (const [key, e] of b.items) yield { bucket, key, createRevision: e.createRevision, modRevision: e.modRevision, value: e.value };
    }
  }

  private persist(write: Parameters<Persistence['append']>[0]): void {
    if (this.persistence === undefined) return;
    this.persistence.append(write);
  }

  private commit(revision: number, type: StoreEventType, ref: ObjectRef, value: string, prevValue: string | undefined, prevModRevision: number | undefined, createRevision: number): void {
    this.rev = revision;
    const event = makeEvent(revision, type, ref, value, prevValue, prevModRevision, createRevision);
    this.log.append(event);
    this.persistence?.maybeCompact(revision, () => this.entries());
    for (const listener of [...this.listeners]) listener(event);
  }

  private bucket(ref: BucketRef): Bucket {
    const id = bucketId(ref);
    let bucket = this.buckets.get(id);
    if (bucket === undefined) {
      bucket = { ref: { group: ref.group, resource: ref.resource }, items: new Map(), sorted: undefined };
      this.buckets.set(id, bucket);
    }
    return bucket;
  }

  private sortedKeys(bucket: Bucket): string[] {
    bucket.sorted ??= [...bucket.items.keys()].sort(compareKeys);
    return bucket.sorted;
  }
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Serializes without metadata.resourceVersion: the revision lives beside the value, as in etcd. */
function serialize(object: JsonObject): string {
  const meta = object['metadata'];
  if (isJsonObject(meta) && 'resourceVersion' in meta) {
    const { resourceVersion: _rv, ...rest } = meta;
    return JSON.stringify({ ...object, metadata: rest });
  }
  return JSON.stringify(object);
}

function parseWithRevision(value: string, revision: number): JsonObject {
  const object = JSON.parse(value) as JsonObject;
  const meta = object['metadata'];
  if (isJsonObject(meta)) meta['resourceVersion'] = String(revision);
  return object;
}

function materialize(ref: ObjectRef, entry: Entry): StoredObject {
  return { object: parseWithRevision(entry.value, entry.modRevision), ref, modRevision: entry.modRevision, createRevision: entry.createRevision };
}

function makeEvent(revision: number, type: StoreEventType, ref: ObjectRef, value: string, prevValue: string | undefined, prevModRevision: number | undefined, createRevision: number): StoreEvent {
  let parsed: JsonObject | undefined;
  let parsedPrev: JsonObject | undefined;
  return {
    revision,
    type,
    bucket: bucketId(ref),
    ref,
    value,
    prevValue,
    prevModRevision,
    createRevision,
    object: () => (parsed ??= parseWithRevision(value, revision)),
    prevObject: () => (prevValue === undefined ? undefined : (parsedPrev ??= parseWithRevision(prevValue, revision))),
  };
}
