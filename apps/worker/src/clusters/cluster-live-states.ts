// One live-state cache per destination cluster: the control cluster's own kubeconfig for the in-cluster
// destination, a kubeconfig built from the cluster Secret for every registered one, watching only the
// Secret's namespaces and the kinds argocd-cm's resource exclusions/inclusions leave in.
import type * as k8s from '@kubernetes/client-node';
import { IN_CLUSTER_SERVER, InvalidInputError, formatSecretRef, isExcludedResource } from '@driftless/api';
import type { ApplicationDestination, ClusterCredentials } from '@driftless/api';
import { kubeConfigForCluster } from '@driftless/kube';
import { destinationCluster } from '../control/control-snapshot.js';
import type { ControlSnapshot } from '../control/control-snapshot.js';
import { createKubeLiveState } from '../refresh/kube-live-state.js';
import type { KubeLiveState, KubeLiveStateOptions } from '../refresh/kube-live-state.js';

/** Options of {@link createClusterLiveStates}. */
export interface ClusterLiveStatesOptions {
  /** The control cluster (in-cluster destination). */
  readonly controlKubeConfig: k8s.KubeConfig;
  /** Its API server URL, which also names it as a destination. */
  readonly controlServer: string;
  /** Passed to every cluster's live state. */
  readonly live?: Omit<KubeLiveStateOptions, 'kc'>;
}

/** The live states of every cluster refreshed so far. */
export interface ClusterLiveStates {
  /**
   * The prepared live state of the cluster `destination` names (see `destinationCluster`). Rejects with
   * InvalidInputError when no cluster matches or its Secret cannot be turned into a kubeconfig. A cluster
   * whose Secret or the resource filter changed gets a new cache (the old one is stopped).
   */
  forDestination(destination: ApplicationDestination, snapshot: ControlSnapshot): Promise<KubeLiveState>;
  /**
   * Every cluster with a live state whose objects were listed at least once (the control cluster as
   * `https://kubernetes.default.svc`), and whether its last listing succeeded (false: unreachable, or a
   * kind's watch failing) — `argocd_cluster_connection_status`.
   */
  servers(): readonly ClusterConnection[];
  stop(): Promise<void>;
}

/** One destination cluster's connection, as the last listing of its live state found it. */
export interface ClusterConnection {
  readonly server: string;
  readonly connected: boolean;
}

interface Entry {
  /** Identifies the Secret version the cache was built from, so a changed Secret rebuilds it. */
  readonly fingerprint: string;
  readonly live: KubeLiveState;
  /** Outcome of the last `listManaged`; undefined until one ran. */
  connected?: boolean;
}

/** Creates the registry; caches start lazily, on a cluster's first refresh. */
export function createClusterLiveStates(options: ClusterLiveStatesOptions): ClusterLiveStates {
  const entries = new Map<string, Entry>();
  const liveFor = (server: string, fingerprint: string, make: () => Omit<KubeLiveStateOptions, 'retry' | 'syncTimeoutMs' | 'discoveryRefreshMs'>): KubeLiveState => {
    const known = entries.get(server);
    if (known?.fingerprint === fingerprint) return known.live;
    if (known !== undefined) void known.live.stop();
    const entry: Entry = {
      fingerprint,
      live: reportingListings(createKubeLiveState({ ...options.live, ...make() }), (connected) => {
        entry.connected = connected;
      }),
    };
    entries.set(server, entry);
    return entry.live;
  };

  return {
    async forDestination(destination, snapshot) {
      const target = destinationCluster(snapshot, destination, options.controlServer);
      if (target === undefined) throw unknownCluster(destination);
      const filter = { resourceExclusions: snapshot.settings.resourceExclusions, resourceInclusions: snapshot.settings.resourceInclusions };
      const filterKey = JSON.stringify(filter);
      const live =
        target.kind === 'control'
          ? liveFor(options.controlServer, `control\n${filterKey}`, () => ({
              kc: options.controlKubeConfig,
              isExcluded: (group, kind) => isExcludedResource(filter, group, kind, IN_CLUSTER_SERVER),
            }))
          : liveFor(target.cluster.server, `${fingerprintOf(target.cluster)}\n${filterKey}`, () => ({
              kc: kubeConfigForCluster(target.cluster),
              namespaces: target.cluster.namespaces,
              clusterScoped: target.cluster.clusterResources,
              isExcluded: (group, kind) => isExcludedResource(filter, group, kind, target.cluster.server),
            }));
      await live.prepare();
      return live;
    },
    // The control cluster is named as Argo CD names its in-cluster destination, so series join on dest_server.
    servers: () =>
      [...entries].flatMap(([server, entry]) =>
        entry.connected === undefined ? [] : [{ server: server === options.controlServer ? IN_CLUSTER_SERVER : server, connected: entry.connected }],
      ),
    async stop() {
      await Promise.all([...entries.values()].map((entry) => entry.live.stop()));
      entries.clear();
    },
  };
}

// Every refresh lists through the live state, which rejects while its cluster cannot be watched
// completely: that outcome is the connection status, without a probe of its own.
function reportingListings(live: KubeLiveState, report: (connected: boolean) => void): KubeLiveState {
  return {
    ...live,
    listManaged: async (request) => {
      try {
        const objects = await live.listManaged(request);
        report(true);
        return objects;
      } catch (error) {
        report(false);
        throw error;
      }
    },
  };
}

function fingerprintOf(cluster: ClusterCredentials): string {
  return `${formatSecretRef(cluster.secret)}\n${JSON.stringify(cluster.config)}\n${cluster.server}\n${cluster.namespaces.join(',')}\n${String(cluster.clusterResources)}`;
}

function unknownCluster(destination: ApplicationDestination): InvalidInputError {
  const byServer = destination.server !== undefined && destination.server !== '';
  const what = byServer ? `server ${destination.server ?? ''}` : `name ${destination.name ?? '(none)'}`;
  return new InvalidInputError(`destination cluster with ${what} is not registered: add a cluster Secret (label argocd.argoproj.io/secret-type: cluster) in the control namespace`, {
    problems: [{ path: byServer ? 'spec.destination.server' : 'spec.destination.name', message: 'cluster not registered' }],
    context: { destination: byServer ? (destination.server ?? '') : (destination.name ?? '') },
  });
}
