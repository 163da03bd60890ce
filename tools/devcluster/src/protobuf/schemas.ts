// Protobuf field numbers of the built-in kinds kubectl's typed clients POST (kubectl create namespace,
// configmap, secret, serviceaccount): the k8s.io/api wire format, as observed from kubectl 1.33 (D2).

/** How one field is encoded. Message-typed fields name their message. */
export type FieldType = 'string' | 'bytes' | 'int' | 'bool' | { readonly message: string };

/** One field: JSON name, type, and repeated / map<string, T> shape. */
export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly repeated?: true;
  /** map<string, type>: entries are messages {1: key, 2: value}. */
  readonly map?: true;
}

/** A message: field number → spec. */
export type MessageSpec = Readonly<Record<number, FieldSpec>>;

const TIME: MessageSpec = { 1: { name: 'seconds', type: 'int' }, 2: { name: 'nanos', type: 'int' } };

/** Messages by name; kinds are looked up by `${apiVersion}/${kind}`. */
export const MESSAGES: Readonly<Record<string, MessageSpec>> = {
  Time: TIME,
  ObjectMeta: {
    1: { name: 'name', type: 'string' },
    2: { name: 'generateName', type: 'string' },
    3: { name: 'namespace', type: 'string' },
    4: { name: 'selfLink', type: 'string' },
    5: { name: 'uid', type: 'string' },
    6: { name: 'resourceVersion', type: 'string' },
    7: { name: 'generation', type: 'int' },
    8: { name: 'creationTimestamp', type: { message: 'Time' } },
    9: { name: 'deletionTimestamp', type: { message: 'Time' } },
    10: { name: 'deletionGracePeriodSeconds', type: 'int' },
    11: { name: 'labels', type: 'string', map: true },
    12: { name: 'annotations', type: 'string', map: true },
    13: { name: 'ownerReferences', type: { message: 'OwnerReference' }, repeated: true },
    14: { name: 'finalizers', type: 'string', repeated: true },
  },
  OwnerReference: {
    1: { name: 'kind', type: 'string' },
    3: { name: 'name', type: 'string' },
    4: { name: 'uid', type: 'string' },
    5: { name: 'apiVersion', type: 'string' },
    6: { name: 'controller', type: 'bool' },
    7: { name: 'blockOwnerDeletion', type: 'bool' },
  },
  ObjectReference: {
    1: { name: 'kind', type: 'string' },
    2: { name: 'namespace', type: 'string' },
    3: { name: 'name', type: 'string' },
    4: { name: 'uid', type: 'string' },
    5: { name: 'apiVersion', type: 'string' },
    6: { name: 'resourceVersion', type: 'string' },
    7: { name: 'fieldPath', type: 'string' },
  },
  LocalObjectReference: { 1: { name: 'name', type: 'string' } },
  NamespaceSpec: { 1: { name: 'finalizers', type: 'string', repeated: true } },
  NamespaceStatus: { 1: { name: 'phase', type: 'string' } },
  'v1/Namespace': {
    1: { name: 'metadata', type: { message: 'ObjectMeta' } },
    2: { name: 'spec', type: { message: 'NamespaceSpec' } },
    3: { name: 'status', type: { message: 'NamespaceStatus' } },
  },
  'v1/ConfigMap': {
    1: { name: 'metadata', type: { message: 'ObjectMeta' } },
    2: { name: 'data', type: 'string', map: true },
    3: { name: 'binaryData', type: 'bytes', map: true },
    4: { name: 'immutable', type: 'bool' },
  },
  'v1/Secret': {
    1: { name: 'metadata', type: { message: 'ObjectMeta' } },
    2: { name: 'data', type: 'bytes', map: true },
    3: { name: 'type', type: 'string' },
    4: { name: 'stringData', type: 'string', map: true },
    5: { name: 'immutable', type: 'bool' },
  },
  'v1/ServiceAccount': {
    1: { name: 'metadata', type: { message: 'ObjectMeta' } },
    2: { name: 'secrets', type: { message: 'ObjectReference' }, repeated: true },
    3: { name: 'imagePullSecrets', type: { message: 'LocalObjectReference' }, repeated: true },
    4: { name: 'automountServiceAccountToken', type: 'bool' },
  },
};
