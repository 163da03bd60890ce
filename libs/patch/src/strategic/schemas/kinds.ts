// Which kinds accept strategic merge patch, and the patch metadata of each (one lookup table).
// Source: patchStrategy/patchMergeKey tags of k8s.io/api v1.32 (core, apps, batch, policy, autoscaling,
// admissionregistration, storage, flowcontrol), kube-aggregator and apiextensions; see ../../README.md.
import { mergeList, REPLACED_MAP, SCALAR_SET, struct } from '../patch-meta.js';
import type { TypePatchMeta } from '../patch-meta.js';
import { CONDITIONS_STATUS, OBJECT_META, POD_SPEC, POD_STATUS, POD_TEMPLATE_SPEC, TEMPLATE_SPEC } from './pod.js';

/** A group/version/kind; `group` is '' for the core group. */
export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** A top-level object: metadata is always ObjectMeta, the rest is given. */
function object(fields: TypePatchMeta = {}): TypePatchMeta {
  return { metadata: struct(OBJECT_META), ...fields };
}

const WORKLOAD_WITH_CONDITIONS = object({ spec: struct(TEMPLATE_SPEC), status: struct(CONDITIONS_STATUS) });

const WEBHOOK: TypePatchMeta = { matchConditions: mergeList('name') };

/** Patch metadata by `group/version/Kind` (core kinds as `v1/Kind`). */
const KINDS: ReadonlyMap<string, TypePatchMeta> = new Map<string, TypePatchMeta>([
  // core/v1
  ['v1/Pod', object({ spec: struct(POD_SPEC), status: struct(POD_STATUS) })],
  ['v1/PodTemplate', object({ template: struct(POD_TEMPLATE_SPEC) })],
  ['v1/ReplicationController', WORKLOAD_WITH_CONDITIONS],
  ['v1/Service', object({ spec: struct({ ports: mergeList('port') }), status: struct(CONDITIONS_STATUS) })],
  ['v1/ServiceAccount', object({ secrets: mergeList('name') })],
  ['v1/Node', object({ spec: struct({ podCIDRs: SCALAR_SET }), status: struct({ conditions: mergeList('type'), addresses: mergeList('type') }) })],
  ['v1/Namespace', object({ status: struct(CONDITIONS_STATUS) })],
  ['v1/PersistentVolumeClaim', object({ status: struct(CONDITIONS_STATUS) })],
  ['v1/ComponentStatus', object({ conditions: mergeList('type') })],
  ['v1/ConfigMap', object()],
  ['v1/Secret', object()],
  ['v1/Endpoints', object()],
  ['v1/Event', object()],
  ['v1/LimitRange', object()],
  ['v1/ResourceQuota', object()],
  ['v1/PersistentVolume', object()],
  // apps/v1
  ['apps/v1/Deployment', object({ spec: struct({ template: struct(POD_TEMPLATE_SPEC), strategy: struct({}, { retainKeys: true }) }), status: struct(CONDITIONS_STATUS) })],
  ['apps/v1/ReplicaSet', WORKLOAD_WITH_CONDITIONS],
  ['apps/v1/DaemonSet', WORKLOAD_WITH_CONDITIONS],
  ['apps/v1/StatefulSet', WORKLOAD_WITH_CONDITIONS],
  ['apps/v1/ControllerRevision', object()],
  // batch/v1
  ['batch/v1/Job', WORKLOAD_WITH_CONDITIONS],
  ['batch/v1/CronJob', object({ spec: struct({ jobTemplate: struct({ metadata: struct(OBJECT_META), spec: struct(TEMPLATE_SPEC) }) }) })],
  // autoscaling
  ['autoscaling/v1/HorizontalPodAutoscaler', object()],
  ['autoscaling/v2/HorizontalPodAutoscaler', object({ status: struct(CONDITIONS_STATUS) })],
  ['autoscaling/v1/Scale', object()],
  // policy/v1: the selector is the one map replaced whole
  ['policy/v1/PodDisruptionBudget', object({ spec: struct({ selector: REPLACED_MAP }), status: struct(CONDITIONS_STATUS) })],
  // networking.k8s.io/v1: ingress rules, tls and network policy rules are atomic
  ['networking.k8s.io/v1/Ingress', object()],
  ['networking.k8s.io/v1/IngressClass', object()],
  ['networking.k8s.io/v1/NetworkPolicy', object()],
  // rbac.authorization.k8s.io/v1: rules and subjects are atomic
  ['rbac.authorization.k8s.io/v1/Role', object()],
  ['rbac.authorization.k8s.io/v1/ClusterRole', object()],
  ['rbac.authorization.k8s.io/v1/RoleBinding', object()],
  ['rbac.authorization.k8s.io/v1/ClusterRoleBinding', object()],
  // admissionregistration.k8s.io/v1
  ['admissionregistration.k8s.io/v1/MutatingWebhookConfiguration', object({ webhooks: mergeList('name', WEBHOOK) })],
  ['admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration', object({ webhooks: mergeList('name', WEBHOOK) })],
  ['admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy', object({ spec: struct({ matchConditions: mergeList('name'), variables: mergeList('name') }) })],
  ['admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding', object()],
  // other built-in groups
  ['apiextensions.k8s.io/v1/CustomResourceDefinition', object()],
  ['apiregistration.k8s.io/v1/APIService', object({ status: struct(CONDITIONS_STATUS) })],
  ['coordination.k8s.io/v1/Lease', object()],
  ['discovery.k8s.io/v1/EndpointSlice', object()],
  ['events.k8s.io/v1/Event', object()],
  ['scheduling.k8s.io/v1/PriorityClass', object()],
  ['node.k8s.io/v1/RuntimeClass', object()],
  ['certificates.k8s.io/v1/CertificateSigningRequest', object()],
  ['storage.k8s.io/v1/StorageClass', object()],
  ['storage.k8s.io/v1/CSIDriver', object()],
  ['storage.k8s.io/v1/CSINode', object({ spec: struct({ drivers: mergeList('name') }) })],
  ['storage.k8s.io/v1/VolumeAttachment', object()],
  ['flowcontrol.apiserver.k8s.io/v1/FlowSchema', object({ status: struct(CONDITIONS_STATUS) })],
  ['flowcontrol.apiserver.k8s.io/v1/PriorityLevelConfiguration', object({ status: struct(CONDITIONS_STATUS) })],
]);

function kindKey(gvk: GroupVersionKind): string {
  return gvk.group === '' ? `${gvk.version}/${gvk.kind}` : `${gvk.group}/${gvk.version}/${gvk.kind}`;
}

/** The patch metadata of a built-in kind, or undefined for kinds without one (custom resources). */
export function patchMetaForKind(gvk: GroupVersionKind): TypePatchMeta | undefined {
  return KINDS.get(kindKey(gvk));
}

/** Every kind in the table, in table order. */
export function strategicMergeKinds(): GroupVersionKind[] {
  return [...KINDS.keys()].map((key) => {
    const parts = key.split('/');
    const kind = parts.pop() ?? '';
    const version = parts.pop() ?? '';
    return { group: parts.join('/'), version, kind };
  });
}
