// Public surface of tree/: the ownerReference hierarchy of live objects.
export { buildResourceTree, descendantsOf, nodeId } from './resource-tree.js';
export type { ResourceNode, ResourceTree } from './resource-tree.js';
export { applicationTree } from './application-tree.js';
export type { ApplicationTree, TreeNode, TreeResourceRef } from './application-tree.js';
