// End-to-end refresh of an Application whose source is a Helm chart repository: a TLS dev cluster, a
// password-protected chart repository (charts packaged by the real helm), repository Secrets of type helm.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import type { Application, UnstructuredObject } from '@driftless/api';
import { startDevCluster } from '@driftless/devcluster';
import type { DevCluster } from '@driftless/devcluster';
import { createDiscovery, createResourceClient } from '@driftless/kube';
import type { ResourceClient } from '@driftless/kube';
import { startChartRepo, tempDir, waitFor } from '@driftless/testing';
import type { ChartRepo, TempDir } from '@driftless/testing';
import { createRefresher } from './create-refresher.js';
import type { Refresher } from './create-refresher.js';

const PASSWORD = `pw-${randomUUID()}`;
const TEMPLATE = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-settings\ndata:\n  version: {{ .Chart.Version | quote }}\n  mode: {{ .Values.mode | quote }}\n';
const SECRET = { group: '', version: 'v1', kind: 'Secret' };

let temp: TempDir;
let cluster: DevCluster;
let charts: ChartRepo;
let client: ResourceClient;
let refresher: Refresher;
let namespace: string;

function app(targetRevision: string): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'web', namespace: 'argocd' },
    spec: {
      project: 'default',
      destination: { server: 'https://kubernetes.default.svc', namespace },
      source: { repoURL: charts.url, chart: 'web', targetRevision, helm: { valuesObject: { mode: 'live' } } },
    },
  };
}

function repositorySecret(password: string): UnstructuredObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'charts', namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': 'repository' } },
    stringData: { type: 'helm', name: 'charts', url: charts.url, username: 'reader', password },
  };
}

beforeAll(async () => {
  temp = await tempDir('worker-helm-repo');
  const files = { 'templates/settings.yaml': TEMPLATE, 'values.yaml': 'mode: default\n' };
  [cluster, charts] = await Promise.all([
    startDevCluster({ tls: true }),
    startChartRepo({ charts: ['1.0.0', '1.4.2', '2.0.0'].map((version) => ({ name: 'web', version, files })), auth: { username: 'reader', password: PASSWORD } }),
  ]);
  const kc = new k8s.KubeConfig();
  kc.loadFromString(cluster.kubeconfig);
  client = createResourceClient(kc, createDiscovery(kc));
  namespace = `test-${randomUUID().slice(0, 8)}`;
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argocd' } });
  refresher = createRefresher({
    kubeconfig: kc,
    cacheDir: path.join(temp.path, 'cache'),
    allowHttp: true,
    toolsCacheDir: path.join(tmpdir(), 'driftless-toolchain-test-cache'),
    retry: { initialMs: 20, maxMs: 100 },
    discoveryRefreshMs: 0,
  });
}, 120_000);

afterAll(async () => {
  await refresher?.stop();
  await charts?.stop();
  await cluster?.stop();
  await temp?.cleanup();
});

describe('refresh of a Helm chart repository source', () => {
  it('is denied without credentials, then renders the resolved chart version with a repository Secret of type helm', async () => {
    // When refreshed without a repository Secret, then access is denied
    const denied = await refresher.refresh(app('1.*'));
    expect(denied.sync.status).toBe('Unknown');
    expect(denied.conditions.map((c) => c.message)).toEqual([`Failed to load target state: access to ${charts.url} was denied: check the repository credentials`]);

    // When a Secret with a wrong password is added, then access is still denied and the password never shown
    await client.create(repositorySecret('wrong-password'));
    try {
      const wrong = await waitFor(async () => {
        const result = await refresher.refresh(app('1.*'));
        return result.conditions.length > 0 ? result : undefined;
      }, { description: 'the refresh with the wrong password fails' });
      expect(JSON.stringify(wrong)).not.toContain('wrong-password');

      // When the Secret gets the right password, then the highest 1.x version is rendered and is the revision
      await client.patch(SECRET, { namespace: 'argocd', name: 'charts' }, { stringData: { password: PASSWORD } });
      const loaded = await waitFor(async () => {
        const result = await refresher.refresh(app('1.*'));
        if (result.conditions.length > 0) throw new Error(result.conditions.map((c) => c.message).join('; '));
        return result;
      }, { description: 'the chart loads with the Secret' });
      expect(loaded.sync).toMatchObject({ status: 'OutOfSync', revision: '1.4.2' });
      expect(loaded.sourceType).toBe('Helm');
      expect(loaded.resources.map((r) => [r.kind, r.namespace, r.name, r.status])).toEqual([['ConfigMap', namespace, 'web-settings', 'OutOfSync']]);
      expect(JSON.stringify(loaded)).not.toContain(PASSWORD);

      // When the app names a version that does not exist, then the condition says which
      const missing = await refresher.refresh(app('7.*'));
      expect(missing.conditions.map((c) => c.message)).toEqual([`Failed to load target state: chart web version 7.* not found in ${charts.url}`]);
    } finally {
      await client.delete(SECRET, { namespace: 'argocd', name: 'charts' }).catch(() => undefined);
    }
  }, 90_000);
});
