// The resource tree the API serves for an application (Argo CD's `ApplicationTree`): its managed live
// resources and everything they own, each with its owners and health.
import type { HealthStatus, KubeObject, OwnerReference } from '@driftless/api';
import { groupOf } from '../match/index.js';
import { buildResourceTree, descendantsOf, nodeId } from './resource-tree.js';

/** Argo CD's `ResourceRef`: names one object. */
export interface TreeResourceRef {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
}

/** Argo CD's `ResourceNode`, with the fields the engine knows (no `info`, `networkingInfo` or `images`). */
export interface TreeNode extends TreeResourceRef {
  /** The owners, from `metadata.ownerReferences`, whether or not they are in the tree. */
  parentRefs?: TreeResourceRef[];
  health?: HealthStatus;
  resourceVersion?: string;
  createdAt?: string;
}

/** Argo CD's `ApplicationTree` (only `nodes`: orphaned-resource monitoring is not implemented). */
export interface ApplicationTree {
  nodes: TreeNode[];
}

/**
 * The tree of `managed` (the application's live resources) and their descendants found in `objects`
 * through `metadata.ownerReferences` (see `buildResourceTree`), each object once: managed ones in their
 * order, each followed breadth first by what it owns. Health comes from `healthOf` (a child such as a Pod
 * has its own; the application's health is never rolled up from children, as in Argo CD).
 * Example: managed [Deployment] with objects [ReplicaSet, Pod] → nodes Deployment, ReplicaSet, Pod, the
 * Pod's parentRefs naming the ReplicaSet.
 */
export function applicationTree<T extends KubeObject>(managed: readonly T[], objects: readonly T[], healthOf: (obj: T) => HealthStatus | undefined): ApplicationTree {
  const tree = buildResourceTree([...managed, ...objects]);
  const seen = new Set<string>();
  const nodes: TreeNode[] = [];
  const add = (obj: T, id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    nodes.push(treeNode(obj, healthOf(obj)));
  };
  for (const obj of managed) {
    const id = nodeId(obj);
    const node = tree.nodes.get(id);
    if (node === undefined) continue;
    add(node.object, id);
    for (const child of descendantsOf(tree, id)) add(child.object, child.id);
  }
  return { nodes };
}

function treeNode(obj: KubeObject, health: HealthStatus | undefined): TreeNode {
  const namespace = obj.metadata.namespace ?? '';
  const owners = obj.metadata.ownerReferences ?? [];
  const { resourceVersion, creationTimestamp } = obj.metadata;
  return {
    ...refOf(obj.apiVersion, obj.kind, namespace, obj.metadata.name ?? '', obj.metadata.uid ?? ''),
    ...(owners.length === 0 ? {} : { parentRefs: owners.map((owner) => ownerRef(owner, namespace)) }),
    ...(health === undefined ? {} : { health }),
    ...(resourceVersion === undefined ? {} : { resourceVersion }),
    ...(creationTimestamp === undefined ? {} : { createdAt: creationTimestamp }),
  };
}

// Owners live in the child's namespace (or are cluster-scoped); Argo CD records the child's namespace.
function ownerRef(owner: OwnerReference, namespace: string): TreeResourceRef {
  return refOf(owner.apiVersion, owner.kind, namespace, owner.name, owner.uid);
}

function refOf(apiVersion: string, kind: string, namespace: string, name: string, uid: string): TreeResourceRef {
  const slash = apiVersion.indexOf('/');
  return { group: groupOf(apiVersion), version: slash === -1 ? apiVersion : apiVersion.slice(slash + 1), kind, namespace, name, uid };
}
