// Patch metadata of the types many kinds embed: ObjectMeta, Container, PodSpec, PodTemplateSpec, PodStatus.
// Source: the patchStrategy/patchMergeKey tags in k8s.io/api core/v1/types.go and apimachinery
// meta/v1/types.go (v1.32), each entry checked against `kubectl patch --local`.
import { mergeList, SCALAR_SET, struct } from '../patch-meta.js';
import type { TypePatchMeta } from '../patch-meta.js';

/** metav1.ObjectMeta: ownerReferences merge by uid, finalizers are a set; labels/annotations are plain maps. */
export const OBJECT_META: TypePatchMeta = {
  ownerReferences: mergeList('uid'),
  finalizers: SCALAR_SET,
};

/**
 * core/v1 Container (and EphemeralContainerCommon, tagged the same). Untagged, hence replaced
 * whole: command, args, envFrom, resizePolicy, resources.claims.
 */
export const CONTAINER: TypePatchMeta = {
  ports: mergeList('containerPort'),
  env: mergeList('name'),
  volumeMounts: mergeList('mountPath'),
  volumeDevices: mergeList('devicePath'),
};

/**
 * core/v1 PodSpec. Untagged, hence replaced whole: tolerations, readinessGates,
 * dnsConfig lists, securityContext.sysctls, affinity terms.
 */
export const POD_SPEC: TypePatchMeta = {
  volumes: mergeList('name', undefined, { retainKeys: true }),
  initContainers: mergeList('name', CONTAINER),
  containers: mergeList('name', CONTAINER),
  ephemeralContainers: mergeList('name', CONTAINER),
  imagePullSecrets: mergeList('name'),
  hostAliases: mergeList('ip'),
  topologySpreadConstraints: mergeList('topologyKey'),
  schedulingGates: mergeList('name'),
  resourceClaims: mergeList('name', undefined, { retainKeys: true }),
};

/** core/v1 PodTemplateSpec, the `template` of every workload. */
export const POD_TEMPLATE_SPEC: TypePatchMeta = {
  metadata: struct(OBJECT_META),
  spec: struct(POD_SPEC),
};

/** core/v1 PodStatus. containerStatuses are untagged (replaced whole). */
export const POD_STATUS: TypePatchMeta = {
  conditions: mergeList('type'),
  podIPs: mergeList('ip'),
  hostIPs: mergeList('ip'),
  resourceClaimStatuses: mergeList('name', undefined, { retainKeys: true }),
};

/** A `status` holding only conditions merged by type (Deployment, Node, Namespace, Job, ...). */
export const CONDITIONS_STATUS: TypePatchMeta = {
  conditions: mergeList('type'),
};

/** A workload spec whose only tagged content is its pod template (ReplicaSet, DaemonSet, Job, ...). */
export const TEMPLATE_SPEC: TypePatchMeta = {
  template: struct(POD_TEMPLATE_SPEC),
};
