// Public API of @driftless/kube: cluster access through @kubernetes/client-node.
export * from './config/cluster-kubeconfig.js';

export { createDiscovery } from './discovery/discovery.js';
export type { Discovery, DiscoveryOptions } from './discovery/discovery.js';
export { apiVersionOf, gvkKey, gvkOf } from './discovery/gvk.js';
export type { ApiResource, GroupVersionKind } from './discovery/gvk.js';

export { createResourceClient } from './resources/resource-client.js';
export type { ApplyOptions, DeleteOptions, ListOptions, ObjectKey, ObjectList, PatchOptions, PatchType, ResourceClient, WriteOptions } from './resources/resource-client.js';

export { createLiveStateCache } from './cache/live-state-cache.js';
export type { KindStatus, LiveStateCache, LiveStateCacheOptions, LiveStateEvent } from './cache/live-state-cache.js';
export type { RetryOptions } from './cache/retry-delay.js';

export { errorForStatus, toKubeError } from './errors/kube-error.js';
export type { KubeCallContext } from './errors/kube-error.js';

export { clientSideApply, DEFAULT_APPLY_FIELD_MANAGER } from './apply/client-side-apply.js';
export type { ClientSideApplyOptions, ClientSideApplyResult } from './apply/client-side-apply.js';
