import { describe, expect, it } from '@jest/globals';
import type { UnstructuredObject } from '@driftless/api';
import { object } from '../test-objects.js';
import { NS, REVISION, harness, resultLines, runToEnd, step } from './harness.js';

const annotations = (entries: Record<string, string>): { namespace: string; annotations: Record<string, string> } => ({ namespace: NS, annotations: entries });
const cm = (name: string, wave = 0): UnstructuredObject => object('v1', 'ConfigMap', name, annotations({ 'argocd.argoproj.io/sync-wave': String(wave) }));
const deploy = (name: string, wave = 0): UnstructuredObject => ({ ...object('apps/v1', 'Deployment', name, annotations({ 'argocd.argoproj.io/sync-wave': String(wave) })), spec: { replicas: 1 } });
const job = (name: string, hook: string, policy?: string): UnstructuredObject =>
  object('batch/v1', 'Job', name, {
    ...annotations({ 'argocd.argoproj.io/hook': hook, ...(policy === undefined ? {} : { 'argocd.argoproj.io/hook-delete-policy': policy }) }),
    ...(name === '' ? { generateName: 'migrate-' } : {}),
  });
const writes = (calls: readonly string[]): string[] => calls.filter((c) => !c.startsWith('get ') && !c.startsWith('dryRun '));

describe('stepSync waves', () => {
  it('applies one wave per step and waits for health between waves', async () => {
    const h = harness([cm('a', 0), deploy('web', 1), cm('c', 2)]);
    const first = await step(h);
    expect(h.cluster.calls).toEqual(['dryRun ConfigMap/a', 'dryRun Deployment/web', 'dryRun ConfigMap/c', 'apply ConfigMap/a']);
    expect(first).toMatchObject({ done: false, requeueAfterMs: 2000, state: { phase: 'Running', message: 'waiting for healthy state of apps/Deployment/web and 1 more resources' } });

    await step(h);
    expect(writes(h.cluster.calls)).toEqual(['apply ConfigMap/a', 'apply Deployment/web']);
    const waiting = await step(h);
    expect(waiting.state.message).toBe('waiting for healthy state of apps/Deployment/web');
    expect(writes(h.cluster.calls)).toHaveLength(2);

    h.cluster.rollOut('web');
    const last = await step(h);
    expect(writes(h.cluster.calls)).toEqual(['apply ConfigMap/a', 'apply Deployment/web', 'apply ConfigMap/c']);
    expect(last).toMatchObject({ done: true, state: { phase: 'Succeeded', message: 'successfully synced (all tasks run)' } });
    expect(last.state.finishedAt).toBeDefined();
    expect(resultLines(h)).toEqual(['Sync ConfigMap/a Synced Succeeded', 'Sync Deployment/web Synced Succeeded', 'Sync ConfigMap/c Synced Running']);
  });

  it('stamps the tracking annotation on every applied object and records the revision and source', async () => {
    const h = harness([cm('a')]);
    const result = await step(h);
    expect(h.cluster.byName('a')?.metadata.annotations?.['argocd.argoproj.io/tracking-id']).toBe('guestbook:/ConfigMap:prod/a');
    expect(result.state.syncResult).toMatchObject({ revision: REVISION, source: { path: 'gb' } });
    expect(result.historyEntry).toMatchObject({ id: 0, revision: REVISION, deployStartedAt: result.state.startedAt, source: { path: 'gb' } });
  });

  it('applies CRDs before their custom resources in one step, refreshing discovery in between, without dry-running them', async () => {
    const crd = { ...object('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com'), spec: { group: 'example.com', names: { kind: 'Widget' } } };
    const h = harness([object('example.com/v1', 'Widget', 'w', { namespace: NS }), crd]);
    await runToEnd(h);
    expect(h.cluster.calls).toEqual(['dryRun CustomResourceDefinition/widgets.example.com', 'apply CustomResourceDefinition/widgets.example.com', 'refreshDiscovery /', 'apply Widget/w']);
  });

  it('creates a missing namespace first with CreateNamespace=true, untracked', async () => {
    const h = harness([cm('a')], { sync: { syncOptions: ['CreateNamespace=true'] } });
    await runToEnd(h);
    expect(writes(h.cluster.calls)).toEqual(['apply Namespace/prod', 'apply ConfigMap/a']);
    expect(h.cluster.byName('prod')?.metadata.annotations).toBeUndefined();
  });
});

