// Watches the control namespace's Secrets and ConfigMaps and serves them parsed (ControlSnapshot), so a
// new repository Secret, cluster Secret or argocd-cm change takes effect on the next refresh.
import type * as k8s from '@kubernetes/client-node';
import { UnavailableError } from '@driftless/api';
import type { ConfigMap, Secret } from '@driftless/api';
import { createDiscovery, createLiveStateCache } from '@driftless/kube';
import type { Discovery, LiveStateCache, RetryOptions } from '@driftless/kube';
import { readControlSnapshot } from './control-snapshot.js';
import type { ControlSnapshot } from './control-snapshot.js';

const SECRET = { group: '', version: 'v1', kind: 'Secret' };
const CONFIG_MAP = { group: '', version: 'v1', kind: 'ConfigMap' };

/** Options of {@link createControlPlane}. */
export interface ControlPlaneOptions {
  /** The control cluster. */
  readonly kc: k8s.KubeConfig;
  /** The control namespace (Argo's `argocd`). */
  readonly namespace: string;
  /** @defaultValue a discovery of `kc` */
  readonly discovery?: Discovery;
  readonly retry?: RetryOptions;
  /** How long {@link ControlPlane.snapshot} waits for the first listing. @defaultValue 30000 */
  readonly syncTimeoutMs?: number;
}

/** The parsed control namespace, kept current by watches. */
export interface ControlPlane {
  /** The URL of the control cluster's API server (the kubeconfig's). */
  readonly server: string;
  /**
   * The current snapshot, parsed again only after a change. Starts the watches on first use; rejects with
   * UnavailableError while the namespace cannot be listed (never a snapshot without Secrets that may exist).
   */
  snapshot(): Promise<ControlSnapshot>;
  stop(): Promise<void>;
}

/** Creates the watcher; nothing is fetched before the first {@link ControlPlane.snapshot}. */
export function createControlPlane(options: ControlPlaneOptions): ControlPlane {
  const discovery = options.discovery ?? createDiscovery(options.kc);
  let version = 0;
  let parsed: { version: number; snapshot: ControlSnapshot } | undefined;
  let cache: LiveStateCache | undefined;
  let started: Promise<void> | undefined;
  const syncTimeoutMs = options.syncTimeoutMs ?? 30_000;

  const start = (): Promise<void> => {
    cache ??= createLiveStateCache({
      kc: options.kc,
      discovery,
      kinds: [SECRET, CONFIG_MAP],
      namespaces: [options.namespace],
      ...(options.retry ? { retry: options.retry } : {}),
      onChange: () => {
        version += 1;
      },
    });
    started ??= cache.start();
    return started;
  };

  return {
    server: discovery.server,
    async snapshot() {
      await start();
      const watched = cache as LiveStateCache;
      await waitForListing(watched, syncTimeoutMs);
      if (parsed?.version === version) return parsed.snapshot;
      const at = version;
      let secrets: Secret[];
      let configMaps: ConfigMap[];
      try {
        secrets = watched.list(SECRET, options.namespace) as Secret[];
        configMaps = watched.list(CONFIG_MAP, options.namespace) as ConfigMap[];
      } catch (error) {
        throw new UnavailableError(`cannot read the control namespace ${options.namespace}: ${error instanceof Error ? error.message : String(error)}`, { cause: error, context: { namespace: options.namespace } });
      }
      parsed = { version: at, snapshot: readControlSnapshot(secrets, configMaps) };
      return parsed.snapshot;
    },
    async stop() {
      await cache?.stop();
    },
  };
}

const POLL_MS = 50;

// Waits until both kinds are listed, at most `ms`; stops early when a listing fails (an unreachable
// cluster), which `list` then reports. Listing keeps retrying in the background either way.
async function waitForListing(cache: LiveStateCache, ms: number): Promise<void> {
  let listed = false;
  void cache.synced.then(() => (listed = true));
  const deadline = Date.now() + ms;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (listed || Date.now() >= deadline || [...cache.status().values()].some((s) => s.state === 'error')) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
