// A second sync of objects that are already live and unchanged — the everyday case of automated sync
// after an unrelated commit — must finish: a Deployment applied again stays healthy.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startDevCluster } from '@driftless/devcluster';
import type { DevCluster } from '@driftless/devcluster';
import { configMap, deployment, freshNamespace, uniqueName, wave } from './test-support/manifests.js';
import { connect, newRun, requestOperation, runToEnd, stateOf } from './test-support/sync-driver.js';
import type { Connection } from './test-support/sync-driver.js';

let cluster: DevCluster;
let conn: Connection;

beforeAll(async () => {
  cluster = await startDevCluster({ tls: true });
  conn = connect(cluster.kubeconfig);
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
});

describe('a second sync of unchanged objects', () => {
  it('succeeds again, the Deployment healthy without waiting forever', async () => {
    // Given an app synced once: a ConfigMap, then a Deployment in wave 1, then a ConfigMap in wave 2
    const ns = await freshNamespace(conn.client);
    const desired = [configMap(ns, 'first'), wave(deployment(ns, 'web', { readyAfterMs: 100 }), 1), wave(configMap(ns, 'last'), 2)];
    const run = newRun({ appName: uniqueName('resync'), namespace: ns, desired });
    await runToEnd(conn, run);
    expect(stateOf(run).phase).toBe('Succeeded');
    // When only the last ConfigMap changes and the app is synced again
    requestOperation(run, { sync: {} }, [desired[0]!, desired[1]!, wave(configMap(ns, 'last', { a: '2' }), 2)]);
    await runToEnd(conn, run);
    // Then the second operation succeeds too
    expect([stateOf(run).phase, stateOf(run).message]).toEqual(['Succeeded', 'successfully synced (all tasks run)']);
  }, 60_000);
});
