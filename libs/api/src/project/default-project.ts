// The `default` AppProject Argo CD's API server creates when it is missing: anything from anywhere to anywhere.

import { ARGOPROJ_API_VERSION, DEFAULT_PROJECT } from '../constants.js';
import type { AppProject } from '../types/app-project.js';

/**
 * Argo's default project in `namespace` (the control-plane namespace): any repository, any server and
 * namespace, any cluster-scoped kind; namespaced kinds are allowed because no namespaced list is set.
 * Destinations name servers only, so a destination known only by cluster name must be resolved to its
 * server before `isDestinationPermitted` can permit it. Returns a fresh object on every call.
 */
export function defaultAppProject(namespace: string): AppProject {
  return {
    apiVersion: ARGOPROJ_API_VERSION,
    kind: 'AppProject',
    metadata: { name: DEFAULT_PROJECT, namespace },
    spec: {
      sourceRepos: ['*'],
      destinations: [{ server: '*', namespace: '*' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    },
  };
}
