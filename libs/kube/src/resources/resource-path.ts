// Builds REST paths for a resolved resource: /api/v1/namespaces/ns/configmaps/name and friends.
import { InvalidInputError } from '@driftless/api';
import { apiVersionOf } from '../discovery/gvk.js';
import type { ApiResource } from '../discovery/gvk.js';

/**
 * The collection path (no `name`) or object path of `resource`. A namespaced resource without a
 * namespace yields the all-namespaces collection (for list and watch); naming an object of a
 * namespaced kind without its namespace, or an empty name, is an InvalidInputError.
 */
export function resourcePath(resource: ApiResource, namespace?: string, name?: string): string {
  const root = resource.group ? `/apis/${apiVersionOf(resource)}` : `/api/${resource.version}`;
  if (name === '') {
    throw new InvalidInputError(`${resource.kind}: metadata.name is required`, {
      problems: [{ path: 'metadata.name', message: 'required' }],
      context: { kind: resource.kind, group: resource.group, namespace },
    });
  }
  if (resource.namespaced && !namespace && name !== undefined) {
    throw new InvalidInputError(`${resource.kind} ${name}: a namespace is required for a namespaced kind`, {
      problems: [{ path: 'metadata.namespace', message: 'required' }],
      context: { kind: resource.kind, group: resource.group, name },
    });
  }
  const scope = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const object = name === undefined ? '' : `/${encodeURIComponent(name)}`;
  return `${root}${scope}/${resource.resource}${object}`;
}
