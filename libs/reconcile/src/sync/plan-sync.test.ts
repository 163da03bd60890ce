import { describe, expect, it } from '@jest/globals';
import type { UnstructuredObject } from '@driftless/api';
import { planSync } from './plan-sync.js';
import type { PlanSyncInput, SyncPlan, SyncTask } from './plan-types.js';
import { desired, extraneous, object } from './test-objects.js';

const NS = 'prod';
const wave = (n: number): Record<string, string> => ({ 'argocd.argoproj.io/sync-wave': String(n) });
const options = (value: string): Record<string, string> => ({ 'argocd.argoproj.io/sync-options': value });
const hook = (types: string, extra: Record<string, string> = {}): Record<string, string> => ({ 'argocd.argoproj.io/hook': types, ...extra });

const cm = (name: string, annotations?: Record<string, string>): UnstructuredObject => object('v1', 'ConfigMap', name, { namespace: NS, ...(annotations ? { annotations } : {}) });
const deploy = (name: string, annotations?: Record<string, string>): UnstructuredObject => object('apps/v1', 'Deployment', name, { namespace: NS, ...(annotations ? { annotations } : {}) });
const job = (name: string, annotations: Record<string, string>): UnstructuredObject => object('batch/v1', 'Job', name, { namespace: NS, annotations, ...(name === '' ? { generateName: 'migrate-' } : {}) });

function plan(input: Partial<PlanSyncInput>): SyncPlan {
  const result = planSync({ resources: [], destinationNamespace: NS, prune: true, ...input });
  if (!result.ok) throw new Error(result.message);
  return result.plan;
}

/** `phase/wave action Kind/name (reason)`: one line per task. */
const lines = (tasks: readonly SyncTask[]): string[] =>
  tasks.map((t) => `${t.phase}/${t.wave} ${t.action} ${t.key.kind}/${t.key.name || t.key.generateName}${t.reason ? ` (${t.reason})` : ''}`);

describe('planSync ordering', () => {
  it.each<[string, Partial<PlanSyncInput>, string[]]>([
    [
      'kinds in Argo order inside a wave, custom kinds last, then by name',
      {
        resources: [
          desired(object('example.com/v1', 'Widget', 'w')),
          desired(deploy('web')),
          desired(object('v1', 'Service', 'web', { namespace: NS })),
          desired(cm('b')),
          desired(cm('a')),
          desired(object('rbac.authorization.k8s.io/v1', 'ClusterRole', 'reader')),
          desired(object('v1', 'ServiceAccount', 'sa', { namespace: NS })),
          desired(object('v1', 'Secret', 's', { namespace: NS })),
        ],
      },
      ['Sync/0 apply ServiceAccount/sa', 'Sync/0 apply Secret/s', 'Sync/0 apply ConfigMap/a', 'Sync/0 apply ConfigMap/b', 'Sync/0 apply ClusterRole/reader', 'Sync/0 apply Service/web', 'Sync/0 apply Deployment/web', 'Sync/0 apply Widget/w'],
    ],
    [
      'waves ascending, negatives first, default 0',
      { resources: [desired(deploy('late', wave(5))), desired(cm('default')), desired(deploy('early', wave(-2)))] },
      ['Sync/-2 apply Deployment/early', 'Sync/0 apply ConfigMap/default', 'Sync/5 apply Deployment/late'],
    ],
    [
      'phases PreSync, Sync, PostSync; hooks per phase, Helm hooks mapped, weight as wave',
      {
        resources: [desired(deploy('web'))],
        hooks: [
          job('post', hook('PostSync')),
          job('both', hook('PreSync,PostSync')),
          job('helm-pre', { 'helm.sh/hook': 'pre-upgrade', 'helm.sh/hook-weight': '-5' }),
          job('sync-hook', hook('Sync', wave(1))),
        ],
      },
      ['PreSync/-5 create-hook Job/helm-pre', 'PreSync/0 create-hook Job/both', 'Sync/0 apply Deployment/web', 'Sync/1 create-hook Job/sync-hook', 'PostSync/0 create-hook Job/both', 'PostSync/0 create-hook Job/post'],
    ],
    [
      'prunes at mirrored waves (reverse creation order), beside the applies of that wave',
      { resources: [desired(deploy('web')), extraneous(cm('old-early', wave(-1))), extraneous(cm('old-mid')), extraneous(cm('old-late', wave(5)))] },
      ['Sync/-1 prune ConfigMap/old-late', 'Sync/0 prune ConfigMap/old-mid', 'Sync/0 apply Deployment/web', 'Sync/5 prune ConfigMap/old-early'],
    ],
    [
      'PruneLast=true on the application: prunes after the last Sync wave',
      { syncOptions: ['PruneLast=true'], resources: [desired(deploy('web', wave(3))), extraneous(cm('old', wave(7)))] },
      ['Sync/3 apply Deployment/web', 'Sync/8 prune ConfigMap/old'],
    ],
    [
      'PruneLast=true on one resource only',
      { resources: [desired(deploy('web')), extraneous(cm('last', options('PruneLast=true'))), extraneous(cm('now'))] },
      ['Sync/0 prune ConfigMap/now', 'Sync/0 apply Deployment/web', 'Sync/1 prune ConfigMap/last'],
    ],
    [
      'a Namespace is pulled before the first resource in it, taking its phase and wave',
      { resources: [desired(object('v1', 'Namespace', 'team', { annotations: wave(5) })), desired(object('v1', 'ConfigMap', 'cfg', { namespace: 'team' }))], hooks: [object('batch/v1', 'Job', 'init', { namespace: 'team', annotations: hook('PreSync') })] },
      ['PreSync/0 apply Namespace/team', 'PreSync/0 create-hook Job/init', 'Sync/0 apply ConfigMap/cfg'],
    ],
    [
      'a CRD is pulled before its custom resources',
      {
        resources: [
          desired(object('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com', { annotations: wave(2), spec: { group: 'example.com', names: { kind: 'Widget' } } })),
          desired(object('example.com/v1', 'Widget', 'w', { namespace: NS })),
        ],
      },
      ['Sync/0 apply CustomResourceDefinition/widgets.example.com', 'Sync/0 apply Widget/w'],
    ],
  ])('%s', (_name, input, expected) => {
    expect(lines(plan(input).tasks)).toEqual(expected);
  });
});

