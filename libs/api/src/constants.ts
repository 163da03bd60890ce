// Well-known names Argo CD and Argo Rollouts put on objects: API group, labels, annotations, finalizers and
// the names of the settings objects. Driftless reads and writes the same keys so existing manifests work.

/** API group of every Argo resource. */
export const ARGOPROJ_GROUP = 'argoproj.io';
/** The only served version of the Argo resources. */
export const ARGOPROJ_VERSION = 'v1alpha1';
/** `apiVersion` of Application, AppProject, Rollout, AnalysisTemplate and AnalysisRun objects. */
export const ARGOPROJ_API_VERSION = 'argoproj.io/v1alpha1';

/** Namespace the control plane lives in unless configured otherwise. */
export const DEFAULT_CONTROL_NAMESPACE = 'argocd';
/** Server URL that names the cluster Driftless itself runs in. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';
/** Cluster name that names the cluster Driftless itself runs in. */
export const IN_CLUSTER_NAME = 'in-cluster';
/** The project every installation has; applications without a better one use it. */
export const DEFAULT_PROJECT = 'default';

/** Annotation holding `<app>:<group>/<kind>:<namespace>/<name>` on resources tracked by annotation. */
export const ANNOTATION_TRACKING_ID = 'argocd.argoproj.io/tracking-id';
/** Default label holding the application name on resources tracked by label (`application.instanceLabelKey`). */
export const LABEL_APP_INSTANCE = 'app.kubernetes.io/instance';
/** Label the settings ConfigMaps and Secrets carry (`argocd`). */
export const LABEL_PART_OF = 'app.kubernetes.io/part-of';
/** Integer wave a resource syncs in; lower waves first, default 0. */
export const ANNOTATION_SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
/** Comma list of hook types (PreSync, Sync, PostSync, SyncFail, Skip, PreDelete, PostDelete). */
export const ANNOTATION_HOOK = 'argocd.argoproj.io/hook';
/** Comma list of hook delete policies (HookSucceeded, HookFailed, BeforeHookCreation). */
export const ANNOTATION_HOOK_DELETE_POLICY = 'argocd.argoproj.io/hook-delete-policy';
/** Comma list of per-resource sync options, e.g. `Prune=false,ServerSideApply=true`. */
export const ANNOTATION_SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
/** Comma list of per-resource compare options, e.g. `IgnoreExtraneous`. */
export const ANNOTATION_COMPARE_OPTIONS = 'argocd.argoproj.io/compare-options';
/** Set on an Application to request a refresh: `normal` or `hard`; removed once served. */
export const ANNOTATION_REFRESH = 'argocd.argoproj.io/refresh';
/** `"true"` on an Application stops the controller from reconciling it. */
export const ANNOTATION_SKIP_RECONCILE = 'argocd.argoproj.io/skip-reconcile';
/** Semicolon list of paths a webhook push must touch to refresh the application. */
export const ANNOTATION_MANIFEST_GENERATE_PATHS = 'argocd.argoproj.io/manifest-generate-paths';
/** Label that tells a Secret's role: `repository`, `repo-creds` or `cluster`. */
export const LABEL_SECRET_TYPE = 'argocd.argoproj.io/secret-type';
/** Annotation marking Secrets the platform created itself (value `argocd.argoproj.io`). */
export const ANNOTATION_MANAGED_BY = 'managed-by';
/** Value of {@link ANNOTATION_MANAGED_BY} on Secrets the platform created. */
export const MANAGED_BY_ARGOCD = 'argocd.argoproj.io';

/** Helm's hook annotation; Helm hooks map onto Argo hooks. */
export const ANNOTATION_HELM_HOOK = 'helm.sh/hook';
/** Helm's hook ordering, read as a sync wave for Helm hooks. */
export const ANNOTATION_HELM_HOOK_WEIGHT = 'helm.sh/hook-weight';
/** Helm's hook delete policy. */
export const ANNOTATION_HELM_HOOK_DELETE_POLICY = 'helm.sh/hook-delete-policy';

/** Finalizer for cascading (foreground) deletion of an application's resources. */
export const FINALIZER_RESOURCES = 'resources-finalizer.argocd.argoproj.io';
/** Finalizer for cascading deletion in the background. */
export const FINALIZER_RESOURCES_BACKGROUND = 'resources-finalizer.argocd.argoproj.io/background';
/** Finalizer held while PreDelete hooks run. */
export const FINALIZER_PRE_DELETE = 'pre-delete-finalizer.argocd.argoproj.io';
/** Finalizer held while PostDelete hooks run. */
export const FINALIZER_POST_DELETE = 'post-delete-finalizer.argocd.argoproj.io';

/** Prefix of the per-application subscription annotations: `notifications.argoproj.io/subscribe.<trigger>.<service>`. */
export const ANNOTATION_NOTIFICATIONS_SUBSCRIBE_PREFIX = 'notifications.argoproj.io/subscribe.';

/** Label Argo Rollouts puts on ReplicaSets, Pods and Services to pick one revision. */
export const LABEL_ROLLOUTS_POD_TEMPLATE_HASH = 'rollouts-pod-template-hash';
/** Revision number annotation on a Rollout and its ReplicaSets. */
export const ANNOTATION_ROLLOUT_REVISION = 'rollout.argoproj.io/revision';
/** Replica count the Rollout wanted when it last scaled a ReplicaSet. */
export const ANNOTATION_ROLLOUT_DESIRED_REPLICAS = 'rollout.argoproj.io/desired-replicas';
/** Time after which an old ReplicaSet is scaled down (RFC 3339). */
export const ANNOTATION_ROLLOUT_SCALE_DOWN_DEADLINE = 'scale-down-deadline';
/** Annotation on Services that a Rollout manages, naming the Rollout. */
export const ANNOTATION_MANAGED_BY_ROLLOUTS = 'argo-rollouts.argoproj.io/managed-by-rollouts';

/** Name of the general settings ConfigMap. */
export const ARGOCD_CM = 'argocd-cm';
/** Name of the ConfigMap holding the SSH host keys trusted for repositories (key {@link SSH_KNOWN_HOSTS_KEY}). */
export const ARGOCD_SSH_KNOWN_HOSTS_CM = 'argocd-ssh-known-hosts-cm';
/** Key of {@link ARGOCD_SSH_KNOWN_HOSTS_CM}: OpenSSH `known_hosts` lines. */
export const SSH_KNOWN_HOSTS_KEY = 'ssh_known_hosts';
/** Name of the ConfigMap of component parameters (`controller.diff.server.side`, …). */
export const ARGOCD_CMD_PARAMS_CM = 'argocd-cmd-params-cm';
/** Name of the RBAC settings ConfigMap. */
export const ARGOCD_RBAC_CM = 'argocd-rbac-cm';
/** Name of the notifications settings ConfigMap. */
export const ARGOCD_NOTIFICATIONS_CM = 'argocd-notifications-cm';
/** Name of the Secret holding the admin password, signing key and webhook secrets. */
export const ARGOCD_SECRET = 'argocd-secret';
/** Name of the Secret whose keys `$name` references in notification services resolve to. */
export const ARGOCD_NOTIFICATIONS_SECRET = 'argocd-notifications-secret';
