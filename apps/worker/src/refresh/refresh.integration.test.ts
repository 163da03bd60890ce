// End-to-end refresh against real servers: a TLS dev cluster, a git server, the real repo cache and render.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import type { Application, UnstructuredObject } from '@driftless/api';
import { startDevCluster } from '@driftless/devcluster';
import type { DevCluster } from '@driftless/devcluster';
import { startGitServer } from '@driftless/gitserver';
import type { GitServer } from '@driftless/gitserver';
import { createDiscovery, createResourceClient } from '@driftless/kube';
import type { ResourceClient } from '@driftless/kube';
import { formatTrackingId, groupOf } from '@driftless/reconcile';
import { createServedRepo, tempDir, waitFor } from '@driftless/testing';
import type { ServedRepo, TempDir } from '@driftless/testing';
import { createRefresher } from './create-refresher.js';
import type { Refresher } from './create-refresher.js';

const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };
const TRACKING = 'argocd.argoproj.io/tracking-id';

const web: UnstructuredObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' }, annotations: { 'devcluster.driftless.io/ready-after-ms': '50' } },
      spec: { containers: [{ name: 'web', image: 'guestbook:1' }] },
    },
  },
};

const settings = (mode: string): UnstructuredObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { mode } });

const widget: UnstructuredObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 1 } };

const widgetCrd: UnstructuredObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
  },
};

/** A Secret in the control namespace labelled for Argo CD. */
function argoSecret(name: string, type: string, stringData: Record<string, string>): UnstructuredObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': type } }, stringData };
}

function kubeConfigFrom(yaml: string): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromString(yaml);
  return kc;
}

let temp: TempDir;
let cluster: DevCluster;
let server: GitServer;
let repo: ServedRepo;
let client: ResourceClient;
let refresher: Refresher;
let namespace: string;

/** Creates `desired` in `where` (the test namespace) with the tracking id of `appName`, as a sync would. */
async function applyTracked(desired: UnstructuredObject, appName = 'guestbook', where = namespace): Promise<void> {
  const name = desired.metadata.name ?? '';
  const trackingId = formatTrackingId({ appName, group: groupOf(desired.apiVersion), kind: desired.kind, namespace: where, name });
  await client.apply(
    { ...desired, metadata: { ...desired.metadata, namespace: where, annotations: { [TRACKING]: trackingId } } },
    { fieldManager: 'argocd-controller' },
  );
}

/** A fresh namespace for one test's apps. */
async function freshNamespace(): Promise<string> {
  const name = `test-${randomUUID().slice(0, 8)}`;
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

function app(overrides: { targetRevision?: string; server?: string; path?: string; name?: string } = {}): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: overrides.name ?? 'guestbook', namespace: 'argocd' },
    spec: {
      project: 'default',
      destination: { server: overrides.server ?? 'https://kubernetes.default.svc', namespace },
      source: { repoURL: repo.url, path: overrides.path ?? 'guestbook', targetRevision: overrides.targetRevision ?? 'main' },
    },
  };
}

beforeAll(async () => {
  temp = await tempDir('worker-refresh');
  await mkdir(path.join(temp.path, 'served'));
  [cluster, server] = await Promise.all([startDevCluster({ tls: true }), startGitServer({ root: path.join(temp.path, 'served') })]);
  repo = await createServedRepo(server, 'apps.git', {
    'guestbook/web.yaml': JSON.stringify(web),
    'guestbook/settings.yaml': JSON.stringify(settings('demo')),
    'widgets/widget.yaml': JSON.stringify(widget),
    'remote/settings.yaml': JSON.stringify(settings('demo')),
    'ssd/web.yaml': JSON.stringify(web),
  });
  const kc = kubeConfigFrom(cluster.kubeconfig);
  client = createResourceClient(kc, createDiscovery(kc));
  namespace = `test-${randomUUID().slice(0, 8)}`;
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argocd' } });
  refresher = createRefresher({ kubeconfig: kc, cacheDir: path.join(temp.path, 'cache'), allowHttp: true, retry: { initialMs: 20, maxMs: 100 }, discoveryRefreshMs: 0 });
}, 120_000);

