// The ownership hierarchy of live objects (metadata.ownerReferences by uid), as Argo CD's resource tree shows it.
import type { KubeObject, OwnerReference } from '@driftless/api';
import { formatKey, keyOf } from '../match/index.js';
import type { ResourceKey } from '../match/index.js';

/** One live object in the tree. */
export interface ResourceNode<T extends KubeObject = KubeObject> {
  /** `metadata.uid`, or `key:<group/kind/namespace/name>` for an object without one. */
  id: string;
  key: ResourceKey;
  object: T;
  /** Every owner reference the object carries, whether or not the owner is in the tree. */
  parentRefs: OwnerReference[];
  /** Ids of the owners present in the tree, in `ownerReferences` order. */
  parents: string[];
  /** Ids of the objects this one owns, in input order. */
  children: string[];
}

/** The result of {@link buildResourceTree}. */
export interface ResourceTree<T extends KubeObject = KubeObject> {
  /** Every node by id, in input order. */
  nodes: ReadonlyMap<string, ResourceNode<T>>;
  /** Ids of objects without owner references: the top-level (application-managed) resources, in input order. */
  roots: string[];
  /** Ids of objects whose owner references all point at objects missing from the tree, in input order. */
  orphans: string[];
}

/** The id a node gets: its uid, else a key-based id (objects from manifests have no uid). */
export function nodeId(obj: KubeObject): string {
  const uid = obj.metadata.uid;
  return uid !== undefined && uid !== '' ? uid : `key:${formatKey(keyOf(obj))}`;
}

/**
 * Builds the ownership tree of `objects`: each object's `parents` are the owners (by uid) present in the
 * input, and each owner lists it among its `children`. Never throws. Defences: a later object with an id
 * already seen is dropped; a self-reference and a repeated owner uid are ignored; cycles (A owns B owns A)
 * are kept as edges but such nodes are neither roots nor orphans, and {@link descendantsOf} stops at them.
 * Example: Deployment(uid d) ← ReplicaSet(owner d, uid r) ← Pod(owner r) gives roots [d], d.children [r],
 * r.children [pod].
 */
export function buildResourceTree<T extends KubeObject>(objects: readonly T[]): ResourceTree<T> {
  const nodes = new Map<string, ResourceNode<T>>();
  for (const object of objects) {
    const id = nodeId(object);
    if (nodes.has(id)) continue;
    nodes.set(id, { id, key: keyOf(object), object, parentRefs: [...(object.metadata.ownerReferences ?? [])], parents: [], children: [] });
  }
  const roots: string[] = [];
  const orphans: string[] = [];
  for (const node of nodes.values()) {
    for (const ref of node.parentRefs) {
      const owner = nodes.get(ref.uid);
      if (owner === undefined || owner.id === node.id || node.parents.includes(owner.id)) continue;
      node.parents.push(owner.id);
      owner.children.push(node.id);
    }
    if (node.parentRefs.length === 0) roots.push(node.id);
    else if (node.parents.length === 0) orphans.push(node.id);
  }
  return { nodes, roots, orphans };
}

/**
 * Every node below `id` (children, their children, …) breadth first, each once, never `id` itself, so a
 * cycle terminates. An unknown id has no descendants.
 */
export function descendantsOf<T extends KubeObject>(tree: ResourceTree<T>, id: string): ResourceNode<T>[] {
  const start = tree.nodes.get(id);
  if (start === undefined) return [];
  const seen = new Set<string>([id]);
  const result: ResourceNode<T>[] = [];
  const queue = [...start.children];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (seen.has(next)) continue;
    seen.add(next);
    const node = tree.nodes.get(next);
    if (node === undefined) continue;
    result.push(node);
    queue.push(...node.children);
  }
  return result;
}
