// The order in which kinds are applied inside one phase and wave: gitops-engine's `kindOrder` (taken
// from Helm's kind sorter). Kinds not listed, e.g. custom resources, go after every listed kind.

/** Kinds in apply order. Matched by kind alone, whatever the group, as gitops-engine does. */
export const KIND_ORDER: readonly string[] = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
];

const RANK = new Map(KIND_ORDER.map((kind, index) => [kind, index - KIND_ORDER.length]));

/**
 * The rank of a kind: negative for listed kinds (`Namespace` is -35), 0 for every other kind, so that
 * unknown kinds sort last — the same numbers gitops-engine uses.
 */
export function kindRank(kind: string): number {
  return RANK.get(kind) ?? 0;
}
