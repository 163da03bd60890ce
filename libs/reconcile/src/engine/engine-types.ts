// The ports the engine composes (Git, render, live state, temp dirs, clock) and the shapes refresh and
// prepareSync return.
import type {
  Application,
  ApplicationCondition,
  ApplicationDestination,
  ApplicationSource,
  ApplicationStatus,
  ApplicationSummary,
  HealthStatus,
  ResourceStatus,
  SourceType,
  SyncStatus,
  TrackingMethod,
  UnstructuredObject,
} from '@driftless/api';
import type { IsNamespaced, ResourceKey, SharedResourceWarning } from '../match/index.js';
import type { RenderOptions, RenderResult } from '../render/index.js';
import type { ResolvedRevision } from '../source/index.js';
import type { PlanResource } from '../sync/index.js';
import type { ApplicationTree } from '../tree/index.js';
import type { CompareSettings } from './compare-settings.js';

/** Git access: the repository cache (`createRepoCache`) satisfies it. */
export interface EngineRepos {
  /**
   * Resolves a target revision to a commit; rejects with typed errors (NotFound, Unavailable, …).
   * `maxAgeMs`: a fetch of the repository younger than this may be reused (one fetch per refresh cycle).
   */
  resolveRevision(repoURL: string, targetRevision: string, options?: { maxAgeMs?: number }): Promise<ResolvedRevision>;
  /** Writes the files of commit `sha` into the empty folder `destDir`. */
  checkout(repoURL: string, sha: string, destDir: string): Promise<void>;
}

/**
 * Helm chart repositories (`source.chart` set): the chart cache (`createHelmChartCache`) satisfies it.
 * Both methods reject with typed errors (NotFound, PermissionDenied, Unavailable, InvalidInput).
 */
export interface EngineCharts {
  /**
   * The chart version `versionConstraint` stands for: an exact version as it is, a constraint (`1.2.*`,
   * `>=1.0.0 <2.0.0`, `*`) as the highest matching version in the repository's index. `maxAgeMs`: a
   * resolution of the same constraint younger than this may be reused.
   */
  resolveChart(repoURL: string, chart: string, versionConstraint: string, options?: { maxAgeMs?: number }): Promise<{ version: string }>;
  /** Writes chart `chart` at exact `version` into `destDir` and resolves to the chart's folder, a path inside `destDir`. */
  pullChart(repoURL: string, chart: string, version: string, destDir: string): Promise<string>;
}

/** What the engine passes to render: `RenderOptions` without `tools`, which the caller binds. */
export type EngineRenderArgs = Omit<RenderOptions, 'tools'>;

/** Renders one source; typically `(args) => renderSource({ ...args, tools })`. */
export type EngineRender = (args: EngineRenderArgs) => Promise<RenderResult>;

/** Which live objects refresh asks for. */
export interface LiveRequest {
  /** The application name as tracking ids carry it. */
  appName: string;
  destination: ApplicationDestination;
  /** Keys of every desired object, namespaces already defaulted. */
  desired: readonly ResourceKey[];
  /** The objects must carry `metadata.managedFields` (an ignoreDifferences rule names managers). @defaultValue false */
  withManagedFields?: boolean;
}

/** The live state of the destination cluster (an informer cache in the worker). */
export interface LiveState {
  /**
   * The live objects tracked by the application, those at the `desired` keys whoever tracks them, and
   * (for the tree) objects they own. Returning more is harmless: matching filters by key and tracking.
   */
  listManaged(request: LiveRequest): Promise<UnstructuredObject[]>;
  /** Discovery's answer to "is this kind namespaced?". @defaultValue every kind is namespaced */
  isNamespaced?: IsNamespaced;
  /**
   * Server-side apply of `obj` in dry-run mode, as field manager `argocd-controller` (`kubectl apply
   * --server-side --dry-run=server --field-manager=argocd-controller`), resolving to the object the server
   * would store (with `managedFields`). `obj` is ready to apply: the desired object with its namespace
   * defaulted and the tracking metadata a sync writes. Used only for applications compared server-side
   * (`CompareSettings.serverSideDiff`, `ServerSideDiff=true`); without the port those fall back to the
   * client-side diff. A rejection marks that resource Unknown with a ComparisonError naming it.
   */
  dryRunApply?(obj: UnstructuredObject, destination: ApplicationDestination): Promise<UnstructuredObject>;
}

/**
 * Renderings by key (`renderCacheKey`): a hit spares the checkout and the render. Redis in the worker.
 * Both methods may reject; the engine then renders (get) or carries on (set).
 */
export interface RenderCache {
  get(key: string): Promise<RenderResult | undefined>;
  set(key: string, value: RenderResult): Promise<void>;
}

/** A fresh empty folder; `cleanup` removes it (the `TempDir` of `@driftless/testing` fits). */
export interface EngineTempDir {
  readonly path: string;
  cleanup(): Promise<void>;
}