describe('stepSync hooks', () => {
  it('creates a PreSync hook, waits for its Job to complete, then applies the Sync wave', async () => {
    const h = harness([job('', 'PreSync', 'HookSucceeded'), cm('a')]);
    const first = await step(h);
    const unix = Math.floor(h.cluster.nowMs / 1000);
    const name = `migrate-0123456-presync-${unix}`;
    expect(writes(h.cluster.calls)).toEqual([`createHook Job/${name}`]);
    // gitops-engine names the first of the remaining tasks: the hook, then counts the rest.
    expect(first.state.message).toBe(`waiting for completion of hook batch/Job/${name} and 1 more hooks`);
    await step(h);
    expect(writes(h.cluster.calls)).toHaveLength(1);

    h.cluster.finishJob(name, 'Complete');
    const results = await runToEnd(h);
    expect(writes(h.cluster.calls)).toEqual([`createHook Job/${name}`, 'apply ConfigMap/a', `delete Job/${name} (foreground)`]);
    expect(results.at(-1)?.state).toMatchObject({ phase: 'Succeeded' });
    expect(resultLines(h)).toEqual([`PreSync Job/${name} Synced Succeeded`, 'Sync ConfigMap/a Synced Running']);
  });

  it('runs PostSync hooks only once the Sync resources are healthy', async () => {
    const h = harness([deploy('web'), job('notify', 'PostSync')]);
    await step(h);
    await step(h);
    expect(writes(h.cluster.calls)).toEqual(['apply Deployment/web']);
    h.cluster.rollOut('web');
    await step(h);
    expect(writes(h.cluster.calls)).toEqual(['apply Deployment/web', 'createHook Job/notify']);
    h.cluster.finishJob('notify', 'Complete');
    const [last] = (await runToEnd(h)).slice(-1);
    expect(last?.state).toMatchObject({ phase: 'Succeeded', message: 'successfully synced (no more tasks)' });
    expect(h.cluster.byName('notify')).toBeDefined();
  });

  it('deletes an existing BeforeHookCreation hook and creates it on a later step, once it is gone', async () => {
    const h = harness([job('migrate', 'PreSync')]);
    h.cluster.put({ ...job('migrate', 'PreSync'), metadata: { name: 'migrate', namespace: NS } });
    h.cluster.slowDeletes = true;
    const first = await step(h);
    expect(writes(h.cluster.calls)).toEqual(['delete Job/migrate (foreground)']);
    expect(first.state.message).toBe('waiting for deletion of batch/Job/migrate');
    await step(h);
    expect(writes(h.cluster.calls)).toEqual(['delete Job/migrate (foreground)']);
    h.cluster.finishDeletes();
    await step(h);
    expect(writes(h.cluster.calls)).toEqual(['delete Job/migrate (foreground)', 'createHook Job/migrate']);
  });

  it('on a failed hook runs the SyncFail hooks, then fails, deleting HookFailed hooks', async () => {
    const h = harness([job('migrate', 'PreSync', 'HookFailed'), job('cleanup', 'SyncFail'), cm('a')]);
    await step(h);
    h.cluster.finishJob('migrate', 'Failed');
    const failing = await step(h);
    expect(writes(h.cluster.calls)).toEqual(['createHook Job/migrate', 'createHook Job/cleanup']);
    expect(failing.state).toMatchObject({ phase: 'Running', message: 'waiting for completion of hook batch/Job/cleanup' });
    h.cluster.finishJob('cleanup', 'Complete');
    const last = await step(h);
    expect(last).toMatchObject({ done: true, state: { phase: 'Failed', message: 'one or more synchronization tasks completed unsuccessfully' } });
    expect(writes(h.cluster.calls)).toEqual(['createHook Job/migrate', 'createHook Job/cleanup', 'delete Job/migrate (foreground)']);
    expect(resultLines(h)).toEqual(['PreSync Job/migrate Synced Failed', 'SyncFail Job/cleanup Synced Succeeded']);
    expect(h.cluster.count('apply', 'a')).toBe(0);
  });

  it('fails the phase when a resource of a multi-step sync turns Degraded', async () => {
    const h = harness([deploy('web', 0), cm('c', 1)]);
    await step(h);
    h.cluster.byName('web')!['status'] = { observedGeneration: 1, conditions: [{ type: 'Progressing', reason: 'ProgressDeadlineExceeded' }] };
    const last = await step(h);
    expect(last.state).toMatchObject({ phase: 'Failed', message: 'one or more synchronization tasks completed unsuccessfully' });
    expect(h.cluster.count('apply', 'c')).toBe(0);
  });
});

describe('stepSync prunes', () => {
  const tracked = (obj: UnstructuredObject, id: string): UnstructuredObject => ({ ...obj, metadata: { ...obj.metadata, annotations: { ...obj.metadata.annotations, 'argocd.argoproj.io/tracking-id': id } } });

  it('prunes with the propagation policy of the sync options', async () => {
    const h = harness([cm('a')], { sync: { prune: true, syncOptions: ['PrunePropagationPolicy=background'] } });
    h.cluster.put(tracked(object('v1', 'ConfigMap', 'old', { namespace: NS }), 'guestbook:/ConfigMap:prod/old'));
    await runToEnd(h);
    expect(writes(h.cluster.calls)).toEqual(['delete ConfigMap/old (background)', 'apply ConfigMap/a']);
    expect(resultLines(h)).toContain('Sync ConfigMap/old Pruned Succeeded');
  });

  it('records PruneSkipped for Prune=false and deletes nothing', async () => {
    const h = harness([], { sync: { prune: true } });
    h.cluster.put(tracked(object('v1', 'ConfigMap', 'keep', annotations({ 'argocd.argoproj.io/sync-options': 'Prune=false' })), 'guestbook:/ConfigMap:prod/keep'));
    const [last] = (await runToEnd(h)).slice(-1);
    expect(last?.state.phase).toBe('Succeeded');
    expect(writes(h.cluster.calls)).toEqual([]);
    expect(h.app.status?.operationState?.syncResult?.resources?.[0]).toMatchObject({ status: 'PruneSkipped', message: 'ignored (no prune)' });
  });
});
