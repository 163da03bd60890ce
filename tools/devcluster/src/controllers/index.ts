// The simulated kube-controller-manager and kubelet of the dev cluster: pure controllers that the
// ControllerRunner feeds with cluster views and whose actions it applies.
import type { Controller } from './controller.js';
import { daemonSetController, daemonSetNodeController } from './daemonset.js';
import { deploymentController } from './deployment.js';
import { endpointsController, endpointsPodController } from './endpoints.js';
import { jobController } from './job.js';
import { podController } from './pod.js';
import type { PodControllerOptions } from './pod.js';
import { replicaSetController } from './replicaset.js';
import { serviceController } from './service.js';
import type { ServiceControllerOptions } from './service.js';
import { statefulSetController } from './statefulset.js';

export type { ClusterView, Controller, ControllerAction, ObjectKey, ResourceType } from './controller.js';
export { COMPLETE_AFTER_MS, FAIL, LB, LB_AFTER_MS, READY_AFTER_MS } from './annotations.js';
export type { FailureMode } from './annotations.js';
export * from './resource-types.js';
export { daemonSetController, daemonSetNodeController } from './daemonset.js';
export { deploymentController } from './deployment.js';
export { endpointsController, endpointsPodController } from './endpoints.js';
export { jobController } from './job.js';
export { podController } from './pod.js';
export type { PodControllerOptions } from './pod.js';
export { DEFAULT_KUBELET_TIMINGS } from './pod-lifecycle.js';
export type { KubeletTimings } from './pod-lifecycle.js';
export { replicaSetController } from './replicaset.js';
export { serviceController } from './service.js';
export type { ServiceControllerOptions } from './service.js';
export { statefulSetController } from './statefulset.js';

/** Options of the whole controller set; each part has its own defaults. */
export interface BuiltinControllerOptions {
  /** Kubelet simulation: readiness delay, run time, back-offs, unschedulable retry. */
  readonly pods?: PodControllerOptions;
  /** Load-balancer simulation: delay and address. */
  readonly services?: ServiceControllerOptions;
}

/**
 * Every simulated controller, each reconciling its own primary type: Deployment, ReplicaSet,
 * StatefulSet, DaemonSet (and its Node trigger), Job, the kubelet, the load balancer, and Endpoints
 * (and its pod trigger). Names are unique, so a runner may key work queues by them.
 */
export function builtinControllers(options: BuiltinControllerOptions = {}): Controller[] {
  return [
    deploymentController(),
    replicaSetController(),
    statefulSetController(),
    daemonSetController(),
    daemonSetNodeController(),
    jobController(),
    podController(options.pods),
    serviceController(options.services),
    endpointsController(),
    endpointsPodController(),
  ];
}
