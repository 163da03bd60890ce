// The lookup table from resource bucket to its strategy (one file per family, no if-chains).
// Defaulting and validation cover a subset of upstream's (D14).
import { configMapStrategy, namespaceStrategy, podStrategy, secretStrategy } from './core-strategies.js';
import { crdStrategy } from './crd-strategy.js';
import { serviceStrategy } from './service-strategy.js';
import type { KindStrategy } from './strategy.js';
import { cronJobStrategy, daemonSetStrategy, deploymentStrategy, jobStrategy, replicaSetStrategy, statefulSetStrategy } from './workload-strategies.js';

export type { KindStrategy, StrategyContext } from './strategy.js';

const STRATEGIES: Readonly<Record<string, KindStrategy>> = {
  namespaces: namespaceStrategy,
  pods: podStrategy,
  secrets: secretStrategy,
  configmaps: configMapStrategy,
  services: serviceStrategy,
  'apps/deployments': deploymentStrategy,
  'apps/replicasets': replicaSetStrategy,
  'apps/statefulsets': statefulSetStrategy,
  'apps/daemonsets': daemonSetStrategy,
  'batch/jobs': jobStrategy,
  'batch/cronjobs': cronJobStrategy,
  'apiextensions.k8s.io/customresourcedefinitions': crdStrategy,
};

const NONE: KindStrategy = {};

/** The strategy of a bucket ('apps/deployments'); kinds without one get the empty strategy. */
export function strategyFor(bucketId: string): KindStrategy {
  return STRATEGIES[bucketId] ?? NONE;
}
