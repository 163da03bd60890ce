// Scenarios of issue 6: sync waves and hooks running in order, and the health Argo CD shows for a
// Deployment whose pods never become ready (Progressing, then Degraded past its progress deadline).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Application } from '@driftless/api';
import type { ServedRepo } from '@driftless/testing';
import { IN_CLUSTER, applicationYaml, objectJsonpath, requestOperation, waitForApplication } from '../support/applications.js';
import { startGitOpsPlatform } from '../support/gitops-platform.js';
import type { GitOpsPlatform } from '../support/gitops-platform.js';
import { DEVCLUSTER_FAIL, configMapYaml, deploymentYaml, jobYaml } from '../support/manifests.js';

const HOOK = 'argocd.argoproj.io/hook';
const WAVE = 'argocd.argoproj.io/sync-wave';

let platform: GitOpsPlatform;

beforeAll(async () => {
  platform = await startGitOpsPlatform({ name: 'waves' });
}, 120_000);

afterAll(async () => {
  await platform?.stop();
});

describe('Given an app with a PreSync Job hook, a wave -1 ConfigMap, a wave 1 Deployment and a PostSync Job hook', () => {
  let repo: ServedRepo;
  let namespace: string;
  let done: Application;

  beforeAll(async () => {
    repo = await platform.repo('waves', {
      'app/migrate.yaml': jobYaml('migrate', { [HOOK]: 'PreSync' }),
      'app/settings.yaml': configMapYaml('settings', { mode: 'waves' }, { [WAVE]: '-1' }),
      'app/web.yaml': deploymentYaml('web', { annotations: { [WAVE]: '1' } }),
      'app/smoke.yaml': jobYaml('smoke', { [HOOK]: 'PostSync' }),
    });
    namespace = await platform.namespace('waves');
    await platform.apply(applicationYaml('waves', { project: 'default', source: { repoURL: repo.url, path: 'app', targetRevision: 'main' }, destination: { server: IN_CLUSTER, namespace } }));
    await waitForApplication(platform, 'waves', 'is compared', (app) => app.status?.sync?.status === 'OutOfSync');
  }, 60_000);

  describe('when it is synced', () => {
    beforeAll(async () => {
      await requestOperation(platform, 'waves');
      done = await waitForApplication(platform, 'waves', 'has finished its sync', (app) => app.operation === undefined && ['Succeeded', 'Failed', 'Error'].includes(app.status?.operationState?.phase ?? ''));
    }, 120_000);

    it('then the operation Succeeds with the app Synced and Healthy at the commit', async () => {
      expect(done.status?.operationState?.phase).toBe('Succeeded');
      const app = await waitForApplication(platform, 'waves', 'is Synced and Healthy', (a) => a.status?.sync?.status === 'Synced' && a.status.health?.status === 'Healthy');
      expect(app.status?.sync?.revision).toBe(await repo.head());
    });

    it('then the sync result lists the PreSync hook, wave -1, wave 1 and the PostSync hook in that order, hooks Succeeded', () => {
      expect(done.status?.operationState?.syncResult?.resources?.map((r) => `${r.syncPhase ?? ''} ${r.kind}/${r.name} ${r.status ?? ''} ${r.hookType ?? '-'} ${r.hookType === undefined ? '-' : (r.hookPhase ?? '')}`)).toEqual([
        'PreSync Job/migrate Synced PreSync Succeeded',
        'Sync ConfigMap/settings Synced - -',
        'Sync Deployment/web Synced - -',
        'PostSync Job/smoke Synced PostSync Succeeded',
      ]);
    });

    it('then kubectl shows the objects created in that order, the hook Jobs complete', async () => {
      const created = await Promise.all([['job', 'migrate'], ['configmap', 'settings'], ['deployment', 'web'], ['job', 'smoke']].map(([kind = '', name = '']) =>
        objectJsonpath(platform, kind, namespace, name, '{.metadata.creationTimestamp}')));
      const times = created.map((t) => Date.parse(t ?? ''));
      expect(times.every((t) => !Number.isNaN(t))).toBe(true);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      // Argo removes its hook finalizer once a hook has completed.
      for (const job of ['migrate', 'smoke']) expect(await objectJsonpath(platform, 'job', namespace, job, '{.status.succeeded} {.metadata.finalizers}')).toBe('1 ');
    });

    it('then the app\'s resources show the Synced ConfigMap and Deployment, and the live hooks flagged as hooks without a sync status', () => {
      // Argo CD (controller/state.go) lists live hooks with `hook: true` and leaves their sync status out.
      expect(done.status?.resources?.map((r) => `${r.kind}/${r.name}=${r.status ?? ''}${r.hook === true ? ' hook' : ''}`).sort()).toEqual([
        'ConfigMap/settings=Synced',
        'Deployment/web=Synced',
        'Job/migrate= hook',
        'Job/smoke= hook',
      ]);
    });
  });
});

describe('Given an automated app whose Deployment never becomes ready (progressDeadlineSeconds: 10)', () => {
  beforeAll(async () => {
    const repo = await platform.repo('stuck', {
      'app/stuck.yaml': deploymentYaml('stuck', { progressDeadlineSeconds: 10, podAnnotations: { [DEVCLUSTER_FAIL]: 'never-ready' } }),
    });
    const namespace = await platform.namespace('stuck');
    await platform.apply(applicationYaml('stuck', {
      project: 'default',
      source: { repoURL: repo.url, path: 'app', targetRevision: 'main' },
      destination: { server: IN_CLUSTER, namespace },
      syncPolicy: { automated: {} },
    }));
  }, 60_000);

  it('then the sync Succeeds and the app is Synced but Progressing while the rollout waits', async () => {
    const app = await waitForApplication(platform, 'stuck', 'is Synced and Progressing', (a) =>
      a.status?.operationState?.phase === 'Succeeded' && a.status.sync?.status === 'Synced' && a.status.health?.status === 'Progressing');
    expect(app.status?.resources?.map((r) => `${r.kind}/${r.name}=${r.health?.status ?? ''}`)).toEqual(['Deployment/stuck=Progressing']);
  }, 120_000);

  it('then, past the progress deadline, the app is Degraded with the Deployment\'s ProgressDeadlineExceeded', async () => {
    const app = await waitForApplication(platform, 'stuck', 'is Degraded', (a) => a.status?.health?.status === 'Degraded');
    expect(app.status?.sync?.status).toBe('Synced');
    expect(app.status?.resources?.map((r) => `${r.kind}/${r.name}=${r.health?.status ?? ''}: ${r.health?.message ?? ''}`)).toEqual([
      'Deployment/stuck=Degraded: Deployment "stuck" exceeded its progress deadline',
    ]);
  }, 120_000);
});