afterAll(async () => {
  await refresher?.stop();
  await repo?.cleanup();
  await server?.stop();
  await cluster?.stop();
  await temp?.cleanup();
});

describe('refresh against a dev cluster and a git server', () => {
  it('walks Missing → Synced/Healthy → drifted → a pushed revision, listing tracked extras', async () => {
    // Given an app whose objects are not in the cluster
    const first = await repo.head();
    // When it is refreshed
    const missing = await refresher.refresh(app());
    // Then it is OutOfSync with every resource Missing
    expect(missing.conditions).toEqual([]);
    expect(missing.sync).toMatchObject({ status: 'OutOfSync', revision: first });
    expect(missing.health.status).toBe('Missing');
    expect(missing.resources.map((r) => [r.kind, r.namespace, r.name, r.status, r.health?.status])).toEqual([
      ['ConfigMap', namespace, 'settings', 'OutOfSync', 'Missing'],
      ['Deployment', namespace, 'web', 'OutOfSync', 'Missing'],
    ]);

    // Given the objects were applied with the tracking annotation and the Deployment became ready
    await applyTracked(settings('demo'));
    await applyTracked(web);
    await waitFor(
      async () => {
        const live = await client.get(DEPLOYMENT, { namespace, name: 'web' });
        const status = live['status'] as { availableReplicas?: number } | undefined;
        return status?.availableReplicas === 2;
      },
      { description: 'the web Deployment has 2 available replicas' },
    );
    // When refreshed (the cache catches up through its watch)
    const synced = await waitFor(async () => {
      const result = await refresher.refresh(app());
      return result.health.status === 'Healthy' ? result : undefined;
    }, { description: 'refresh reports the app Healthy' });
    // Then it is Synced and Healthy at the commit
    expect(synced.conditions).toEqual([]);
    expect(synced.sync).toMatchObject({ status: 'Synced', revision: first });
    expect(synced.resources.map((r) => [r.name, r.status, r.health?.status])).toEqual([
      ['settings', 'Synced', undefined],
      ['web', 'Synced', 'Healthy'],
    ]);
    // And the tree holds what the Deployment owns: its ReplicaSet and that ReplicaSet's two Pods
    const nodes = synced.tree?.nodes ?? [];
    const replicaSet = nodes.find((n) => n.kind === 'ReplicaSet');
    expect(replicaSet?.parentRefs?.map((p) => [p.kind, p.name])).toEqual([['Deployment', 'web']]);
    const pods = nodes.filter((n) => n.kind === 'Pod');
    expect(pods).toHaveLength(2);
    for (const pod of pods) expect(pod.parentRefs?.map((p) => [p.kind, p.name])).toEqual([['ReplicaSet', replicaSet?.name]]);

    // When someone scales the Deployment by hand
    await client.patch(DEPLOYMENT, { namespace, name: 'web' }, { spec: { replicas: 3 } });
    // Then the app is OutOfSync on web
    const drifted = await waitFor(async () => {
      const result = await refresher.refresh(app());
      return result.sync.status === 'OutOfSync' ? result : undefined;
    }, { description: 'refresh sees the replica drift' });
    expect(drifted.resources.map((r) => [r.name, r.status])).toEqual([
      ['settings', 'Synced'],
      ['web', 'OutOfSync'],
    ]);

    // When a new commit is pushed
    const second = await repo.commit({ 'guestbook/settings.yaml': JSON.stringify(settings('live')) }, 'settings live');
    await repo.push();
    const pushed = await refresher.refresh(app());
    // Then refresh compares at the new revision
    expect(second).not.toBe(first);
    expect(pushed.sync).toMatchObject({ status: 'OutOfSync', revision: second });
    expect(pushed.resources.find((r) => r.name === 'settings')?.status).toBe('OutOfSync');

    // When an object no longer in Git still carries the app's tracking id
    await applyTracked({ ...settings('old'), metadata: { name: 'leftover' } });
    const extra = await waitFor(async () => {
      const result = await refresher.refresh(app());
      return result.resources.find((r) => r.name === 'leftover');
    }, { description: 'refresh lists the tracked leftover' });
    // Then it is listed for pruning
    expect(extra).toMatchObject({ kind: 'ConfigMap', namespace, status: 'OutOfSync', requiresPruning: true });
  }, 90_000);

  it('reads kinds the cache does not watch (a CRD created after it started) at the desired keys', async () => {
    // Given the cache is running and the Widget CRD appears afterwards
    await refresher.refresh(app());
    await client.create(widgetCrd);
    const WIDGET = { group: 'example.com', version: 'v1', kind: 'Widget' };
    const kc = kubeConfigFrom(cluster.kubeconfig);
    const fresh = createResourceClient(kc, createDiscovery(kc, { minRefreshIntervalMs: 0 }));
    await waitFor(() => fresh.list(WIDGET), { description: 'the Widget CRD is served' });
    // When the widgets app is refreshed, then its Widget is Missing
    const missing = await refresher.refresh(app({ path: 'widgets', name: 'widgets' }));
    expect(missing.conditions).toEqual([]);
    expect(missing.resources.map((r) => [r.group, r.kind, r.namespace, r.name, r.status])).toEqual([['example.com', 'Widget', namespace, 'w1', 'OutOfSync']]);
    // When the Widget is created with the tracking id, then refresh finds it through the API server
    const trackingId = formatTrackingId({ appName: 'widgets', group: 'example.com', kind: 'Widget', namespace, name: 'w1' });
    await fresh.create({ ...widget, metadata: { name: 'w1', namespace, annotations: { [TRACKING]: trackingId } } });
    const synced = await refresher.refresh(app({ path: 'widgets', name: 'widgets' }));
    expect(synced.conditions).toEqual([]);
    expect(synced.sync.status).toBe('Synced');
    expect(synced.resources.map((r) => [r.name, r.status])).toEqual([['w1', 'Synced']]);
  });

  it('names a missing target revision in a ComparisonError', async () => {
    const result = await refresher.refresh(app({ targetRevision: 'no-such-branch' }));
    expect(result.sync.status).toBe('Unknown');
    expect(result.conditions.map((c) => [c.type, c.message])).toEqual([
      ['ComparisonError', `Failed to load target state: revision no-such-branch not found in ${repo.url}`],
    ]);
  });

  it('reports an unregistered destination cluster as a condition, without throwing', async () => {
    const result = await refresher.refresh(app({ server: 'https://elsewhere.example.com:6443' }));
    expect(result.sync.status).toBe('Unknown');
    expect(result.resources).toEqual([]);
    expect(result.conditions.map((c) => [c.type, c.message])).toEqual([
      ['ComparisonError', 'Failed to load live state: destination cluster with server https://elsewhere.example.com:6443 is not registered: add a cluster Secret (label argocd.argoproj.io/secret-type: cluster) in the control namespace'],
    ]);
  });

  it('compares against a cluster registered by a cluster Secret, by server and by name', async () => {
    // Given a second cluster with its own token and CA, registered in the control namespace
    const token = `t-${randomUUID()}`;
    const remote = await startDevCluster({ tls: true, token });
    try {
      const remoteKc = kubeConfigFrom(remote.kubeconfig);
      const remoteClient = createResourceClient(remoteKc, createDiscovery(remoteKc));
      await remoteClient.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
      const config = { bearerToken: token, tlsClientConfig: { caData: Buffer.from(remote.ca ?? '').toString('base64') } };
      await client.create(argoSecret('remote-cluster', 'cluster', { name: 'remote', server: remote.url, config: JSON.stringify(config) }));
      // And the app's ConfigMap exists there, tracked, but not in the control cluster
      const trackingId = formatTrackingId({ appName: 'remote-app', group: '', kind: 'ConfigMap', namespace, name: 'settings' });
      await remoteClient.create({ ...settings('demo'), metadata: { name: 'settings', namespace, annotations: { [TRACKING]: trackingId } } });
      // When an app targets it by server, or by name, then the remote ConfigMap is found there
      for (const destination of [{ server: remote.url }, { name: 'remote' }]) {
        const target = app({ name: 'remote-app', path: 'remote' });
        target.spec.destination = { ...destination, namespace };
        const result = await waitFor(async () => {
          const refreshed = await refresher.refresh(target);
          return refreshed.conditions.length === 0 && refreshed.sync.status === 'Synced' ? refreshed : undefined;
        }, { description: `the app targeting ${JSON.stringify(destination)} is Synced` });
        expect(result.resources.map((r) => [r.kind, r.namespace, r.name, r.status])).toEqual([['ConfigMap', namespace, 'settings', 'Synced']]);
      }
    } finally {
      await client.delete({ group: '', version: 'v1', kind: 'Secret' }, { namespace: 'argocd', name: 'remote-cluster' }).catch(() => undefined);
      await remote.stop();
    }
  }, 90_000);

  it('fetches a private repository with the credentials of a repository Secret, and never shows them', async () => {
    // Given a git server that requires a password, and no Secret for it yet
    const privateRoot = path.join(temp.path, 'private');
    await mkdir(privateRoot);
    const password = `pw-${randomUUID()}`;
    const privateServer = await startGitServer({ root: privateRoot, auth: { username: 'bot', password } });
    const privateRepo = await createServedRepo(privateServer, 'private.git', { 'remote/settings.yaml': JSON.stringify({ ...settings('demo'), metadata: { name: 'private-settings' } }) });
    const target = app({ name: 'private-app', path: 'remote' });
    target.spec.source = { repoURL: privateRepo.url, path: 'remote', targetRevision: 'main' };
    try {
      // When refreshed without credentials, then the failure says so
      const deniedMessage = `Failed to load target state: access to ${privateRepo.url} was denied (HTTP 401): check the repository credentials`;
      const denied = await refresher.refresh(target);
      expect(denied.sync.status).toBe('Unknown');
      expect(denied.conditions.map((c) => c.message)).toEqual([deniedMessage]);
      // When a repository Secret with a wrong password is added, then access is still denied and the password never shown
      await client.create(argoSecret('private-repo', 'repository', { url: privateRepo.url, username: 'bot', password: 'wrong-password' }));
      const wrong = await refresher.refresh(target);
      expect(wrong.conditions.map((c) => c.message)).toEqual([deniedMessage]);
      expect(JSON.stringify(wrong)).not.toContain('wrong-password');
      // When the Secret gets the right password, then the repository loads
      await client.patch({ group: '', version: 'v1', kind: 'Secret' }, { namespace: 'argocd', name: 'private-repo' }, { stringData: { password } });
      const loaded = await waitFor(async () => {
        const refreshed = await refresher.refresh(target);
        if (refreshed.conditions.length > 0) throw new Error(refreshed.conditions.map((c) => c.message).join('; '));
        return refreshed;
      }, { description: 'the private repository loads with the Secret' });
      expect(loaded.sync).toMatchObject({ status: 'OutOfSync', revision: await privateRepo.head() });
      expect(JSON.stringify(loaded)).not.toContain(password);
    } finally {
      await client.delete({ group: '', version: 'v1', kind: 'Secret' }, { namespace: 'argocd', name: 'private-repo' }).catch(() => undefined);
      await privateRepo.cleanup();
      await privateServer.stop();
    }
  }, 90_000);

  it('applies argocd-cm customizations: a Lua health check and system-wide ignoreDifferences', async () => {
    // Given argocd-cm with a ConfigMap health script and ignored /data/mode, and a live ConfigMap changed by hand
    const where = await freshNamespace();
    const script = 'hs = {}\nif obj.data ~= nil and obj.data.mode == "changed" then\n  hs.status = "Degraded"\n  hs.message = "mode was changed by hand"\nelse\n  hs.status = "Healthy"\nend\nreturn hs\n';
    await client.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'argocd-cm', namespace: 'argocd' },
      data: { 'resource.customizations.health.ConfigMap': script, 'resource.customizations.ignoreDifferences.ConfigMap': 'jsonPointers:\n- /data/mode\n' },
    });
    try {
      await applyTracked(settings('changed'), 'custom-app', where);
      const target = app({ name: 'custom-app', path: 'remote' });
      target.spec.destination = { server: 'https://kubernetes.default.svc', namespace: where };
      // When refreshed, then the changed field is not drift, and the script decides the health
      const result = await waitFor(async () => {
        const refreshed = await refresher.refresh(target);
        return refreshed.health.status === 'Degraded' ? refreshed : undefined;
      }, { description: 'the Lua health check reports Degraded' });
      expect(result.conditions).toEqual([]);
      expect(result.sync.status).toBe('Synced');
      expect(result.resources.map((r) => [r.kind, r.name, r.status, r.health])).toEqual([['ConfigMap', 'settings', 'Synced', { status: 'Degraded', message: 'mode was changed by hand' }]]);
    } finally {
      await client.delete({ group: '', version: 'v1', kind: 'ConfigMap' }, { namespace: 'argocd', name: 'argocd-cm' });
    }
    // When argocd-cm is gone, then the field is drift again and a ConfigMap has no health
    const plain = await waitFor(async () => {
      const target = app({ name: 'custom-app', path: 'remote' });
      target.spec.destination = { server: 'https://kubernetes.default.svc', namespace: where };
      const refreshed = await refresher.refresh(target);
      return refreshed.sync.status === 'OutOfSync' ? refreshed : undefined;
    }, { description: 'the customizations are dropped' });
    expect(plain.resources.map((r) => [r.name, r.status, r.health])).toEqual([['settings', 'OutOfSync', undefined]]);
  });

  it('compares server-side (dry-run apply) when the Application asks for ServerSideDiff=true', async () => {
    // Given a Deployment applied by argocd-controller in a fresh namespace, and an app asking for server-side diff
    const where = await freshNamespace();
    await applyTracked(web, 'ssd-app', where);
    const target = app({ name: 'ssd-app', path: 'ssd' });
    target.metadata.annotations = { 'argocd.argoproj.io/compare-options': 'ServerSideDiff=true' };
    target.spec.destination = { server: 'https://kubernetes.default.svc', namespace: where };
    // When refreshed, then the server's defaults are no drift
    const synced = await waitFor(async () => {
      const refreshed = await refresher.refresh(target);
      return refreshed.sync.status === 'Synced' ? refreshed : undefined;
    }, { description: 'the server-side diff finds no drift' });
    expect(synced.conditions).toEqual([]);
    // When another manager scales the Deployment, then the dry run shows the difference
    await client.patch(DEPLOYMENT, { namespace: where, name: 'web' }, { spec: { replicas: 5 } }, { fieldManager: 'kubectl-scale' });
    const drifted = await waitFor(async () => {
      const refreshed = await refresher.refresh(target);
      return refreshed.sync.status === 'OutOfSync' ? refreshed : undefined;
    }, { description: 'the server-side diff sees the scale' });
    expect(drifted.conditions).toEqual([]);
    expect(drifted.resources.map((r) => [r.name, r.status])).toEqual([['web', 'OutOfSync']]);
  });

  it('ignores fields owned by the managers an ignoreDifferences rule names (managedFieldsManagers)', async () => {
    // Given a Deployment applied by argocd-controller, then scaled by another manager
    const where = await freshNamespace();
    await applyTracked(web, 'managers-app', where);
    await client.patch(DEPLOYMENT, { namespace: where, name: 'web' }, { spec: { replicas: 4 } }, { fieldManager: 'hpa-controller' });
    const target = app({ name: 'managers-app', path: 'ssd' });
    target.spec.destination = { server: 'https://kubernetes.default.svc', namespace: where };
    // When the app ignores what hpa-controller owns, then the scale is no drift
    target.spec.ignoreDifferences = [{ group: 'apps', kind: 'Deployment', managedFieldsManagers: ['hpa-controller'] }];
    const ignored = await waitFor(async () => {
      const refreshed = await refresher.refresh(target);
      return refreshed.sync.status === 'Synced' ? refreshed : undefined;
    }, { description: 'the scale by hpa-controller is ignored' });
    expect(ignored.conditions).toEqual([]);
    // When the rule is gone, then it is drift
    target.spec.ignoreDifferences = [];
    const drifted = await refresher.refresh(target);
    expect(drifted.resources.map((r) => [r.name, r.status])).toEqual([['web', 'OutOfSync']]);
  });

  it('reports a kind whose relist fails as a condition, then recovers', async () => {
    // Given the watched kinds must relist (410 after compaction) and every resource request fails with 503
    await applyTracked({ ...settings('x'), metadata: { name: 'nudge' } });
    cluster.faults.set({ forceExpired: true, errorRate: { status: 503, share: 1 } });
    try {
      // When refreshed, then the incomplete live state is a ComparisonError, not a partial view
      const failing = await waitFor(async () => {
        const result = await refresher.refresh(app());
        return result.conditions.length > 0 ? result : undefined;
      }, { description: 'refresh reports the failing relist', timeoutMs: 30_000 });
      expect(failing.sync.status).toBe('Unknown');
      expect(failing.resources).toEqual([]);
      expect(failing.conditions.map((c) => c.type)).toEqual(['ComparisonError']);
      // Whichever watch fails first is named: the destination's kinds, or the control namespace's Secrets.
      expect(failing.conditions[0]?.message).toMatch(
        /^Failed to load live state: (live state of https:\/\/\S+ is incomplete: .*Service Unavailable.* \(and \d+ more kinds\)|cannot read the control namespace argocd: live state of v1\/Secret on https:\/\/\S+ is unknown: .*unable to handle the request \(injected fault\))$/,
      );
    } finally {
      cluster.faults.clear();
    }
    // When the server answers again, then refresh compares once more
    const recovered = await waitFor(async () => {
      const result = await refresher.refresh(app());
      return result.conditions.length === 0 ? result : undefined;
    }, { description: 'refresh recovers after the faults clear', timeoutMs: 30_000 });
    expect(recovered.sync.status).toBe('OutOfSync');
  });

  it('reports an unreachable control cluster as a condition, never an empty live state', async () => {
    const closed = new k8s.KubeConfig();
    closed.loadFromOptions({
      clusters: [{ name: 'c', server: 'https://127.0.0.1:1', skipTLSVerify: true }],
      users: [{ name: 'u', token: 't' }],
      contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
      currentContext: 'c',
    });
    const offline = createRefresher({ kubeconfig: closed, cacheDir: path.join(temp.path, 'offline'), allowHttp: true });
    try {
      const result = await offline.refresh(app());
      expect(result.sync.status).toBe('Unknown');
      expect(result.resources).toEqual([]);
      expect(result.conditions.map((c) => c.type)).toEqual(['ComparisonError']);
      expect(result.conditions[0]?.message).toMatch(/^Failed to load live state: cannot read the control namespace argocd: .*127\.0\.0\.1:1/);
    } finally {
      await offline.stop();
    }
  });
});