/** Everything {@link createEngine} needs. */
export interface EngineOptions {
  repos: EngineRepos;
  /** Helm chart repositories. @defaultValue none: a `chart` source fails with "not supported yet" */
  charts?: EngineCharts;
  render: EngineRender;
  live: LiveState;
  /** Creates the folder one checkout goes into; it is removed after rendering. */
  tempDir: () => Promise<EngineTempDir>;
  /** @defaultValue `() => new Date()` */
  clock?: () => Date;
  /** Renderings already made, by repository, commit and source parameters. @defaultValue none: every refresh renders */
  renderCache?: RenderCache;
  /** `application.resourceTrackingMethod`. @defaultValue `annotation` */
  trackingMethod?: TrackingMethod;
  /** `application.instanceLabelKey`. @defaultValue `app.kubernetes.io/instance` */
  instanceLabelKey?: string;
  /** Namespace of the control plane; apps elsewhere are tracked as `<namespace>_<name>`. @defaultValue `argocd` */
  controlNamespace?: string;
  /** argocd-cm customizations and compare options, the server-side diff switch. @defaultValue Argo CD's defaults */
  settings?: CompareSettings;
}

/** The status fields a refresh always fills: Argo CD's `ApplicationStatus` after a comparison. */
export interface RefreshResult extends ApplicationStatus {
  sync: SyncStatus;
  health: HealthStatus;
  resources: ResourceStatus[];
  conditions: ApplicationCondition[];
  summary: ApplicationSummary;
  reconciledAt: string;
  sourceType?: SourceType;
  /** The resource tree for the API (Argo CD's `ApplicationTree`); not part of the Application's status. */
  tree?: ApplicationTree;
}

/** How one refresh treats its caches. */
export interface RefreshOptions {
  /** Reuse a fetch of a repository younger than this many ms (the periodic pass). @defaultValue 0: fetch */
  revisionMaxAgeMs?: number;
  /** Argo's hard refresh: fetch and render again, ignoring the render cache. @defaultValue false */
  hard?: boolean;
}

/**
 * What one sync operation renders: its `operation.sync` fields. Argo CD's semantics: the revision(s) and,
 * when present, the source(s) replace the spec's.
 */
export interface PrepareSyncOptions {
  /**
   * `sync.revision` of a single-source app: the commit once the operation started
   * (`operationState.syncResult.revision`), else a branch, tag or SHA to resolve (a chart version for a
   * chart source). @defaultValue the source's `targetRevision`
   */
  revision?: string;
  /** `sync.revisions` of a multi-source app, per source; `''` or a missing entry keeps that source's `targetRevision`. */
  revisions?: string[];
  /** `sync.source`: replaces `spec.source` (a rollback to a single-source history entry). */
  source?: ApplicationSource;
  /** `sync.sources`: replace `spec.source(s)` when non-empty, making the render multi-source (rollbacks). */
  sources?: ApplicationSource[];
  /** Fetch, and render without reading the render cache. @defaultValue false */
  hard?: boolean;
  /** Reuse a fetch of a repository younger than this many ms. @defaultValue 0: fetch (a full SHA already fetched needs none) */
  revisionMaxAgeMs?: number;
}

/**
 * The executor's view of the application now (`StepInput` minus `app` and `options`), or why there is
 * none: `message` is the text refresh puts in its ComparisonError or InvalidSpecError condition ("Failed
 * to load target state: …", "Failed to load live state: …"; several joined with `; `).
 */
export type PrepareSyncResult =
  | {
      ok: true;
      /** Every matched pair, in `matchResources` order, with `status` Synced/OutOfSync (Unknown when no diff was possible; none for hooks and `Skip`). */
      resources: PlanResource[];
      /** Rendered hooks, kept out of `resources`. */
      hooks: UnstructuredObject[];
      /** The resolved revision of the first source (chart version for a chart source). */
      revision: string;
      /** Resolved revision per source; only for multi-source renders. */
      revisions?: string[];
      sharedResourceWarnings: SharedResourceWarning[];
    }
  | { ok: false; message: string };

/** The engine: compares an Application's Git state with its live state. */
export interface Engine {
  /**
   * Resolves, checks out, renders, matches, diffs and assesses `app`. Resolves, never rejects: every bad
   * input (invalid spec, unreachable repository, missing revision, render or live-state failure) becomes a
   * condition, with `sync.status` Unknown.
   */
  refresh(app: Application, options?: RefreshOptions): Promise<RefreshResult>;
  /**
   * What one step of a sync operation needs: `app`'s objects rendered at the operation's revision(s) from
   * its source(s), matched against the live state and compared — the same pipeline and render cache as
   * `refresh`. Resolves, never rejects: a spec, target, live-state or comparison failure is `{ ok: false }`
   * (Argo CD refuses to sync on any ComparisonError or InvalidSpecError).
   */
  prepareSync(app: Application, options: PrepareSyncOptions): Promise<PrepareSyncResult>;
}
