// Issue 5 against a TLS dev cluster: sync waves and kind order proven by the server's creation order, and
// hooks — PreSync before the apply, PostSync after health, SyncFail on failure, each delete policy.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startDevCluster } from '@driftless/devcluster';
import type { DevCluster } from '@driftless/devcluster';
import { waitFor } from '@driftless/testing';
import { availableAt, conditionAt, createdAt, creations, deletedAt, recordEvents } from './test-support/cluster-events.js';
import type { EventLog } from './test-support/cluster-events.js';
import { JOB, configMap, deployment, freshNamespace, hook, job, serviceAccount, uniqueName, wave } from './test-support/manifests.js';
import { connect, newRun, requestOperation, resultLines, runToEnd, stateOf } from './test-support/sync-driver.js';
import type { Connection } from './test-support/sync-driver.js';

let cluster: DevCluster;
let conn: Connection;
let log: EventLog;

beforeAll(async () => {
  cluster = await startDevCluster({ tls: true });
  conn = connect(cluster.kubeconfig);
  log = recordEvents(cluster);
}, 60_000);

afterAll(async () => {
  log?.stop();
  await cluster?.stop();
});

describe('sync waves', () => {
  it('applies waves -1, 0, 1, 2 in order, each after the previous one is healthy', async () => {
    // Given objects in four waves, listed in reverse
    const ns = await freshNamespace(conn.client);
    const desired = [wave(configMap(ns, 'w2'), 2), wave(deployment(ns, 'w1'), 1), wave(configMap(ns, 'w0'), 0), wave(configMap(ns, 'w-minus-1'), -1)];
    const run = newRun({ appName: uniqueName('waves'), namespace: ns, desired });

    // When the sync runs to its end
    await runToEnd(conn, run);

    // Then it succeeded and the server created the objects wave by wave; wave 2 waited for wave 1's health
    expect(stateOf(run)).toMatchObject({ phase: 'Succeeded', message: 'successfully synced (all tasks run)' });
    const order = [createdAt(log, 'configmaps', ns, 'w-minus-1'), createdAt(log, 'configmaps', ns, 'w0'), createdAt(log, 'deployments', ns, 'w1'), createdAt(log, 'configmaps', ns, 'w2')];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(new Set(order).size).toBe(4);
    expect(availableAt(log, ns, 'w1')).toBeLessThan(createdAt(log, 'configmaps', ns, 'w2'));
    expect(resultLines(run)).toEqual([
      'Sync ConfigMap/w-minus-1 Synced Succeeded',
      'Sync ConfigMap/w0 Synced Succeeded',
      'Sync Deployment/w1 Synced Succeeded',
      'Sync ConfigMap/w2 Synced Running',
    ]);
  }, 60_000);

  it('orders kinds inside one wave: Namespace, ServiceAccount, ConfigMap, then Deployment', async () => {
    // Given one wave whose names sort the other way round
    const ns = await freshNamespace(conn.client);
    const extra = uniqueName('z-extra');
    const desired = [
      deployment(ns, 'a-web'),
      configMap(ns, 'b-config'),
      serviceAccount(ns, 'c-account'),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: extra } },
    ];
    const run = newRun({ appName: uniqueName('kinds'), namespace: ns, desired });

    // When the sync runs
    await runToEnd(conn, run);

    // Then the server saw them created in Argo's kind order
    expect(stateOf(run).phase).toBe('Succeeded');
    const order = [createdAt(log, 'namespaces', '', extra), createdAt(log, 'serviceaccounts', ns, 'c-account'), createdAt(log, 'configmaps', ns, 'b-config'), createdAt(log, 'deployments', ns, 'a-web')];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  }, 60_000);
});

