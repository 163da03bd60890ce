// Scenarios of issue 6: the GitOps loop over time, driven with kubectl as an Argo CD user drives it —
// a new commit synced by hand, automated prune, self-heal of a hand scale, and rollback to a history id.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { SyncPolicy } from '@driftless/api';
import { rollbackOperation } from '@driftless/reconcile';
import type { ServedRepo } from '@driftless/testing';
import {
  IN_CLUSTER,
  appJsonpath,
  applicationYaml,
  objectJsonpath,
  readApplication,
  requestOperation,
  requestRefresh,
  waitForApplication,
  waitForSyncHealthPhase,
} from '../support/applications.js';
import { startGitOpsPlatform } from '../support/gitops-platform.js';
import type { GitOpsPlatform } from '../support/gitops-platform.js';
import { DEVCLUSTER_READY_AFTER_MS, configMapYaml, deploymentYaml } from '../support/manifests.js';

let platform: GitOpsPlatform;

beforeAll(async () => {
  platform = await startGitOpsPlatform({ name: 'loop' });
}, 120_000);

afterAll(async () => {
  await platform?.stop();
});

/** A repository `<name>.git` with `files` under `app/`, a fresh namespace and an Application on it. */
async function givenApp(name: string, files: Readonly<Record<string, string>>, syncPolicy?: SyncPolicy): Promise<{ repo: ServedRepo; namespace: string }> {
  const repo = await platform.repo(name, Object.fromEntries(Object.entries(files).map(([file, text]) => [`app/${file}`, text])));
  const namespace = await platform.namespace(name);
  await platform.apply(applicationYaml(name, {
    project: 'default',
    source: { repoURL: repo.url, path: 'app', targetRevision: 'main' },
    destination: { server: IN_CLUSTER, namespace },
    ...(syncPolicy === undefined ? {} : { syncPolicy }),
  }));
  return { repo, namespace };
}

/** Syncs a manual app as `argocd app sync` does, once it has been compared, and waits for Synced at `revision`. */
async function syncByHand(name: string, revision: string): Promise<void> {
  await waitForApplication(platform, name, 'is compared', (app) => app.status?.sync?.status !== undefined && app.status.sync.status !== 'Unknown');
  await requestOperation(platform, name);
  await waitForApplication(platform, name, `is Synced at ${revision}`, (app) =>
    app.operation === undefined && app.status?.operationState?.phase === 'Succeeded' && app.status.sync?.status === 'Synced' && app.status.sync.revision === revision);
}

describe('Given a manual app Synced at the first commit', () => {
  let repo: ServedRepo;
  let namespace: string;
  let first: string;

  beforeAll(async () => {
    ({ repo, namespace } = await givenApp('guestbook', { 'settings.yaml': configMapYaml('settings', { color: 'blue' }) }));
    first = await repo.head();
    await syncByHand('guestbook', first);
  }, 120_000);

  it('when a commit is pushed and the app refreshed, then it is OutOfSync at the new revision until synced, and history has two entries', async () => {
    // When a commit is pushed and the refresh annotation set
    await repo.commit({ 'app/settings.yaml': configMapYaml('settings', { color: 'green' }) }, 'green');
    await repo.push();
    const second = await repo.head();
    await requestRefresh(platform, 'guestbook');

    // Then the app is OutOfSync at the new revision, the annotation is gone, the cluster untouched
    const outOfSync = await waitForApplication(platform, 'guestbook', 'is OutOfSync at the second commit, the refresh annotation removed', (app) =>
      app.status?.sync?.status === 'OutOfSync' && app.status.sync.revision === second && app.metadata.annotations?.['argocd.argoproj.io/refresh'] === undefined);
    expect(outOfSync.status?.resources?.map((r) => `${r.kind}/${r.name}=${r.status}`)).toEqual(['ConfigMap/settings=OutOfSync']);
    expect(await objectJsonpath(platform, 'configmap', namespace, 'settings', '{.data.color}')).toBe('blue');

    // When synced by hand, then it is Synced at the new revision with two history entries
    await syncByHand('guestbook', second);
    expect(await objectJsonpath(platform, 'configmap', namespace, 'settings', '{.data.color}')).toBe('green');
    expect(await appJsonpath(platform, 'guestbook', '{range .status.history[*]}{.id}={.revision} {end}')).toBe(`0=${first} 1=${second} `);
    expect(await appJsonpath(platform, 'guestbook', '{.status.history[1].initiatedBy.username}')).toBe('admin');
  }, 120_000);
});

describe('Given an automated app with prune holding two ConfigMaps', () => {
  let repo: ServedRepo;
  let namespace: string;

  beforeAll(async () => {
    ({ repo, namespace } = await givenApp('pruned', {
      'settings.yaml': configMapYaml('settings', { mode: 'demo' }),
      'flags.yaml': configMapYaml('flags', { beta: 'off' }),
    }, { automated: { prune: true } }));
    await waitForSyncHealthPhase(platform, 'pruned', 'Synced/Healthy/Succeeded');
    expect(await objectJsonpath(platform, 'configmap', namespace, 'flags', '{.data.beta}')).toBe('off');
  }, 120_000);

  it('when a file is deleted in Git and the app refreshed, then its ConfigMap is pruned', async () => {
    await repo.commit({ 'app/flags.yaml': null }, 'drop flags');
    await repo.push();
    const next = await repo.head();
    await requestRefresh(platform, 'pruned');

    const synced = await waitForApplication(platform, 'pruned', 'is Synced at the commit without flags', (app) =>
      app.status?.sync?.status === 'Synced' && app.status.sync.revision === next && app.status.operationState?.phase === 'Succeeded' && app.status.operationState.syncResult?.revision === next);
    expect(await objectJsonpath(platform, 'configmap', namespace, 'flags', '{.metadata.name}')).toBeUndefined();
    expect(await objectJsonpath(platform, 'configmap', namespace, 'settings', '{.data.mode}')).toBe('demo');
    expect(synced.status?.resources?.map((r) => r.name)).toEqual(['settings']);
    expect(synced.status?.operationState?.syncResult?.resources?.map((r) => `${r.kind}/${r.name}=${r.status}`)).toContain('ConfigMap/flags=Pruned');
  }, 120_000);
});

