// The garbage collector: ownerReferences by uid, background/foreground/orphan propagation (D23).
import type { ObjectApi } from '../api/object-api.js';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from '../api/delete.js';
import { ApiError } from '../errors/api-error.js';
import { isJsonObject } from '../model/json.js';
import type { JsonObject } from '../model/json.js';
import { finalizersOf, metaOf, metaString, ownerRefsOf } from '../model/meta.js';
import type { ObjectRef } from '../model/object-ref.js';
import type { Reconciler } from '../runtime/reconciler.js';
import type { Store } from '../store/store.js';
import type { StoreEvent } from '../store/store-types.js';

function encode(ref: ObjectRef): string {
  return JSON.stringify([ref.group, ref.resource, ref.namespace, ref.name]);
}

function decode(key: string): ObjectRef {
  const [group = '', resource = '', namespace = '', name = ''] = JSON.parse(key) as string[];
  return { group, resource, namespace, name };
}

/**
 * kube-controller-manager's garbage collector, driven by a uid index kept in step with the store:
 * - an object whose owners (by uid) are all gone is deleted (Background, or Foreground when an owner
 *   was waiting for it); dangling owner references next to live ones are removed;
 * - an owner with the `orphan` finalizer has its dependents' references to it removed, then the finalizer;
 * - an owner with `foregroundDeletion` has its dependents deleted and loses the finalizer once
 *   no dependent with blockOwnerDeletion remains.
 */
export class GarbageCollector implements Reconciler {
  readonly name = 'garbage-collector';
  private readonly byUid = new Map<string, ObjectRef>();
  private readonly dependents = new Map<string, Set<string>>();
  private readonly ownersOf = new Map<string, string[]>();

  constructor(
    private readonly store: Store,
    private readonly api: ObjectApi,
  ) {
    for (const bucket of store.bucketRefs()) for (const s of store.list(bucket)) this.index(s.ref, s.object);
  }

  keysFor(event: StoreEvent): string[] {
    const key = encode(event.ref);
    const obj = event.object();
    const uid = metaString(obj, 'uid') ?? '';
    if (event.type === 'DELETED') {
      this.unindex(event.ref, uid);
      // Dependents may now be orphans; owners waiting in foreground may now be free.
      return [...(this.dependents.get(uid) ?? []), ...this.ownerKeys(obj)];
    }
    this.index(event.ref, obj);
    const keys: string[] = [];
    if (ownerRefsOf(obj).length > 0) keys.push(key);
    const finalizers = finalizersOf(obj);
    if (metaString(obj, 'deletionTimestamp') !== undefined && (finalizers.includes(ORPHAN_FINALIZER) || finalizers.includes(FOREGROUND_FINALIZER))) {
      keys.push(key, ...(this.dependents.get(uid) ?? []));
    }
    return keys;
  }

  initialKeys(): string[] {
    const keys: string[] = [];
    for (const bucket of this.store.bucketRefs()) {
      for (const s of this.store.list(bucket)) {
        const finalizers = finalizersOf(s.object);
        if (ownerRefsOf(s.object).length > 0 || finalizers.includes(ORPHAN_FINALIZER) || finalizers.includes(FOREGROUND_FINALIZER)) keys.push(encode(s.ref));
      }
    }
    return keys;
  }

  reconcile(key: string): void {
    const ref = decode(key);
    const stored = this.store.get(ref);
    if (stored === undefined) return;
    const obj = stored.object;
    const finalizers = finalizersOf(obj);
    if (metaString(obj, 'deletionTimestamp') !== undefined) {
      if (finalizers.includes(ORPHAN_FINALIZER)) return this.orphanDependents(ref, obj);
      if (finalizers.includes(FOREGROUND_FINALIZER)) return this.deleteDependents(ref, obj);
    }
    this.checkOwners(ref, obj);
  }

  private ownerKeys(obj: JsonObject): string[] {
    return ownerRefsOf(obj)
      .map((o) => this.byUid.get(o.uid))
      .filter((r): r is ObjectRef => r !== undefined)
      .map(encode);
  }