describe('hooks', () => {
  it('completes a PreSync Job before the Deployment is applied and runs PostSync once it is healthy', async () => {
    // Given a PreSync Job, a Deployment and a PostSync Job
    const ns = await freshNamespace(conn.client);
    const desired = [hook(job(ns, 'post'), 'PostSync'), deployment(ns, 'web', { readyAfterMs: 300 }), hook(job(ns, 'pre'), 'PreSync')];
    const run = newRun({ appName: uniqueName('hooks'), namespace: ns, desired });

    // When the sync runs
    await runToEnd(conn, run);

    // Then PreSync completed before the Deployment was created, PostSync was created after it was available
    // (the PostSync hook is the last task: once it completed there are "no more tasks")
    expect(stateOf(run)).toMatchObject({ phase: 'Succeeded', message: 'successfully synced (no more tasks)' });
    expect(conditionAt(log, 'jobs', ns, 'pre', 'Complete')).toBeLessThan(createdAt(log, 'deployments', ns, 'web'));
    expect(availableAt(log, ns, 'web')).toBeLessThan(createdAt(log, 'jobs', ns, 'post'));
    expect(resultLines(run)).toEqual(['PreSync Job/pre Synced Succeeded', 'Sync Deployment/web Synced Succeeded', 'PostSync Job/post Synced Succeeded']);
    // The default policy (BeforeHookCreation) leaves finished hooks in place.
    expect(await conn.ports.get({ ...JOB, namespace: ns, name: 'post' })).toBeDefined();
  }, 60_000);

  it('runs the SyncFail hook when a Job of the sync fails, and deletes the HookFailed hook', async () => {
    // Given a Sync Job that fails (HookFailed) and a SyncFail Job
    const ns = await freshNamespace(conn.client);
    const desired = [hook(job(ns, 'migrate', { fail: true }), 'Sync', 'HookFailed'), hook(job(ns, 'on-fail'), 'SyncFail'), wave(configMap(ns, 'later'), 1)];
    const run = newRun({ appName: uniqueName('syncfail'), namespace: ns, desired });

    // When the sync runs
    await runToEnd(conn, run);

    // Then the operation failed, the SyncFail hook ran after the failure and the failed hook is deleted
    expect(stateOf(run).phase).toBe('Failed');
    expect(stateOf(run).message).toMatch(/^one or more synchronization tasks completed unsuccessfully/);
    expect(conditionAt(log, 'jobs', ns, 'migrate', 'Failed')).toBeLessThan(createdAt(log, 'jobs', ns, 'on-fail'));
    expect(resultLines(run)).toEqual(expect.arrayContaining(['Sync Job/migrate Synced Failed', 'SyncFail Job/on-fail Synced Succeeded']));
    await waitFor(async () => (await conn.ports.get({ ...JOB, namespace: ns, name: 'migrate' })) === undefined, { description: 'the HookFailed hook is deleted', timeoutMs: 20_000 });
    expect(deletedAt(log, 'jobs', ns, 'migrate')).toBeGreaterThan(conditionAt(log, 'jobs', ns, 'migrate', 'Failed'));
    // The next wave never ran.
    expect(await conn.ports.get({ group: '', version: 'v1', kind: 'ConfigMap', namespace: ns, name: 'later' })).toBeUndefined();
  }, 60_000);

  it('deletes a HookSucceeded hook once the sync succeeded', async () => {
    // Given a PreSync Job with HookSucceeded
    const ns = await freshNamespace(conn.client);
    const run = newRun({ appName: uniqueName('hooksucceeded'), namespace: ns, desired: [hook(job(ns, 'pre'), 'PreSync', 'HookSucceeded'), configMap(ns, 'app')] });

    // When the sync runs
    await runToEnd(conn, run);

    // Then the hook ran to completion and is gone afterwards
    expect(stateOf(run).phase).toBe('Succeeded');
    expect(resultLines(run)).toContain('PreSync Job/pre Synced Succeeded');
    await waitFor(async () => (await conn.ports.get({ ...JOB, namespace: ns, name: 'pre' })) === undefined, { description: 'the HookSucceeded hook is deleted', timeoutMs: 20_000 });
    expect(deletedAt(log, 'jobs', ns, 'pre')).toBeGreaterThan(conditionAt(log, 'jobs', ns, 'pre', 'Complete'));
  }, 60_000);

  it('re-creates a BeforeHookCreation hook on the next sync (a new uid)', async () => {
    // Given a sync that ran a PreSync Job with the default delete policy
    const ns = await freshNamespace(conn.client);
    const run = newRun({ appName: uniqueName('beforehook'), namespace: ns, desired: [hook(job(ns, 'pre'), 'PreSync', 'BeforeHookCreation'), configMap(ns, 'app')] });
    await runToEnd(conn, run);
    const first = await conn.ports.get({ ...JOB, namespace: ns, name: 'pre' });
    expect(first?.metadata.uid).toBeDefined();

    // When a second sync runs
    requestOperation(run);
    await runToEnd(conn, run);

    // Then the old Job was deleted and a new one created and completed
    expect(stateOf(run).phase).toBe('Succeeded');
    const second = await conn.ports.get({ ...JOB, namespace: ns, name: 'pre' });
    expect(second?.metadata.uid).toBeDefined();
    expect(second?.metadata.uid).not.toBe(first?.metadata.uid);
    const [created1, created2] = creations(log, 'jobs', ns, 'pre');
    expect(creations(log, 'jobs', ns, 'pre')).toHaveLength(2);
    expect(deletedAt(log, 'jobs', ns, 'pre')).toBeGreaterThan(created1 ?? Infinity);
    expect(deletedAt(log, 'jobs', ns, 'pre')).toBeLessThan(created2 ?? -Infinity);
    expect(resultLines(run)).toContain('PreSync Job/pre Synced Succeeded');
  }, 60_000);
});
