// Turns an Argo CD `cluster` Secret into a client-node KubeConfig, so every cluster — registered
// through a Secret, the in-cluster default or a kubeconfig file — is reached the same way.
import * as k8s from '@kubernetes/client-node';
import { formatSecretRef, InvalidInputError } from '@driftless/api';
import type { ClusterCredentials } from '@driftless/api';

/** The address Argo CD uses for "the cluster Driftless runs in". */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

/**
 * Builds a KubeConfig for a parsed cluster Secret: bearer token, basic auth, TLS client
 * certificate, CA data, `insecure` and `serverName`, or an exec credential plugin. AWS IAM
 * authentication (`awsAuthConfig`) is refused with an InvalidInputError naming the Secret, since
 * Driftless has no `argocd-k8s-auth` equivalent yet. Secret values never appear in errors.
 */
export function kubeConfigForCluster(cluster: ClusterCredentials): k8s.KubeConfig {
  const { config } = cluster;
  const secretName = formatSecretRef(cluster.secret);
  if (config.awsAuthConfig) {
    throw new InvalidInputError(`secret ${secretName}: data.config.awsAuthConfig: AWS IAM authentication is not supported`, {
      problems: [{ path: 'data.config.awsAuthConfig', message: 'not supported' }],
      context: { secret: secretName, server: cluster.server },
    });
  }
  const name = cluster.name ?? cluster.server;
  const tls = config.tlsClientConfig;
  const exec = config.execProviderConfig;
  const user: k8s.User = {
    name: 'driftless',
    ...(config.bearerToken ? { token: config.bearerToken } : {}),
    ...(config.username ? { username: config.username } : {}),
    ...(config.password ? { password: config.password } : {}),
    ...(tls.certData ? { certData: tls.certData } : {}),
    ...(tls.keyData ? { keyData: tls.keyData } : {}),
    ...(exec
      ? {
          exec: {
            command: exec.command,
            args: exec.args ?? [],
            env: Object.entries(exec.env ?? {}).map(([envName, value]) => ({ name: envName, value })),
            apiVersion: exec.apiVersion ?? 'client.authentication.k8s.io/v1beta1',
          },
        }
      : {}),
  };
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name,
        server: cluster.server,
        skipTLSVerify: tls.insecure,
        ...(tls.caData ? { caData: tls.caData } : {}),
        ...(tls.serverName ? { tlsServerName: tls.serverName } : {}),
        ...(config.proxyUrl ? { proxyUrl: config.proxyUrl } : {}),
      },
    ],
    users: [user],
    contexts: [{ name, cluster: name, user: user.name }],
    currentContext: name,
  });
  return kc;
}

/**
 * The KubeConfig of the control cluster: the file at `kubeconfigPath` (or `$KUBECONFIG`), else
 * client-node's defaults (in-cluster service account, then `~/.kube/config`).
 */
export function loadControlKubeConfig(kubeconfigPath?: string): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  if (kubeconfigPath) kc.loadFromFile(kubeconfigPath);
  else kc.loadFromDefault();
  return kc;
}
