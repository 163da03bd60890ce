import { describe, expect, it } from '@jest/globals';
import { formatSyncPlan } from './format-plan.js';
import { planSync } from './plan-sync.js';
import { planSteps } from './plan-steps.js';
import type { PlanSyncInput, SyncPlan } from './plan-types.js';
import { desired, extraneous, object } from './test-objects.js';

const NS = 'prod';

function plan(input: Partial<PlanSyncInput>): SyncPlan {
  const result = planSync({ resources: [], destinationNamespace: NS, prune: true, ...input });
  if (!result.ok) throw new Error(result.message);
  return result.plan;
}

const guestbook = plan({
  syncOptions: ['CreateNamespace=true', 'ServerSideApply=true', 'PrunePropagationPolicy=background'],
  resources: [
    desired(object('apps/v1', 'Deployment', 'web', { namespace: NS, annotations: { 'argocd.argoproj.io/sync-wave': '1' } })),
    desired(object('v1', 'ConfigMap', 'cfg', { namespace: NS })),
    extraneous(object('v1', 'Secret', 'old', { namespace: NS, annotations: { 'argocd.argoproj.io/sync-options': 'Prune=confirm' } })),
    extraneous(object('v1', 'ConfigMap', 'kept', { namespace: NS, annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false' } })),
  ],
  hooks: [
    object('batch/v1', 'Job', '', { generateName: 'migrate-', annotations: { 'argocd.argoproj.io/hook': 'PreSync' } }),
    object('batch/v1', 'Job', 'notify', { namespace: NS, annotations: { 'argocd.argoproj.io/hook': 'SyncFail', 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' } }),
  ],
});

describe('formatSyncPlan', () => {
  it('prints an aligned table in execution order, SyncFail hooks last, then the pending confirmation', () => {
    expect(formatSyncPlan(guestbook)).toEqual([
      'PHASE     WAVE  ACTION            KIND             NAMESPACE  NAME                 NOTE',
      'PreSync   0     create-namespace  Namespace        -          prod                 ServerSideApply',
      'PreSync   0     create-hook       Job.batch        prod       migrate-<generated>  ServerSideApply; delete on BeforeHookCreation',
      'Sync      0     prune             Secret           prod       old                  requires confirmation; propagation=background',
      'Sync      0     apply             ConfigMap        prod       cfg                  ServerSideApply',
      'Sync      0     prune-skipped     ConfigMap        prod       kept                 ignored (no prune)',
      'Sync      1     apply             Deployment.apps  prod       web                  ServerSideApply',
      'SyncFail  0     create-hook       Job.batch        prod       notify               ServerSideApply; delete on HookSucceeded',
      'waiting for pruning confirmation of /Secret/old',
    ]);
  });

  it('says when there is nothing to do', () => {
    expect(formatSyncPlan(plan({}))).toEqual(['PHASE  WAVE  ACTION  KIND  NAMESPACE  NAME  NOTE', '(nothing to do)']);
  });
});

describe('planSteps', () => {
  it('groups consecutive tasks of one phase and wave', () => {
    expect(planSteps(guestbook.tasks).map((step) => [step.phase, step.wave, step.tasks.map((task) => task.key.name || task.key.generateName)])).toEqual([
      ['PreSync', 0, ['prod', 'migrate-']],
      ['Sync', 0, ['old', 'cfg', 'kept']],
      ['Sync', 1, ['web']],
    ]);
  });

  it('yields no steps for no tasks', () => {
    expect(planSteps([])).toEqual([]);
  });
});
