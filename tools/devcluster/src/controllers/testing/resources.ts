// Kind ↔ resource lookup for the test harness (the real server has a registry for this).
import type { KubeObject } from '../../model/kube-object.js';
import type { ResourceType } from '../controller.js';
import {
  CONTROLLER_REVISIONS,
  DAEMONSETS,
  DEPLOYMENTS,
  ENDPOINTS,
  JOBS,
  NODES,
  PODS,
  REPLICASETS,
  SERVICES,
  STATEFULSETS,
} from '../resource-types.js';

/** The resource type of each kind the controllers touch. */
export const RESOURCES_BY_KIND: Readonly<Record<string, ResourceType>> = {
  Pod: PODS,
  Node: NODES,
  Service: SERVICES,
  Endpoints: ENDPOINTS,
  Deployment: DEPLOYMENTS,
  ReplicaSet: REPLICASETS,
  StatefulSet: STATEFULSETS,
  DaemonSet: DAEMONSETS,
  ControllerRevision: CONTROLLER_REVISIONS,
  Job: JOBS,
};

/** The resource type of an object by its kind; throws for kinds the harness does not know. */
export function kindOf(object: KubeObject): ResourceType {
  const type = RESOURCES_BY_KIND[object.kind];
  if (type === undefined) throw new Error(`fake cluster: unknown kind ${object.kind}`);
  return type;
}
