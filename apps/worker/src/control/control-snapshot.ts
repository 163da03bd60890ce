// What the worker reads from the control namespace, parsed once per change: repository credentials,
// credential templates, registered clusters, argocd-cm settings and the trusted SSH host keys.
import {
  ARGOCD_CM,
  ARGOCD_CMD_PARAMS_CM,
  ARGOCD_SSH_KNOWN_HOSTS_CM,
  IN_CLUSTER_NAME,
  IN_CLUSTER_SERVER,
  SSH_KNOWN_HOSTS_KEY,
  argoSecretType,
  credentialsFor,
  formatSecretRef,
  parseArgoCdConfigMap,
  parseArgoSecret,
} from '@driftless/api';
import type { ApplicationDestination, ArgoCdSettings, ClusterCredentials, ConfigMap, RepositoryCredentials, Secret } from '@driftless/api';

/** The parsed control namespace. */
export interface ControlSnapshot {
  readonly repositories: readonly RepositoryCredentials[];
  readonly repoCreds: readonly RepositoryCredentials[];
  readonly clusters: readonly ClusterCredentials[];
  readonly settings: ArgoCdSettings;
  /** `ssh_known_hosts` of argocd-ssh-known-hosts-cm; undefined when the ConfigMap or key is missing. */
  readonly knownHosts: string | undefined;
  /** `controller.diff.server.side` of argocd-cmd-params-cm. */
  readonly serverSideDiff: boolean;
  /** One line per Secret or ConfigMap that could not be parsed (it is left out); never Secret values. */
  readonly problems: readonly string[];
}

/** Where a destination points: a registered cluster, or the control cluster itself. */
export type DestinationCluster = { kind: 'control'; server: string } | { kind: 'registered'; cluster: ClusterCredentials };

/**
 * Parses the labelled Secrets (`argocd.argoproj.io/secret-type`) and the settings ConfigMaps. A Secret or
 * ConfigMap that does not parse is left out and named in `problems` (the rest keeps working); a missing
 * argocd-cm gives Argo's defaults.
 */
export function readControlSnapshot(secrets: readonly Secret[], configMaps: readonly ConfigMap[]): ControlSnapshot {
  const problems: string[] = [];
  const repositories: RepositoryCredentials[] = [];
  const repoCreds: RepositoryCredentials[] = [];
  const clusters: ClusterCredentials[] = [];
  for (const secret of secrets) {
    if (argoSecretType(secret) === undefined) continue;
    try {
      const parsed = parseArgoSecret(secret);
      if (parsed.type === 'repository') repositories.push(parsed.repository);
      else if (parsed.type === 'repo-creds') repoCreds.push(parsed.template);
      else clusters.push(parsed.cluster);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : `secret ${formatSecretRef({ namespace: secret.metadata?.namespace, name: secret.metadata?.name ?? '' })} is invalid`);
    }
  }
  const byName = new Map(configMaps.map((cm) => [cm.metadata?.name ?? '', cm]));
  const settings = readSettings(byName.get(ARGOCD_CM), problems);
  const knownHosts = byName.get(ARGOCD_SSH_KNOWN_HOSTS_CM)?.data?.[SSH_KNOWN_HOSTS_KEY];
  const serverSideDiff = byName.get(ARGOCD_CMD_PARAMS_CM)?.data?.['controller.diff.server.side']?.trim() === 'true';
  return { repositories, repoCreds, clusters, settings, knownHosts, serverSideDiff, problems };
}

function readSettings(configMap: ConfigMap | undefined, problems: string[]): ArgoCdSettings {
  const fallback = (): ArgoCdSettings => parseArgoCdConfigMap({ metadata: { name: ARGOCD_CM } });
  if (configMap === undefined) return fallback();
  try {
    return parseArgoCdConfigMap(configMap);
  } catch (error) {
    problems.push(`${error instanceof Error ? error.message : String(error)} (using the defaults)`);
    return fallback();
  }
}

/** The credentials for `repoURL`: its repository Secret's, else the longest matching repo-creds template's. */
export function repositoryCredentials(snapshot: ControlSnapshot, repoURL: string, project?: string): RepositoryCredentials | undefined {
  return credentialsFor(repoURL, snapshot.repositories, snapshot.repoCreds, project === undefined ? {} : { project });
}

/**
 * The cluster a destination names, as Argo resolves it: by `server` URL, else by `name`. A cluster Secret
 * for `https://kubernetes.default.svc` (or named `in-cluster`) configures the control cluster; without one,
 * that server and name (and the control kubeconfig's own URL) mean the control cluster. Undefined when
 * no cluster matches.
 */
export function destinationCluster(snapshot: ControlSnapshot, destination: ApplicationDestination, controlServer: string): DestinationCluster | undefined {
  const server = destination.server ?? '';
  if (server !== '') {
    const registered = snapshot.clusters.find((c) => sameServer(c.server, server));
    if (registered !== undefined) return registeredOrControl(registered, controlServer);
    return sameServer(server, IN_CLUSTER_SERVER) || sameServer(server, controlServer) ? { kind: 'control', server: controlServer } : undefined;
  }
  const name = destination.name ?? '';
  const named = snapshot.clusters.find((c) => (c.name ?? '') === name && name !== '');
  if (named !== undefined) return registeredOrControl(named, controlServer);
  return name === IN_CLUSTER_NAME ? { kind: 'control', server: controlServer } : undefined;
}

// A Secret for the in-cluster address only renames or scopes the control cluster: it is reached as it always is.
function registeredOrControl(cluster: ClusterCredentials, controlServer: string): DestinationCluster {
  return sameServer(cluster.server, IN_CLUSTER_SERVER) ? { kind: 'control', server: controlServer } : { kind: 'registered', cluster };
}

// Argo compares server URLs as written, save for a trailing slash.
function sameServer(left: string, right: string): boolean {
  return left.replace(/\/+$/, '') === right.replace(/\/+$/, '');
}
