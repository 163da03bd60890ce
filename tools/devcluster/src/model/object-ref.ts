// Names for resource types and objects as the store and the registry key them.

/** A stored resource type: objects of every served version of it share one bucket. */
export interface BucketRef {
  readonly group: string; // '' for the core group
  readonly resource: string; // plural, e.g. 'deployments'
}

/** One object in the store; namespace is '' for cluster-scoped objects. */
export interface ObjectRef extends BucketRef {
  readonly namespace: string;
  readonly name: string;
}

/** The bucket's string id, e.g. 'apps/deployments' or 'configmaps' for the core group. */
export function bucketId(ref: BucketRef): string {
  return ref.group === '' ? ref.resource : `${ref.group}/${ref.resource}`;
}

/** The item key inside a bucket; NUL sorts before every name character, so keys sort by (namespace, name). */
export function itemKey(namespace: string, name: string): string {
  return `${namespace}\u0000${name}`;
}

/** Splits an item key made by {@link itemKey}. */
export function splitItemKey(key: string): { namespace: string; name: string } {
  const at = key.indexOf('\u0000');
  return { namespace: key.slice(0, at), name: key.slice(at + 1) };
}

/** A readable form for log lines and messages: 'apps/deployments ns/name'. */
export function describeRef(ref: ObjectRef): string {
  return `${bucketId(ref)} ${ref.namespace === '' ? '' : `${ref.namespace}/`}${ref.name}`;
}
