// The kubeconfig clients use to reach a dev cluster (context `devcluster`).
import { stringify } from 'yaml';

/** What goes into the kubeconfig. */
export interface KubeconfigInput {
  readonly server: string;
  readonly caPem?: string;
  readonly token?: string;
}

/** A kubeconfig YAML with cluster, user and context all named `devcluster`, namespace `default`. */
export function renderKubeconfig(input: KubeconfigInput): string {
  const cluster: Record<string, string> = { server: input.server };
  if (input.caPem !== undefined) cluster['certificate-authority-data'] = Buffer.from(input.caPem).toString('base64');
  // An empty user makes kubectl prompt for a username over HTTPS: give it a token the server ignores.
  const user: Record<string, string> = { token: input.token ?? 'devcluster-anonymous' };
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'devcluster', cluster }],
    users: [{ name: 'devcluster', user }],
    contexts: [{ name: 'devcluster', context: { cluster: 'devcluster', user: 'devcluster', namespace: 'default' } }],
    'current-context': 'devcluster',
    preferences: {},
  });
}
