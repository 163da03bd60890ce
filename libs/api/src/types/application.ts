// The Application resource: what to deploy (sources), where (destination), under which project and how to
// keep it in sync. Shapes follow Argo CD's Application CRD (argoproj.io/v1alpha1).

import type { KubeObject } from './kube-object.js';
import type { ApplicationSource } from './application-source.js';
import type { Operation } from './application-operation.js';
import type { ApplicationStatus } from './application-status.js';

/** Target cluster and namespace. Exactly one of `server` or `name` identifies the cluster. */
export interface ApplicationDestination {
  server?: string;
  name?: string;
  namespace?: string;
}

/** Automated sync: sync whenever Git and the cluster differ. */
export interface SyncPolicyAutomated {
  /** Delete resources no longer in Git (default false). */
  prune?: boolean;
  /** Sync again when the live state drifts without a Git change (default false). */
  selfHeal?: boolean;
  /** Allow a sync that would leave the application without resources (default false). */
  allowEmpty?: boolean;
  /** Turns automation off without removing the block (default true when the block exists). */
  enabled?: boolean;
}

/** Back-off between sync retries: `duration` × `factor`^n, capped at `maxDuration`. */
export interface Backoff {
  /** First delay; a Go duration (`5s`, `2m`) or a bare number of seconds. */
  duration?: string;
  /** Multiplier per retry. */
  factor?: number;
  /** Upper bound of one delay. */
  maxDuration?: string;
}

/** How failed syncs are retried. */
export interface RetryStrategy {
  /** Number of retries; negative means unlimited, 0 none. */
  limit?: number;
  backoff?: Backoff;
  /** Retry with the latest revision instead of the one first attempted. */
  refresh?: boolean;
}

/** Labels and annotations put on the destination namespace when `CreateNamespace=true`. */
export interface ManagedNamespaceMetadata {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** When and how the application syncs. */
export interface SyncPolicy {
  automated?: SyncPolicyAutomated;
  /** `Key=Value` options such as `CreateNamespace=true`, `PruneLast=true`, `ServerSideApply=true`. */
  syncOptions?: string[];
  retry?: RetryStrategy;
  managedNamespaceMetadata?: ManagedNamespaceMetadata;
}

/** Fields to leave out of the comparison for matching resources. `name`/`namespace` match exactly. */
export interface ResourceIgnoreDifferences {
  group?: string;
  kind: string;
  name?: string;
  namespace?: string;
  /** RFC 6901 pointers, e.g. `/spec/replicas`. */
  jsonPointers?: string[];
  /** jq paths, e.g. `.spec.template.spec.containers[] | select(.name == "x") | .image`. */
  jqPathExpressions?: string[];
  /** Ignore every field owned by these field managers. */
  managedFieldsManagers?: string[];
}

/** A name/value pair shown to users (application info, operation info). */
export interface Info {
  name: string;
  value: string;
}

/** The desired state of an application. */
export interface ApplicationSpec {
  /** Single source; ignored when `sources` is non-empty. */
  source?: ApplicationSource;
  /** Several sources rendered together; wins over `source`. */
  sources?: ApplicationSource[];
  destination: ApplicationDestination;
  /** AppProject the application belongs to. */
  project: string;
  syncPolicy?: SyncPolicy;
  ignoreDifferences?: ResourceIgnoreDifferences[];
  info?: Info[];
  /** Entries kept in `status.history` (default 10). */
  revisionHistoryLimit?: number;
}

/** An Argo CD Application. `operation` is present while a sync is requested or running. */
export interface Application extends KubeObject {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'Application';
  spec: ApplicationSpec;
  status?: ApplicationStatus;
  operation?: Operation;
}
