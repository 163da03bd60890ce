// One live-state cache per destination cluster: the control cluster's own kubeconfig for the in-cluster
// destination, a kubeconfig built from the cluster Secret for every registered one.
import type * as k8s from '@kubernetes/client-node';
import { InvalidInputError, formatSecretRef } from '@driftless/api';
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
   * whose Secret changed gets a new cache (the old one is stopped).
   */
  forDestination(destination: ApplicationDestination, snapshot: ControlSnapshot): Promise<KubeLiveState>;
  stop(): Promise<void>;
}

interface Entry {
  /** Identifies the Secret version the cache was built from, so a changed Secret rebuilds it. */
  readonly fingerprint: string;
  readonly live: KubeLiveState;
}

/** Creates the registry; caches start lazily, on a cluster's first refresh. */
export function createClusterLiveStates(options: ClusterLiveStatesOptions): ClusterLiveStates {
  const entries = new Map<string, Entry>();
  const liveFor = (server: string, fingerprint: string, kc: () => k8s.KubeConfig): KubeLiveState => {
    const known = entries.get(server);
    if (known?.fingerprint === fingerprint) return known.live;
    if (known !== undefined) void known.live.stop();
    const live = createKubeLiveState({ ...options.live, kc: kc() });
    entries.set(server, { fingerprint, live });
    return live;
  };

  return {
    async forDestination(destination, snapshot) {
      const target = destinationCluster(snapshot, destination, options.controlServer);
      if (target === undefined) throw unknownCluster(destination);
      const live =
        target.kind === 'control'
          ? liveFor(options.controlServer, 'control', () => options.controlKubeConfig)
          : liveFor(target.cluster.server, fingerprintOf(target.cluster), () => kubeConfigForCluster(target.cluster));
      await live.prepare();
      return live;
    },
    async stop() {
      await Promise.all([...entries.values()].map((entry) => entry.live.stop()));
      entries.clear();
    },
  };
}

function fingerprintOf(cluster: ClusterCredentials): string {
  return `${formatSecretRef(cluster.secret)}\n${JSON.stringify(cluster.config)}\n${cluster.server}`;
}

function unknownCluster(destination: ApplicationDestination): InvalidInputError {
  const byServer = destination.server !== undefined && destination.server !== '';
  const what = byServer ? `server ${destination.server ?? ''}` : `name ${destination.name ?? '(none)'}`;
  return new InvalidInputError(`destination cluster with ${what} is not registered: add a cluster Secret (label argocd.argoproj.io/secret-type: cluster) in the control namespace`, {
    problems: [{ path: byServer ? 'spec.destination.server' : 'spec.destination.name', message: 'cluster not registered' }],
    context: { destination: byServer ? (destination.server ?? '') : (destination.name ?? '') },
  });
}
