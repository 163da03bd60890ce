// The worker's Prometheus metrics under Argo CD's application-controller and repo-server names and
// labels, so existing dashboards and alerts work unchanged; plus Node's default process metrics.
import { normalizeGitUrl } from '@driftless/api';
import type { Application, OperationPhase } from '@driftless/api';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppKey } from '../applications/app-writer.js';
import type { ClusterConnection } from '../clusters/cluster-live-states.js';

/** Argo CD's `argocd_app_reconcile` buckets, in seconds (chosen by Argo for a ~2 s mean reconcile). */
export const RECONCILE_BUCKETS: readonly number[] = [0.25, 0.5, 1, 2, 4, 8, 16];
/** Argo CD's `argocd_git_request_duration_seconds` buckets (repo-server). */
export const GIT_REQUEST_BUCKETS: readonly number[] = [0.1, 0.25, 0.5, 1, 2, 4, 10, 20];

/** The app a series is about: the watched Application, or only its key once it is gone. */
export type AppRef = Application | AppKey;

/** One Kubernetes API call made for an app (`argocd_app_k8s_request_total`). */
export interface K8sRequest {
  /** The app it was made for; none for calls of no app. */
  readonly app?: AppRef;
  /** API server URL (the in-cluster destination as `https://kubernetes.default.svc`). */
  readonly server: string;
  /** client-go's verb names: Get, List, Watch, Create, Update, Patch, Delete. */
  readonly verb: string;
  readonly resourceKind: string;
  readonly resourceNamespace?: string;
  /** The HTTP status; undefined when the call got no answer. */
  readonly status: number | undefined;
}

/** One Git request to a repository server (`argocd_git_request_*`). */
export interface GitRequest {
  readonly repoURL: string;
  readonly durationMs: number;
  /** Argo's repo-server counts ref listings (`ls-remote`) apart from fetches. @defaultValue `fetch` */
  readonly requestType?: 'ls-remote' | 'fetch';
}

/** The metrics and the hooks that feed them. */
export interface WorkerMetrics {
  readonly registry: Registry;
  /** `Content-Type` of {@link WorkerMetrics.scrape}'s text. */
  readonly contentType: string;
  /** Every metric in the Prometheus text format. */
  scrape(): Promise<string>;
  /** The Applications `argocd_app_info` describes, read at every scrape (so deleted apps drop out). */
  trackApplications(list: () => readonly Application[]): void;
  /** The destination clusters `argocd_cluster_connection_status` describes, read at every scrape. */
  trackClusters(list: () => readonly ClusterConnection[]): void;
  /** One refresh (comparison) of `app` took `durationMs`. */
  observeReconcile(app: AppRef, durationMs: number): void;
  /** An operation of `app` finished in `phase`; Running and Terminating are not finishes and are ignored. */
  countSync(app: AppRef, phase: OperationPhase): void;
  countK8sRequest(request: K8sRequest): void;
  observeGitRequest(request: GitRequest): void;
}

const FINISHED: ReadonlySet<OperationPhase> = new Set(['Succeeded', 'Failed', 'Error']);

/**
 * Creates the metrics in `registry` (a fresh one by default; names must be unique in it, so one
 * WorkerMetrics per registry). Label sets are Argo CD's:
 * - `argocd_app_info` gauge {namespace, name, project, autosync_enabled, repo, dest_server, dest_namespace, sync_status, health_status, operation} = 1;
 * - `argocd_app_reconcile` histogram {namespace, dest_server};
 * - `argocd_app_sync_total` counter {namespace, name, project, dest_server, phase};
 * - `argocd_app_k8s_request_total` counter {namespace, name, project, server, response_code, verb, resource_kind, resource_namespace};
 * - `argocd_git_request_total` counter and `argocd_git_request_duration_seconds` histogram {repo, request_type};
 * - `argocd_cluster_connection_status` gauge {server, k8s_version} (k8s_version left out: not known here).
 */