  private index(ref: ObjectRef, obj: JsonObject): void {
    const uid = metaString(obj, 'uid');
    if (uid === undefined) return;
    this.byUid.set(uid, ref);
    const key = encode(ref);
    for (const owner of this.ownersOf.get(key) ?? []) this.dependents.get(owner)?.delete(key);
    const owners = ownerRefsOf(obj).map((o) => o.uid);
    this.ownersOf.set(key, owners);
    for (const owner of owners) {
      const set = this.dependents.get(owner) ?? new Set<string>();
      set.add(key);
      this.dependents.set(owner, set);
    }
  }

  private unindex(ref: ObjectRef, uid: string): void {
    if (this.byUid.get(uid) !== undefined && encode(this.byUid.get(uid) as ObjectRef) === encode(ref)) this.byUid.delete(uid);
    const key = encode(ref);
    for (const owner of this.ownersOf.get(key) ?? []) this.dependents.get(owner)?.delete(key);
    this.ownersOf.delete(key);
  }

  private liveDependents(uid: string): { ref: ObjectRef; obj: JsonObject }[] {
    const out: { ref: ObjectRef; obj: JsonObject }[] = [];
    for (const key of this.dependents.get(uid) ?? []) {
      const ref = decode(key);
      const stored = this.store.get(ref);
      if (stored !== undefined) out.push({ ref, obj: stored.object });
    }
    return out;
  }

  private typeOf(ref: ObjectRef): { group: string; resource: string } {
    return { group: ref.group, resource: ref.resource };
  }

  private removeFinalizer(ref: ObjectRef, obj: JsonObject, finalizer: string): void {
    metaOf(obj)['finalizers'] = finalizersOf(obj).filter((f) => f !== finalizer);
    this.api.update(this.typeOf(ref), obj);
  }

  private orphanDependents(ref: ObjectRef, obj: JsonObject): void {
    const uid = metaString(obj, 'uid') ?? '';
    for (const dep of this.liveDependents(uid)) {
      const meta = metaOf(dep.obj);
      const refs = Array.isArray(meta['ownerReferences']) ? meta['ownerReferences'] : [];
      meta['ownerReferences'] = refs.filter((r) => !(isJsonObject(r) && r['uid'] === uid));
      if ((meta['ownerReferences'] as unknown[]).length === 0) delete meta['ownerReferences'];
      this.api.update(this.typeOf(dep.ref), dep.obj);
    }
    this.removeFinalizer(ref, obj, ORPHAN_FINALIZER);
  }

  private deleteDependents(ref: ObjectRef, obj: JsonObject): void {
    const uid = metaString(obj, 'uid') ?? '';
    let blocking = 0;
    for (const dep of this.liveDependents(uid)) {
      const blocks = ownerRefsOf(dep.obj).some((o) => o.uid === uid && o.blockOwnerDeletion);
      if (blocks) blocking++;
      if (metaString(dep.obj, 'deletionTimestamp') !== undefined) continue;
      this.deleteQuietly(dep.ref, 'Foreground');
    }
    if (blocking === 0) this.removeFinalizer(ref, obj, FOREGROUND_FINALIZER);
  }

  private checkOwners(ref: ObjectRef, obj: JsonObject): void {
    const owners = ownerRefsOf(obj);
    if (owners.length === 0) return;
    const present = owners.filter((o) => this.byUid.has(o.uid));
    if (present.length === 0) {
      this.deleteQuietly(ref, 'Background');
      return;
    }
    if (present.length === owners.length) return;
    const live = new Set(present.map((o) => o.uid));
    const meta = metaOf(obj);
    meta['ownerReferences'] = (Array.isArray(meta['ownerReferences']) ? meta['ownerReferences'] : []).filter((r) => isJsonObject(r) && live.has(String(r['uid'])));
    this.api.update(this.typeOf(ref), obj);
  }

  private deleteQuietly(ref: ObjectRef, policy: 'Background' | 'Foreground'): void {
    try {
      this.api.delete(this.typeOf(ref), ref.namespace === '' ? undefined : ref.namespace, ref.name, { propagationPolicy: policy });
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 404)) throw err;
    }
  }
}
