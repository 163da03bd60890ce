// The AppProject resource: which repositories, destinations and resource kinds a group of applications may
// use, its roles and sync windows. Shapes follow Argo CD's AppProject CRD.

import type { KubeObject } from './kube-object.js';

/** A destination applications of the project may deploy to; `server`, `name` and `namespace` are globs. */
export interface ProjectDestination {
  server?: string;
  name?: string;
  namespace?: string;
}

/** A group/kind pair, used by the resource white- and blacklists. `*` globs are allowed. */
export interface GroupKind {
  group: string;
  kind: string;
}

/** A JWT issued for a project role; revoked by deleting the entry. */
export interface JwtToken {
  iat: number;
  exp?: number;
  id?: string;
}

/** A project role: Casbin policies in `p, proj:<project>:<role>, <resource>, <action>, <project>/<object>, <effect>` form. */
export interface ProjectRole {
  name: string;
  description?: string;
  policies?: string[];
  /** SSO groups bound to the role. */
  groups?: string[];
  jwtTokens?: JwtToken[];
}

/** A cron window in which syncs are allowed or denied. */
export interface SyncWindow {
  kind?: 'allow' | 'deny';
  /** Five-field cron expression of the window start. */
  schedule?: string;
  /** Go duration of the window, e.g. `1h`. */
  duration?: string;
  applications?: string[];
  namespaces?: string[];
  clusters?: string[];
  /** Whether manual syncs are allowed inside a deny window / outside an allow window. */
  manualSync?: boolean;
  timeZone?: string;
  andOperator?: boolean;
  description?: string;
}

/** A resource to leave alone when reporting orphans. */
export interface OrphanedResourceKey {
  group?: string;
  kind?: string;
  name?: string;
}

/** Orphaned resource monitoring: resources in destination namespaces that no application manages. */
export interface OrphanedResourcesMonitorSettings {
  /** Also set an OrphanedResourceWarning condition (default true when the block is set). */
  warn?: boolean;
  ignore?: OrphanedResourceKey[];
}

/** A GnuPG key ID commits must be signed with. */
export interface SignatureKey {
  keyID: string;
}

/** The rules of a project. */
export interface AppProjectSpec {
  description?: string;
  /** Repository URL globs applications may use; `*` allows any. */
  sourceRepos?: string[];
  /** Namespaces Applications of this project may live in (apps in any namespace). */
  sourceNamespaces?: string[];
  destinations?: ProjectDestination[];
  clusterResourceWhitelist?: GroupKind[];
  clusterResourceBlacklist?: GroupKind[];
  namespaceResourceWhitelist?: GroupKind[];
  namespaceResourceBlacklist?: GroupKind[];
  roles?: ProjectRole[];
  syncWindows?: SyncWindow[];
  orphanedResources?: OrphanedResourcesMonitorSettings;
  signatureKeys?: SignatureKey[];
  /** Restrict applications to clusters scoped to this project. */
  permitOnlyProjectScopedClusters?: boolean;
}

/** Issued tokens per role, as the API server records them. */
export interface AppProjectStatus {
  jwtTokensByRole?: Record<string, { items?: JwtToken[] }>;
}

/** An Argo CD AppProject. */
export interface AppProject extends KubeObject {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'AppProject';
  spec: AppProjectSpec;
  status?: AppProjectStatus;
}