export function createWorkerMetrics(registry: Registry = new Registry()): WorkerMetrics {
  let applications: () => readonly Application[] = () => [];
  let clusters: () => readonly ClusterConnection[] = () => [];

  const appInfo: Gauge = new Gauge({
    name: 'argocd_app_info',
    help: 'Information about application.',
    labelNames: ['namespace', 'name', 'project', 'autosync_enabled', 'repo', 'dest_server', 'dest_namespace', 'sync_status', 'health_status', 'operation'],
    registers: [registry],
    // Built from the watch at scrape time, as Argo's collector lists its informer: nothing goes stale.
    collect: () => {
      appInfo.reset();
      for (const app of applications()) appInfo.set(appInfoLabels(app), 1);
    },
  });
  const clusterConnection: Gauge = new Gauge({
    name: 'argocd_cluster_connection_status',
    help: 'The k8s cluster current connection status.',
    labelNames: ['server', 'k8s_version'],
    registers: [registry],
    collect: () => {
      clusterConnection.reset();
      for (const cluster of clusters()) clusterConnection.set({ server: cluster.server }, cluster.connected ? 1 : 0);
    },
  });
  const reconcile = new Histogram({
    name: 'argocd_app_reconcile',
    help: 'Application reconciliation performance in seconds.',
    labelNames: ['namespace', 'dest_server'],
    buckets: [...RECONCILE_BUCKETS],
    registers: [registry],
  });
  const syncs = new Counter({
    name: 'argocd_app_sync_total',
    help: 'Number of application syncs.',
    labelNames: ['namespace', 'name', 'project', 'dest_server', 'phase'],
    registers: [registry],
  });
  const k8sRequests = new Counter({
    name: 'argocd_app_k8s_request_total',
    help: 'Number of kubernetes requests executed during application reconciliation.',
    labelNames: ['namespace', 'name', 'project', 'server', 'response_code', 'verb', 'resource_kind', 'resource_namespace'],
    registers: [registry],
  });
  const gitRequests = new Counter({
    name: 'argocd_git_request_total',
    help: 'Number of git requests performed by repo server',
    labelNames: ['repo', 'request_type'],
    registers: [registry],
  });
  const gitDurations = new Histogram({
    name: 'argocd_git_request_duration_seconds',
    help: 'Git requests duration seconds.',
    labelNames: ['repo', 'request_type'],
    buckets: [...GIT_REQUEST_BUCKETS],
    registers: [registry],
  });
  collectDefaultMetrics({ register: registry });

  return {
    registry,
    contentType: registry.contentType,
    scrape: () => registry.metrics(),
    trackApplications: (list) => {
      applications = list;
    },
    trackClusters: (list) => {
      clusters = list;
    },
    observeReconcile: (app, durationMs) => reconcile.observe({ namespace: namespaceOf(app), dest_server: destinationOf(app).server }, durationMs / 1000),
    countSync: (app, phase) => {
      if (FINISHED.has(phase)) syncs.inc({ ...identity(app), dest_server: destinationOf(app).server, phase });
    },
    countK8sRequest: (request) =>
      k8sRequests.inc({
        ...(request.app === undefined ? { namespace: '', name: '', project: '' } : identity(request.app)),
        server: request.server,
        // Argo reports client-go's status code, 0 when no answer came.
        response_code: String(request.status ?? 0),
        verb: request.verb,
        resource_kind: request.resourceKind,
        resource_namespace: request.resourceNamespace ?? '',
      }),
    observeGitRequest: (request) => {
      const labels = { repo: request.repoURL, request_type: request.requestType ?? 'fetch' };
      gitRequests.inc(labels);
      gitDurations.observe(labels, request.durationMs / 1000);
    },
  };
}

function isApplication(app: AppRef): app is Application {
  return 'metadata' in app;
}

function namespaceOf(app: AppRef): string {
  return isApplication(app) ? (app.metadata.namespace ?? '') : app.namespace;
}

// namespace, name and project: the labels every per-app series of Argo's controller starts with.
function identity(app: AppRef): { namespace: string; name: string; project: string } {
  if (!isApplication(app)) return { namespace: app.namespace, name: app.name, project: '' };
  // Argo's `Spec.GetProject()`: an empty project is `default`.
  return { namespace: namespaceOf(app), name: app.metadata.name ?? '', project: app.spec?.project || 'default' };
}

// Watched objects are not validated: a hand-written Application may lack any field.
function destinationOf(app: AppRef): { server: string; namespace: string } {
  const destination = isApplication(app) ? app.spec?.destination : undefined;
  return { server: destination?.server ?? '', namespace: destination?.namespace ?? '' };
}

function appInfoLabels(app: Application): Record<string, string> {
  // Argo's `Spec.GetSource()`: the first of several sources.
  const source = app.spec?.sources?.[0] ?? app.spec?.source;
  const destination = destinationOf(app);
  let operation = '';
  if (app.metadata.deletionTimestamp !== undefined) operation = 'delete';
  else if (app.operation?.sync !== undefined) operation = 'sync';
  return {
    ...identity(app),
    autosync_enabled: String(app.spec?.syncPolicy?.automated !== undefined),
    repo: normalizeGitUrl(source?.repoURL ?? ''),
    dest_server: destination.server,
    dest_namespace: destination.namespace,
    sync_status: app.status?.sync?.status || 'Unknown',
    health_status: app.status?.health?.status || 'Unknown',
    operation,
  };
}
