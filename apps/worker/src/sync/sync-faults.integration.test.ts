// Issue 5 against a TLS dev cluster: transient 409/500 answers injected by the dev cluster are retried to
// success; a 422 manifest fails the pre-flight dry run before any write; the empty-render guard deletes nothing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startDevCluster } from '@driftless/devcluster';
import type { DevCluster } from '@driftless/devcluster';
import type { SyncClock } from '@driftless/reconcile';
import { CONFIG_MAP, DEPLOYMENT, configMap, deployment, freshNamespace, uniqueName, wave } from './test-support/manifests.js';
import { REVISION, connect, newRun, requestOperation, resultLines, runToEnd, stateOf } from './test-support/sync-driver.js';
import type { Connection } from './test-support/sync-driver.js';

let cluster: DevCluster;
let conn: Connection;

beforeAll(async () => {
  cluster = await startDevCluster({ tls: true });
  conn = connect(cluster.kubeconfig);
}, 60_000);

afterAll(async () => {
  cluster?.faults.clear();
  await cluster?.stop();
});

describe('transient API errors', () => {
  it('retries injected 409 and 500 answers within the step and still succeeds', async () => {
    // Given a two-wave sync, and a cluster that answers the first request of each of its two steps
    // with 409 Conflict, then the retry with 500 InternalError; the retry after that gets through
    const ns = await freshNamespace(conn.client);
    const waits: number[] = [];
    const clock: SyncClock = {
      now: () => new Date(),
      sleep: (ms) => {
        waits.push(ms);
        // The executor sleeps before each retry: the 409 is followed by a 500, the 500 by nothing.
        const current = cluster.faults.current().errorRate?.status;
        if (current === 409) cluster.faults.set({ errorRate: { status: 500, share: 1 } });
        else cluster.faults.clear();
        return Promise.resolve();
      },
    };
    const run = newRun({ appName: uniqueName('transient'), namespace: ns, desired: [wave(configMap(ns, 'first'), 0), wave(deployment(ns, 'web'), 1)], clock });

    // When the sync runs with those faults injected
    await runToEnd(conn, run, {
      beforeStepSync: (index) => {
        if (index < 2) cluster.faults.set({ errorRate: { status: 409, share: 1 } });
      },
    });
    cluster.faults.clear();

    // Then every fault was retried (two waits per faulty step) and the sync succeeded with both objects applied
    expect(waits).toHaveLength(4);
    expect(run.app.status?.operationState?.syncResult?.resources).toHaveLength(2);
    expect(stateOf(run)).toMatchObject({ phase: 'Succeeded', message: 'successfully synced (all tasks run)' });
    expect(resultLines(run)).toEqual(['Sync ConfigMap/first Synced Succeeded', 'Sync Deployment/web Synced Running']);
    expect(await conn.ports.get({ ...CONFIG_MAP, namespace: ns, name: 'first' })).toBeDefined();
    expect(await conn.ports.get({ ...DEPLOYMENT, namespace: ns, name: 'web' })).toBeDefined();
  }, 60_000);
});

describe('permanent API errors', () => {
  it('fails on a 422 manifest in the pre-flight dry run, before any object is written', async () => {
    // Given a sync whose last wave holds a ConfigMap with an invalid name
    const ns = await freshNamespace(conn.client);
    const run = newRun({ appName: uniqueName('invalid'), namespace: ns, desired: [wave(configMap(ns, 'first'), 0), wave(deployment(ns, 'web'), 1), wave(configMap(ns, 'Not_Valid'), 2)] });

    // When the sync runs
    await runToEnd(conn, run);

    // Then it failed with the API server's message and none of its objects exists
    expect(stateOf(run).phase).toBe('Failed');
    expect(stateOf(run).message).toMatch(/^one or more objects failed to apply \(dry run\), reason: .*metadata\.name: Invalid value: "Not_Valid"/);
    expect(resultLines(run)).toEqual(['Sync ConfigMap/Not_Valid SyncFailed Failed']);
    expect(await conn.ports.get({ ...CONFIG_MAP, namespace: ns, name: 'first' })).toBeUndefined();
    expect(await conn.ports.get({ ...DEPLOYMENT, namespace: ns, name: 'web' })).toBeUndefined();
    expect((await conn.client.list(CONFIG_MAP, { namespace: ns })).items.map((cm) => cm.metadata.name)).toEqual(['kube-root-ca.crt']);
  }, 60_000);
});

describe('the empty-render guard', () => {
  it('refuses an automated pruning sync that would delete everything, and deletes nothing', async () => {
    // Given an application with automated sync (no allowEmpty) whose two ConfigMaps are live and tracked
    const ns = await freshNamespace(conn.client);
    const run = newRun({
      appName: uniqueName('empty'),
      namespace: ns,
      desired: [configMap(ns, 'a'), configMap(ns, 'b')],
      spec: { syncPolicy: { automated: { prune: true } } },
      extraKinds: [CONFIG_MAP],
    });
    await runToEnd(conn, run);
    expect(stateOf(run).phase).toBe('Succeeded');

    // When Git renders nothing and the controller starts an automated pruning sync
    requestOperation(run, { sync: { prune: true }, initiatedBy: { automated: true } }, []);
    await runToEnd(conn, run);

    // Then the sync is refused with the planner's message and both ConfigMaps are still there
    expect(stateOf(run)).toMatchObject({ phase: 'Failed', message: `Skipping sync attempt to ${REVISION}: auto-sync will wipe out all resources` });
    expect(await conn.ports.get({ ...CONFIG_MAP, namespace: ns, name: 'a' })).toBeDefined();
    expect(await conn.ports.get({ ...CONFIG_MAP, namespace: ns, name: 'b' })).toBeDefined();
  }, 60_000);
});
