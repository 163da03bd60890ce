// Indexes over one cluster's cached objects, kept current from the cache's events: by the application
// their tracking id names, and by owner, so a refresh reads only its app's objects and their descendants.
import type { UnstructuredObject } from '@driftless/api';
import type { LiveStateEvent } from '@driftless/kube';
import { trackingAppName } from '@driftless/reconcile';

/** A cached object's identity: apiVersion, kind, namespace and name. */
export function objectKey(obj: UnstructuredObject): string {
  return `${obj.apiVersion}/${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

/** The indexes; `apply` is the cache's `onChange`. */
export interface LiveIndex {
  readonly apply: (event: LiveStateEvent) => void;
  /** Objects whose tracking id names `appName`. */
  trackedBy(appName: string): Iterable<UnstructuredObject>;
  /** Every object owned, directly or through others, by one of `roots` (by `ownerReferences[].uid`); roots excluded. */
  descendantsOf(roots: readonly UnstructuredObject[]): UnstructuredObject[];
  /**
   * The apps an object belongs to: the one its tracking id names, else those of its owners, walking
   * `ownerReferences` up through indexed objects (a Pod → its ReplicaSet → the app's Deployment).
   */
  appsOf(obj: UnstructuredObject): string[];
}

/** A multimap whose value sets disappear when empty, so memory follows the live objects. */
class SetMap<V> {
  private readonly map = new Map<string, Map<string, V>>();
  add(key: string, id: string, value: V): void {
    let entries = this.map.get(key);
    if (entries === undefined) this.map.set(key, (entries = new Map()));
    entries.set(id, value);
  }
  remove(key: string, id: string): void {
    const entries = this.map.get(key);
    entries?.delete(id);
    if (entries?.size === 0) this.map.delete(key);
  }
  values(key: string): Iterable<V> {
    return this.map.get(key)?.values() ?? [];
  }
}

/** Creates empty indexes; feed them every event of a cache from its first listing on. */
export function createLiveIndex(): LiveIndex {
  const byApp = new SetMap<UnstructuredObject>();
  const byOwner = new SetMap<UnstructuredObject>();
  const indexed = new Map<string, UnstructuredObject>();
  const byUid = new Map<string, UnstructuredObject>();

  const unindex = (key: string): void => {
    const old = indexed.get(key);
    if (old === undefined) return;
    indexed.delete(key);
    if (old.metadata.uid !== undefined) byUid.delete(old.metadata.uid);
    const app = trackingAppName(old);
    if (app !== undefined) byApp.remove(app, key);
    for (const owner of old.metadata.ownerReferences ?? []) byOwner.remove(owner.uid, key);
  };

  return {
    apply(event) {
      const key = objectKey(event.object);
      unindex(key);
      if (event.type === 'deleted') return;
      const app = trackingAppName(event.object);
      const owners = event.object.metadata.ownerReferences ?? [];
      if (app === undefined && owners.length === 0) return;
      indexed.set(key, event.object);
      if (event.object.metadata.uid !== undefined) byUid.set(event.object.metadata.uid, event.object);
      if (app !== undefined) byApp.add(app, key, event.object);
      for (const owner of owners) byOwner.add(owner.uid, key, event.object);
    },
    trackedBy: (appName) => byApp.values(appName),
    descendantsOf(roots) {
      const seen = new Set(roots.map((root) => root.metadata.uid).filter((uid): uid is string => uid !== undefined));
      const found: UnstructuredObject[] = [];
      const pending = [...seen];
      for (let uid = pending.pop(); uid !== undefined; uid = pending.pop()) {
        for (const child of byOwner.values(uid)) {
          const childUid = child.metadata.uid;
          if (childUid === undefined || seen.has(childUid)) continue;
          seen.add(childUid);
          found.push(child);
          pending.push(childUid);
        }
      }
      return found;
    },
    appsOf(obj) {
      const apps = new Set<string>();
      const seen = new Set<string>();
      const pending = [obj];
      for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
        const app = trackingAppName(next);
        if (app !== undefined) {
          apps.add(app);
          continue;
        }
        for (const owner of next.metadata.ownerReferences ?? []) {
          const parent = byUid.get(owner.uid);
          if (parent === undefined || seen.has(owner.uid)) continue;
          seen.add(owner.uid);
          pending.push(parent);
        }
      }
      return [...apps];
    },
  };
}
