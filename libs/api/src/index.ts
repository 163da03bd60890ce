// Public API of @driftless/api: the resource model, parsers, CRDs and validation Driftless reads and writes.
export * from './errors/driftless-error.js';
export * from './constants.js';

export type * from './types/kube-object.js';
export type * from './types/application.js';
export type * from './types/application-source.js';
export type * from './types/application-operation.js';
export type * from './types/application-status.js';
export type * from './types/app-project.js';
export type * from './types/rollout.js';
export type * from './types/rollout-status.js';
export type * from './types/analysis.js';
export type * from './types/custom-resource-definition.js';

export { applicationSources, hasMultipleSources } from './model/application-sources.js';
export { parseGoDuration, parseSecondsOrDuration } from './util/duration.js';
export { joinPath, pointerToSegments } from './util/field-path.js';

export { normalizeGitUrl, sameRepoUrl, isSshUrl } from './secrets/git-url.js';
export { formatSecretRef } from './secrets/secret-reader.js';
export type { SecretRef } from './secrets/secret-reader.js';
export { parseRepositorySecret, parseRepoCredsSecret, hasCredentials } from './secrets/repository.js';
export type { ArgoSecretType, RepositoryAuth, RepositoryCredentials, RepositoryType } from './secrets/repository.js';
export { credentialsFor, urlPrefixMatches } from './secrets/credentials-for.js';
export type { CredentialsForOptions } from './secrets/credentials-for.js';
export { parseClusterSecret } from './secrets/cluster.js';
export type { AwsAuthConfig, ClusterConfig, ClusterCredentials, ClusterTlsClientConfig, ExecProviderConfig } from './secrets/cluster.js';
export { argoSecretType, parseArgoSecret } from './secrets/argo-secret.js';
export type { ParsedArgoSecret } from './secrets/argo-secret.js';

export { parseArgoCdConfigMap, DEFAULT_RECONCILIATION_JITTER_MS, DEFAULT_RECONCILIATION_TIMEOUT_MS } from './settings/argocd-cm.js';
export type { AccountCapability, ArgoCdSettings, CompareOptions, FilteredResource, LocalAccount, TrackingMethod } from './settings/argocd-cm.js';
export { CORE_EXCLUDED_RESOURCES, filteredResourceMatches, isExcludedResource } from './settings/resource-filter.js';
export type { ResourceFilter } from './settings/resource-filter.js';
export { overrideKeyOf } from './settings/resource-customizations.js';
export type { KnownTypeField, OverrideIgnoreDiff, ResourceActionDefinition, ResourceActions, ResourceOverride } from './settings/resource-customizations.js';
export { parseRbacConfigMap } from './settings/argocd-rbac-cm.js';
export type { PolicyMatchMode, RbacSettings } from './settings/argocd-rbac-cm.js';
export { parseNotificationsConfigMap } from './settings/argocd-notifications-cm.js';
export type {
  DefaultSubscription,
  NotificationService,
  NotificationTemplate,
  NotificationsSettings,
  SlackTemplate,
  TriggerCondition,
  WebhookTemplate,
} from './settings/argocd-notifications-cm.js';

export { CRD_DIRECTORY, crdFiles, loadCrdManifests } from './validation/crd-files.js';
export { loadCrdSchemas, validateAgainstCrd } from './validation/crd-validator.js';
export type { CrdSchema, CrdValidationOptions } from './validation/crd-validator.js';
export { validateApplication } from './validation/validate-application.js';
export { validateAppProject } from './validation/validate-app-project.js';
export { validateRollout } from './validation/validate-rollout.js';
export { validateResource } from './validation/validate-resource.js';
export { KNOWN_SYNC_OPTIONS, hasSyncOption, syncOptionValue } from './validation/sync-options.js';
export { isDns1123Label, isDns1123Subdomain } from './validation/object-meta.js';
export * from './util/json.js';

export { defaultAppProject } from './project/default-project.js';
export { groupKindDenial, isAppNamespacePermitted, isDestinationPermitted, isGroupKindPermitted, isSourcePermitted } from './project/permissions.js';
export type { DestinationCheckOptions, GroupKindRule, ProjectCluster, ProjectRules } from './project/permissions.js';
export { checkApplicationPermitted, checkResourcesPermitted } from './project/violations.js';
export type { ApplicationCheckOptions, IsNamespaced, ProjectResource, ProjectRule, ProjectViolation } from './project/violations.js';
