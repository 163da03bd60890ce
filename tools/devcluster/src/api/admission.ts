// Namespace lifecycle admission: creating inside a missing or terminating namespace is refused.
import { ApiError } from '../errors/api-error.js';
import { notFound } from '../errors/statuses.js';
import { readPath } from '../model/meta.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import type { ApiDeps } from './api-context.js';

const NAMESPACES = { group: '', resource: 'namespaces' };

/**
 * Checks a create of `desc` named `name` in `namespace`: 404 `namespaces "x" not found` when the
 * namespace does not exist, 403 with cause NamespaceTerminating while it is being deleted.
 */
export function admitCreate(deps: ApiDeps, desc: ResourceDescriptor, namespace: string, name: string): void {
  if (!desc.namespaced) return;
  const ns = deps.store.get({ ...NAMESPACES, namespace: '', name: namespace });
  if (ns === undefined) throw notFound(NAMESPACES, namespace);
  const terminating = readPath(ns.object, ['metadata', 'deletionTimestamp']) !== undefined || readPath(ns.object, ['status', 'phase']) === 'Terminating';
  if (!terminating) return;
  const qualified = desc.group === '' ? desc.resource : `${desc.resource}.${desc.group}`;
  throw new ApiError(403, 'Forbidden', `${qualified} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`, {
    name,
    group: desc.group,
    kind: desc.resource,
    causes: [{ reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' }],
  });
}
