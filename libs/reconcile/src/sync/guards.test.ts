import { describe, expect, it } from '@jest/globals';
import { isDeletionApproved } from './guards.js';
import { planSync } from './plan-sync.js';
import type { PlanSyncInput, SyncPlan } from './plan-types.js';
import { desired, extraneous, object } from './test-objects.js';

const NS = 'prod';
const options = (value: string): Record<string, string> => ({ 'argocd.argoproj.io/sync-options': value });
const cm = (name: string, annotations?: Record<string, string>) => object('v1', 'ConfigMap', name, { namespace: NS, ...(annotations ? { annotations } : {}) });
const deploy = (name: string) => object('apps/v1', 'Deployment', name, { namespace: NS });
const job = (name: string, types: string) => object('batch/v1', 'Job', name, { namespace: NS, annotations: { 'argocd.argoproj.io/hook': types } });

function plan(input: Partial<PlanSyncInput>): SyncPlan {
  const result = planSync({ resources: [], destinationNamespace: NS, prune: true, ...input });
  if (!result.ok) throw new Error(result.message);
  return result.plan;
}

describe('planSync confirmation and refusals', () => {
  const confirm = [extraneous(cm('a', options('Prune=confirm'))), extraneous(object('v1', 'Namespace', 'b', { annotations: options('Prune=confirm') })), extraneous(cm('c'))];

  it('waits for approval of Prune=confirm resources, naming them', () => {
    const result = plan({ allowEmpty: true, resources: confirm });
    expect(result.awaitingConfirmation).toEqual({
      message: 'waiting for pruning confirmation of /Namespace/b and 1 more resources',
      keys: [
        { group: '', version: 'v1', kind: 'Namespace', namespace: '', name: 'b' },
        { group: '', version: 'v1', kind: 'ConfigMap', namespace: NS, name: 'a' },
      ],
    });
    expect(result.tasks.filter((task) => task.action === 'prune' && task.requiresConfirmation === true)).toHaveLength(2);
  });

  it('does not wait once approved', () => {
    expect(plan({ allowEmpty: true, resources: confirm, pruneConfirmed: true }).awaitingConfirmation).toBeUndefined();
  });

  it.each<[string, Partial<PlanSyncInput>, string | undefined]>([
    ['refuses to prune everything', { revision: 'abc123', resources: [extraneous(cm('a')), extraneous(deploy('b'))] }, 'Skipping sync attempt to abc123: auto-sync will wipe out all resources'],
    ['unless allowEmpty', { allowEmpty: true, resources: [extraneous(cm('a'))] }, undefined],
    ['or pruning is off', { prune: false, resources: [extraneous(cm('a'))] }, undefined],
    ['or something is rendered', { resources: [extraneous(cm('a')), desired(cm('b'))] }, undefined],
    ['or a hook is rendered', { resources: [extraneous(cm('a'))], hooks: [job('h', 'PreSync')] }, undefined],
    ['an empty application is fine', { resources: [] }, undefined],
    [
      'FailOnSharedResource fails on a shared resource',
      { syncOptions: ['FailOnSharedResource=true'], resources: [desired(deploy('web'))], sharedResourceWarnings: [{ key: { group: 'apps', kind: 'Deployment', namespace: NS, name: 'web' }, otherApp: 'billing', message: 'Deployment/web is part of applications guestbook and billing' }] },
      'Shared resource found: Deployment/web is part of applications guestbook and billing',
    ],
    [
      'shared resources are fine without FailOnSharedResource',
      { resources: [desired(deploy('web'))], sharedResourceWarnings: [{ key: { group: 'apps', kind: 'Deployment', namespace: NS, name: 'web' }, otherApp: 'billing', message: 'x' }] },
      undefined,
    ],
  ])('%s', (_name, input, message) => {
    const result = planSync({ resources: [], destinationNamespace: NS, prune: true, ...input });
    expect(result.ok ? undefined : result.message).toBe(message);
  });

  it('returns plain JSON and leaves the input alone', () => {
    const input: PlanSyncInput = { resources: [desired(deploy('web')), extraneous(cm('old'))], destinationNamespace: NS, prune: true };
    const before = JSON.stringify(input);
    const result = planSync(input);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('isDeletionApproved', () => {
  it.each<[string | undefined, boolean]>([
    ['2024-05-01T12:00:01Z', true],
    ['2024-05-01T12:00:00Z', true],
    ['2024-05-01T11:59:59Z', false],
    ['not a time', false],
    [undefined, false],
  ])('approval at %s', (approvedAt, expected) => {
    expect(isDeletionApproved(approvedAt, '2024-05-01T12:00:00Z')).toBe(expected);
  });
});