describe('planSync rules', () => {
  it.each<[string, Partial<PlanSyncInput>, string[], string[]?]>([
    ['Prune=false keeps the resource', { allowEmpty: true, resources: [extraneous(cm('keep', options('Prune=false')))] }, ['Sync/0 prune-skipped ConfigMap/keep (ignored (no prune))']],
    ['an operation without prune only reports', { prune: false, resources: [extraneous(cm('old'))] }, ['Sync/0 prune-skipped ConfigMap/old (ignored (requires pruning))']],
    [
      'ApplyOutOfSyncOnly drops Synced resources but keeps hooks, new and changed ones',
      {
        syncOptions: ['ApplyOutOfSyncOnly=true'],
        resources: [desired(cm('same'), cm('same'), 'Synced'), desired(cm('changed'), cm('changed'), 'OutOfSync'), desired(cm('new'))],
        hooks: [job('hook', hook('Sync'))],
      },
      ['Sync/0 apply ConfigMap/changed', 'Sync/0 apply ConfigMap/new', 'Sync/0 create-hook Job/hook'],
    ],
    ['without ApplyOutOfSyncOnly Synced resources are applied', { resources: [desired(cm('same'), cm('same'), 'Synced')] }, ['Sync/0 apply ConfigMap/same']],
    [
      'selective sync keeps the listed resources and skips hooks',
      {
        selected: [{ kind: 'ConfigMap', name: 'a' }, { group: 'apps', kind: 'Deployment', name: 'web', namespace: NS }],
        resources: [desired(cm('a')), desired(cm('b')), desired(deploy('web')), extraneous(cm('old'))],
        hooks: [job('hook', hook('PreSync'))],
      },
      ['Sync/0 apply ConfigMap/a', 'Sync/0 apply Deployment/web'],
    ],
    ['the apply strategy skips hooks', { applyStrategy: true, resources: [desired(cm('a'))], hooks: [job('hook', hook('PreSync'))] }, ['Sync/0 apply ConfigMap/a']],
    [
      'Skip objects are neither applied nor pruned; live hooks are not pruned',
      { resources: [desired(cm('skipped', hook('Skip'))), extraneous(cm('old-skip', hook('Skip'))), extraneous(job('old-hook', hook('PreSync'))), desired(cm('a'))] },
      ['Sync/0 apply ConfigMap/a'],
    ],
    [
      'hooks found among the pairs become hook tasks, once',
      { resources: [desired(job('migrate', hook('PreSync')))], hooks: [job('migrate', hook('PreSync'))] },
      ['PreSync/0 create-hook Job/migrate'],
    ],
    [
      'SyncFail hooks are kept apart',
      { resources: [desired(cm('a'))], hooks: [job('cleanup', hook('SyncFail'))] },
      ['Sync/0 apply ConfigMap/a'],
      ['SyncFail/0 create-hook Job/cleanup'],
    ],
    [
      'generateName hooks are named for the operation',
      { revision: 'abcdef0123456789', startedAt: '2024-05-01T12:00:00Z', hooks: [job('', hook('PreSync,PostSync'))] },
      ['PreSync/0 create-hook Job/migrate-abcdef0-presync-1714564800', 'PostSync/0 create-hook Job/migrate-abcdef0-postsync-1714564800'],
    ],
    ['generateName hooks without a start time keep their prefix', { hooks: [job('', hook('PreSync'))] }, ['PreSync/0 create-hook Job/migrate-']],
    [
      'CreateNamespace adds a first task',
      { syncOptions: ['CreateNamespace=true'], resources: [desired(cm('a', wave(-3)))], hooks: [job('pre', hook('PreSync', wave(-1)))] },
      ['PreSync/-1 create-namespace Namespace/prod', 'PreSync/-1 create-hook Job/pre', 'Sync/-3 apply ConfigMap/a'],
    ],
    [
      'CreateNamespace adds nothing when the manifests declare the namespace',
      { syncOptions: ['CreateNamespace=true'], resources: [desired(object('v1', 'Namespace', NS)), desired(cm('a'))] },
      ['Sync/0 apply Namespace/prod', 'Sync/0 apply ConfigMap/a'],
    ],
  ])('%s', (_name, input, expected, syncFail = []) => {
    const result = plan(input);
    expect(lines(result.tasks)).toEqual(expected);
    expect(lines(result.syncFailTasks)).toEqual(syncFail);
  });

  it('carries managed namespace metadata and resolved options', () => {
    const metadata = { labels: { team: 'a' }, annotations: { owner: 'ops' } };
    const [ns, apply] = plan({ syncOptions: ['CreateNamespace=true', 'ServerSideApply=true'], managedNamespaceMetadata: metadata, resources: [desired(cm('a', options('Replace=true')))] }).tasks;
    expect(ns).toEqual({
      phase: 'PreSync',
      wave: 0,
      action: 'create-namespace',
      key: { group: '', version: 'v1', kind: 'Namespace', namespace: '', name: NS },
      managedNamespaceMetadata: metadata,
      options: { serverSideApply: true, replace: false, force: false, validate: true, skipDryRunOnMissingResource: false },
    });
    expect(apply?.options).toEqual({ serverSideApply: true, replace: true, force: false, validate: true, skipDryRunOnMissingResource: false });
  });

  it('describes hooks with their delete policies', () => {
    const [task] = plan({ hooks: [job('', hook('PreSync', { 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' }))] }).tasks;
    expect(task).toMatchObject({ action: 'create-hook', key: { group: 'batch', version: 'v1', kind: 'Job', namespace: NS, name: '', generateName: 'migrate-' }, hook: { types: ['PreSync'], deletePolicies: ['HookSucceeded'] } });
  });

  it('records the operation settings', () => {
    expect(plan({ dryRun: true, revision: 'abc' })).toMatchObject({ revision: 'abc', dryRun: true, prune: true, selective: false, skipHooks: false, recordHistory: false });
    expect(plan({ selected: [{ kind: 'ConfigMap', name: 'a' }] })).toMatchObject({ dryRun: false, selective: true, skipHooks: true, recordHistory: false });
    expect(plan({})).toMatchObject({ recordHistory: true, tasks: [], syncFailTasks: [] });
  });
});
