// Plain shapes of the generic Kubernetes objects Driftless handles: metadata, any object, Secrets,
// ConfigMaps, label selectors. Field names are the Kubernetes API's.

/** An RFC 3339 timestamp as Kubernetes serialises it, e.g. `2024-05-01T12:00:00Z`. */
export type Timestamp = string;

/** A value that is either an integer or a string such as `25%` (Kubernetes `IntOrString`). */
export type IntOrString = number | string;

/** Points from a dependent object to its owner; garbage collection follows it. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** One field manager's record in `metadata.managedFields` (server-side apply). */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: 'Apply' | 'Update';
  apiVersion?: string;
  time?: Timestamp;
  fieldsType?: string;
  fieldsV1?: Record<string, unknown>;
  subresource?: string;
}

/** Standard object metadata. Every field is optional because manifests may omit any of them. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: Timestamp;
  deletionTimestamp?: Timestamp;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
}

/** The part every Kubernetes object has. Typed resources extend it with their own `spec`/`status`. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

/** Any object whose schema Driftless does not model (rendered manifests, live resources). */
export type UnstructuredObject = KubeObject & Record<string, unknown>;

/** A set-based label requirement (`In`, `NotIn`, `Exists`, `DoesNotExist`). */
export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

/** Kubernetes label selector; an empty selector matches everything. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/**
 * A Secret as the API or a manifest gives it: `data` values are base64, `stringData` values plain text
 * (manifests only; the API server folds them into `data`).
 */
export interface Secret {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, unknown>;
  immutable?: boolean;
}

/** A ConfigMap as the API or a manifest gives it. */
export interface ConfigMap {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

/** A pod template as Deployments and Rollouts carry it; the pod spec is left unmodelled. */
export interface PodTemplateSpec {
  metadata?: ObjectMeta;
  spec?: Record<string, unknown>;
}
