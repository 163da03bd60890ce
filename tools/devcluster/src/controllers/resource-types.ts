// The resource types the simulated controllers read and write, spelled the way the registry spells them.
import type { ResourceType } from './controller.js';

/** core/v1 pods. */
export const PODS: ResourceType = { group: '', version: 'v1', resource: 'pods' };
/** core/v1 nodes (cluster-scoped). */
export const NODES: ResourceType = { group: '', version: 'v1', resource: 'nodes' };
/** core/v1 services. */
export const SERVICES: ResourceType = { group: '', version: 'v1', resource: 'services' };
/** core/v1 endpoints. */
export const ENDPOINTS: ResourceType = { group: '', version: 'v1', resource: 'endpoints' };
/** apps/v1 deployments. */
export const DEPLOYMENTS: ResourceType = { group: 'apps', version: 'v1', resource: 'deployments' };
/** apps/v1 replicasets. */
export const REPLICASETS: ResourceType = { group: 'apps', version: 'v1', resource: 'replicasets' };
/** apps/v1 statefulsets. */
export const STATEFULSETS: ResourceType = { group: 'apps', version: 'v1', resource: 'statefulsets' };
/** apps/v1 daemonsets. */
export const DAEMONSETS: ResourceType = { group: 'apps', version: 'v1', resource: 'daemonsets' };
/** apps/v1 controllerrevisions (template history of StatefulSets and DaemonSets). */
export const CONTROLLER_REVISIONS: ResourceType = { group: 'apps', version: 'v1', resource: 'controllerrevisions' };
/** batch/v1 jobs. */
export const JOBS: ResourceType = { group: 'batch', version: 'v1', resource: 'jobs' };
