// A cluster registered the Argo way (a labelled Secret) is reached through the real TLS + token path.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as k8s from '@kubernetes/client-node';
import { parseClusterSecret } from '@driftless/api';
import type { Secret } from '@driftless/api';
import { startDevCluster } from '@driftless/devcluster';
import type { DevCluster } from '@driftless/devcluster';
import { kubeConfigForCluster } from './cluster-kubeconfig.js';

const TOKEN = 'integration-token';

function clusterSecret(server: string, config: Record<string, unknown>): Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'dev', namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': 'cluster' } },
    stringData: { name: 'dev', server, config: JSON.stringify(config) },
  };
}

async function namespaceNames(config: Record<string, unknown>): Promise<string[]> {
  const kc = kubeConfigForCluster(parseClusterSecret(clusterSecret(cluster.url, config)));
  const list = await kc.makeApiClient(k8s.CoreV1Api).listNamespace();
  return list.items.map((ns) => ns.metadata?.name ?? '');
}

let cluster: DevCluster;

beforeAll(async () => {
  cluster = await startDevCluster({ tls: true, token: TOKEN });
});

afterAll(async () => {
  await cluster?.stop();
});

describe('kubeConfigForCluster against a TLS dev cluster that requires a token', () => {
  it('lists namespaces with the bearer token and the CA from the Secret', async () => {
    const caData = Buffer.from(cluster.ca ?? '').toString('base64');
    expect(await namespaceNames({ bearerToken: TOKEN, tlsClientConfig: { caData } })).toEqual(expect.arrayContaining(['default', 'kube-system']));
  });

  it('is refused with 401 for a wrong token', async () => {
    const caData = Buffer.from(cluster.ca ?? '').toString('base64');
    await expect(namespaceNames({ bearerToken: 'wrong', tlsClientConfig: { caData } })).rejects.toMatchObject({ code: 401 });
  });

  it('rejects the self-signed certificate unless the Secret says insecure', async () => {
    await expect(namespaceNames({ bearerToken: TOKEN, tlsClientConfig: { insecure: false } })).rejects.toThrow(/certificate/i);
    expect(await namespaceNames({ bearerToken: TOKEN, tlsClientConfig: { insecure: true } })).toContain('default');
  });
});