describe('Given an automated app with selfHeal running a Deployment of 2 replicas (pods ready after 2 s)', () => {
  let namespace: string;

  beforeAll(async () => {
    // The readiness delay makes the first rollout visible as Progressing before the app turns Healthy.
    ({ namespace } = await givenApp('healed', { 'web.yaml': deploymentYaml('web', { replicas: 2, podAnnotations: { [DEVCLUSTER_READY_AFTER_MS]: '2000' } }) }, { automated: { selfHeal: true } }));
    await waitForSyncHealthPhase(platform, 'healed', 'Synced/Healthy/Succeeded');
  }, 120_000);

  it('when someone runs `kubectl scale deployment web --replicas=5`, then self-heal puts Git\'s 2 replicas back', async () => {
    expect(await platform.kubectlOk('scale', 'deployment', 'web', '-n', namespace, '--replicas=5')).toContain('scaled');

    // Argo's self-heal syncs only the drifted resources (a partial sync, so no new history entry)
    const healed = await waitForApplication(platform, 'healed', 'has healed the Deployment (a self-heal sync, Synced and Healthy)', (app) =>
      (app.status?.operationState?.operation.sync?.resources ?? []).length > 0 && app.status?.operationState?.phase === 'Succeeded' &&
      app.status.sync?.status === 'Synced' && app.status.health?.status === 'Healthy');
    expect(await objectJsonpath(platform, 'deployment', namespace, 'web', '{.spec.replicas}')).toBe('2');
    expect(healed.status?.operationState?.operation.initiatedBy).toEqual({ automated: true });
    expect(healed.status?.operationState?.operation.sync?.resources).toEqual([expect.objectContaining({ group: 'apps', kind: 'Deployment', name: 'web' })]);
    expect(healed.status?.history?.map((h) => h.revision)).toEqual([healed.status?.sync?.revision]);
  }, 120_000);

  // Argo CD sets no message on the application's health: none may be left over from the Progressing
  // rollout seen before (a JSON merge patch of `status.health` would keep the old `message`).
  it('then the Healthy app shows no leftover rollout message in its health', async () => {
    const message = await appJsonpath(platform, 'healed', '{.status.health.status}: {.status.health.message}');
    expect(message).toBe('Healthy: ');
  });
});

describe('Given a manual app synced at two commits (history ids 0 and 1)', () => {
  let repo: ServedRepo;
  let namespace: string;
  let first: string;
  let second: string;

  beforeAll(async () => {
    ({ repo, namespace } = await givenApp('rollback', { 'settings.yaml': configMapYaml('settings', { release: 'one' }), 'web.yaml': deploymentYaml('web', { replicas: 1 }) }));
    first = await repo.head();
    await syncByHand('rollback', first);
    await repo.commit({ 'app/settings.yaml': configMapYaml('settings', { release: 'two' }), 'app/web.yaml': deploymentYaml('web', { replicas: 2 }) }, 'release two');
    await repo.push();
    second = await repo.head();
    await requestRefresh(platform, 'rollback');
    await waitForApplication(platform, 'rollback', 'is OutOfSync at the second commit', (app) => app.status?.sync?.revision === second && app.status.sync.status === 'OutOfSync');
    await syncByHand('rollback', second);
  }, 120_000);

  it('when rolled back to id 0 with the operation `argocd app rollback` writes, then the live objects are the first commit\'s and the app is OutOfSync against HEAD', async () => {
    const app = await readApplication(platform, 'rollback');
    expect(app.status?.history?.map((h) => `${h.id}=${h.revision ?? ''}`)).toEqual([`0=${first}`, `1=${second}`]);
    const operation = rollbackOperation(app, 0, { username: 'admin' });
    expect(operation.sync?.revision).toBe(first);
    await requestOperation(platform, 'rollback', operation);

    const rolledBack = await waitForApplication(platform, 'rollback', 'has run the rollback', (a) =>
      a.operation === undefined && a.status?.operationState?.phase === 'Succeeded' && a.status.operationState.syncResult?.revision === first);
    expect(await objectJsonpath(platform, 'configmap', namespace, 'settings', '{.data.release}')).toBe('one');
    expect(await objectJsonpath(platform, 'deployment', namespace, 'web', '{.spec.replicas}')).toBe('1');
    expect(rolledBack.status?.history?.map((h) => `${h.id}=${h.revision ?? ''}`)).toEqual([`0=${first}`, `1=${second}`, `2=${first}`]);

    // Argo compares with the spec's targetRevision again: OutOfSync at HEAD, as the UI shows after a rollback
    const compared = await waitForApplication(platform, 'rollback', 'is OutOfSync at HEAD after the rollback', (a) => a.status?.sync?.status === 'OutOfSync' && a.status.sync.revision === second);
    expect(compared.status?.resources?.map((r) => `${r.kind}/${r.name}=${r.status}`).sort()).toEqual(['ConfigMap/settings=OutOfSync', 'Deployment/web=OutOfSync']);
  }, 120_000);
});
