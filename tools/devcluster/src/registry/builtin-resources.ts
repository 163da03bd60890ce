// The built-in resources the dev cluster serves, as one table (upstream names, scopes and strategies).
import type { JsonObject } from '../model/json.js';
import { readPath } from '../model/meta.js';
import { AGE_COLUMN, BUILTIN_COLUMNS } from './builtin-columns.js';
import type { FieldSelectorGetters, NameRule, ResourceDescriptor, ScaleSubresource } from './descriptor.js';

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] as const;

interface BuiltinSpec {
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
  readonly clusterScoped?: boolean;
  readonly status?: boolean;
  readonly scale?: boolean;
  readonly generation?: boolean;
  readonly deleteReturnsObject?: boolean;
  readonly fieldSelectors?: FieldSelectorGetters;
  readonly nameRule?: NameRule;
  readonly typeName: string;
  readonly verbs?: readonly string[];
  readonly singular?: string;
}

const REPLICAS_SCALE: ScaleSubresource = { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' };

function text(obj: JsonObject, ...path: string[]): string {
  const value = readPath(obj, path);
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

function builtin(group: string, version: string, resource: string, kind: string, spec: BuiltinSpec): ResourceDescriptor {
  const id = group === '' ? resource : `${group}/${resource}`;
  const columns = BUILTIN_COLUMNS[id] ?? [];
  return {
    group,
    version,
    storageVersion: version,
    resource,
    singular: spec.singular ?? kind.toLowerCase(),
    kind,
    listKind: `${kind}List`,
    namespaced: spec.clusterScoped !== true,
    shortNames: spec.shortNames ?? [],
    categories: spec.categories ?? [],
    verbs: spec.verbs ?? ALL_VERBS,
    statusSubresource: spec.status === true,
    scale: spec.scale === true ? REPLICAS_SCALE : undefined,
    usesGeneration: spec.generation === true,
    generationOnAnnotations: id === 'apps/deployments',
    allowUnconditionalUpdate: id !== 'apiextensions.k8s.io/customresourcedefinitions',
    deleteReturnsObject: spec.deleteReturnsObject === true,
    fieldSelectors: spec.fieldSelectors ?? {},
    nameRule: spec.nameRule ?? 'subdomain',
    custom: false,
    typeName: spec.typeName,
    // CRDs print NAME and CREATED AT only, as upstream.
    printerColumns: id === 'apiextensions.k8s.io/customresourcedefinitions' ? columns : [...columns, AGE_COLUMN],
    schema: undefined,
    crdName: undefined,
  };
}

const ALL = ['all'];

/** Every built-in resource, in discovery order (one version each, D1). */
export const BUILTIN_RESOURCES: readonly ResourceDescriptor[] = [
  builtin('', 'v1', 'configmaps', 'ConfigMap', { shortNames: ['cm'], typeName: 'V1ConfigMap' }),
  builtin('', 'v1', 'endpoints', 'Endpoints', { shortNames: ['ep'], typeName: 'V1Endpoints', singular: 'endpoints' }),
  builtin('', 'v1', 'events', 'Event', {
    shortNames: ['ev'],
    typeName: 'CoreV1Event',
    fieldSelectors: {
      'involvedObject.kind': (o) => text(o, 'involvedObject', 'kind'),
      'involvedObject.namespace': (o) => text(o, 'involvedObject', 'namespace'),
      'involvedObject.name': (o) => text(o, 'involvedObject', 'name'),
      'involvedObject.uid': (o) => text(o, 'involvedObject', 'uid'),
      'involvedObject.apiVersion': (o) => text(o, 'involvedObject', 'apiVersion'),
      'involvedObject.resourceVersion': (o) => text(o, 'involvedObject', 'resourceVersion'),
      'involvedObject.fieldPath': (o) => text(o, 'involvedObject', 'fieldPath'),
      reason: (o) => text(o, 'reason'),
      reportingComponent: (o) => text(o, 'reportingComponent'),
      source: (o) => text(o, 'source', 'component'),
      type: (o) => text(o, 'type'),
    },
  }),
  builtin('', 'v1', 'namespaces', 'Namespace', {
    shortNames: ['ns'],
    clusterScoped: true,
    status: true,
    deleteReturnsObject: true,
    nameRule: 'label',
    typeName: 'V1Namespace',
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    fieldSelectors: { 'status.phase': (o) => text(o, 'status', 'phase') },
  }),
  builtin('', 'v1', 'nodes', 'Node', { shortNames: ['no'], clusterScoped: true, status: true, typeName: 'V1Node', fieldSelectors: { 'spec.unschedulable': (o) => text(o, 'spec', 'unschedulable') || 'false' } }),
  builtin('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', { shortNames: ['pvc'], status: true, typeName: 'V1PersistentVolumeClaim' }),
  builtin('', 'v1', 'persistentvolumes', 'PersistentVolume', { shortNames: ['pv'], clusterScoped: true, status: true, typeName: 'V1PersistentVolume' }),
  builtin('', 'v1', 'pods', 'Pod', {
    shortNames: ['po'],
    categories: ALL,
    status: true,
    deleteReturnsObject: true,
    typeName: 'V1Pod',
    fieldSelectors: {
      'spec.nodeName': (o) => text(o, 'spec', 'nodeName'),
      'spec.restartPolicy': (o) => text(o, 'spec', 'restartPolicy'),
      'spec.schedulerName': (o) => text(o, 'spec', 'schedulerName'),
      'spec.serviceAccountName': (o) => text(o, 'spec', 'serviceAccountName'),
      'spec.hostNetwork': (o) => text(o, 'spec', 'hostNetwork') || 'false',
      'status.phase': (o) => text(o, 'status', 'phase'),
      'status.podIP': (o) => text(o, 'status', 'podIP'),
      'status.nominatedNodeName': (o) => text(o, 'status', 'nominatedNodeName'),
    },
  }),
  builtin('', 'v1', 'secrets', 'Secret', { typeName: 'V1Secret', fieldSelectors: { type: (o) => text(o, 'type') } }),
  builtin('', 'v1', 'serviceaccounts', 'ServiceAccount', { shortNames: ['sa'], deleteReturnsObject: true, typeName: 'V1ServiceAccount' }),
  builtin('', 'v1', 'services', 'Service', { shortNames: ['svc'], categories: ALL, status: true, nameRule: 'dns1035', typeName: 'V1Service', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] }),
  builtin('apiregistration.k8s.io', 'v1', 'apiservices', 'APIService', { clusterScoped: true, status: true, categories: ['api-extensions'], typeName: 'V1APIService' }),
  builtin('apps', 'v1', 'controllerrevisions', 'ControllerRevision', { typeName: 'V1ControllerRevision' }),
  builtin('apps', 'v1', 'daemonsets', 'DaemonSet', { shortNames: ['ds'], categories: ALL, status: true, generation: true, typeName: 'V1DaemonSet' }),
  builtin('apps', 'v1', 'deployments', 'Deployment', { shortNames: ['deploy'], categories: ALL, status: true, scale: true, generation: true, typeName: 'V1Deployment' }),
  builtin('apps', 'v1', 'replicasets', 'ReplicaSet', {
    shortNames: ['rs'],
    categories: ALL,
    status: true,
    scale: true,
    generation: true,
    typeName: 'V1ReplicaSet',
    fieldSelectors: { 'status.replicas': (o) => text(o, 'status', 'replicas') || '0' },
  }),
  builtin('apps', 'v1', 'statefulsets', 'StatefulSet', { shortNames: ['sts'], categories: ALL, status: true, scale: true, generation: true, typeName: 'V1StatefulSet' }),
  builtin('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', { shortNames: ['hpa'], categories: ALL, status: true, typeName: 'V2HorizontalPodAutoscaler' }),
  builtin('batch', 'v1', 'cronjobs', 'CronJob', { shortNames: ['cj'], categories: ALL, status: true, generation: true, typeName: 'V1CronJob' }),
  builtin('batch', 'v1', 'jobs', 'Job', { categories: ALL, status: true, generation: true, typeName: 'V1Job', fieldSelectors: { 'status.successful': (o) => text(o, 'status', 'succeeded') || '0' } }),
  builtin('networking.k8s.io', 'v1', 'ingresses', 'Ingress', { shortNames: ['ing'], status: true, generation: true, typeName: 'V1Ingress' }),
  builtin('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', { shortNames: ['netpol'], generation: true, typeName: 'V1NetworkPolicy' }),
  builtin('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', { shortNames: ['pdb'], status: true, generation: true, typeName: 'V1PodDisruptionBudget' }),
  builtin('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', { clusterScoped: true, nameRule: 'path-segment', typeName: 'V1ClusterRoleBinding' }),
  builtin('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', { clusterScoped: true, nameRule: 'path-segment', typeName: 'V1ClusterRole' }),
  builtin('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', { nameRule: 'path-segment', typeName: 'V1RoleBinding' }),
  builtin('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', { nameRule: 'path-segment', typeName: 'V1Role' }),
  builtin('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', 'CustomResourceDefinition', {
    shortNames: ['crd', 'crds'],
    categories: ['api-extensions'],
    clusterScoped: true,
    status: true,
    generation: true,
    typeName: 'V1CustomResourceDefinition',
  }),
  builtin('coordination.k8s.io', 'v1', 'leases', 'Lease', { typeName: 'V1Lease' }),
];

/** Group order in /apis (upstream lists apiregistration first, then by priority; CRD groups follow). */
export const BUILTIN_GROUP_ORDER: readonly string[] = [
  'apiregistration.k8s.io',
  'apps',
  'autoscaling',
  'batch',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'apiextensions.k8s.io',
  'coordination.k8s.io',
];
