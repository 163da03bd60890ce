// Issue 5 against a TLS dev cluster: pruning with each propagation policy (orphan keeps the ReplicaSet),
// `Prune=false` (PruneSkipped, kept) and `Prune=confirm` (waits for the Application's approval).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startDevCluster } from '@driftless/devcluster';
import type { DevCluster } from '@driftless/devcluster';
import type { UnstructuredObject } from '@driftless/api';
import { waitFor } from '@driftless/testing';
import { CONFIG_MAP, DEPLOYMENT, REPLICA_SET, annotate, configMap, deployment, freshNamespace, uniqueName } from './test-support/manifests.js';
import { connect, delay, newRun, requestOperation, resultLines, runToEnd, runUntil, stateOf, step } from './test-support/sync-driver.js';
import type { Connection, SyncRun } from './test-support/sync-driver.js';

const DELETION_APPROVED = 'argocd.argoproj.io/deletion-approved';
const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';

let cluster: DevCluster;
let conn: Connection;

beforeAll(async () => {
  cluster = await startDevCluster({ tls: true });
  conn = connect(cluster.kubeconfig);
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
});

/** Syncs `desired` once (to Succeeded) in a fresh namespace; the run can then be synced again. */
async function deployed(prefix: string, desired: (ns: string) => UnstructuredObject[]): Promise<{ ns: string; run: SyncRun }> {
  const ns = await freshNamespace(conn.client, prefix);
  const run = newRun({ appName: uniqueName(prefix), namespace: ns, desired: desired(ns), extraKinds: [DEPLOYMENT, CONFIG_MAP] });
  await runToEnd(conn, run);
  expect(stateOf(run).phase).toBe('Succeeded');
  return { ns, run };
}

async function replicaSets(ns: string): Promise<UnstructuredObject[]> {
  return (await conn.client.list(REPLICA_SET, { namespace: ns })).items;
}

describe('prune with a propagation policy', () => {
  it.each(['foreground', 'background'] as const)('%s deletes the Deployment and its ReplicaSet', async (policy) => {
    // Given a synced Deployment with its ReplicaSet
    const { ns, run } = await deployed(policy, (n) => [deployment(n, 'web'), configMap(n, 'keep')]);
    await waitFor(async () => (await replicaSets(ns)).length === 1, { description: 'the ReplicaSet exists', timeoutMs: 20_000 });

    // When the Deployment leaves Git and a pruning sync runs with the policy
    requestOperation(run, { sync: { prune: true, syncOptions: [`PrunePropagationPolicy=${policy}`] } }, [configMap(ns, 'keep')]);
    await runToEnd(conn, run);

    // Then it is pruned, with its ReplicaSet; the kept ConfigMap stays
    expect(stateOf(run).phase).toBe('Succeeded');
    expect(resultLines(run)).toContain('Sync Deployment/web Pruned Succeeded');
    await waitFor(async () => (await conn.ports.get({ ...DEPLOYMENT, namespace: ns, name: 'web' })) === undefined, { description: 'the Deployment is gone', timeoutMs: 20_000 });
    await waitFor(async () => (await replicaSets(ns)).length === 0, { description: 'the ReplicaSet is gone', timeoutMs: 20_000 });
    expect(await conn.ports.get({ ...CONFIG_MAP, namespace: ns, name: 'keep' })).toBeDefined();
  }, 60_000);

  it('orphan deletes the Deployment and leaves its ReplicaSet', async () => {
    // Given a synced Deployment with its ReplicaSet
    const { ns, run } = await deployed('orphan', (n) => [deployment(n, 'web'), configMap(n, 'keep')]);
    await waitFor(async () => (await replicaSets(ns)).length === 1, { description: 'the ReplicaSet exists', timeoutMs: 20_000 });

    // When it is pruned with PrunePropagationPolicy=orphan
    requestOperation(run, { sync: { prune: true, syncOptions: ['PrunePropagationPolicy=orphan'] } }, [configMap(ns, 'keep')]);
    await runToEnd(conn, run);

    // Then the Deployment is gone and the ReplicaSet stays, without an owner
    expect(stateOf(run).phase).toBe('Succeeded');
    expect(resultLines(run)).toContain('Sync Deployment/web Pruned Succeeded');
    await waitFor(async () => (await conn.ports.get({ ...DEPLOYMENT, namespace: ns, name: 'web' })) === undefined, { description: 'the Deployment is gone', timeoutMs: 20_000 });
    await waitFor(async () => {
      const sets = await replicaSets(ns);
      return sets.length === 1 && (sets[0]?.metadata.ownerReferences ?? []).length === 0;
    }, { description: 'the ReplicaSet is orphaned', timeoutMs: 20_000 });
    await cluster.waitForIdle();
    expect(await replicaSets(ns)).toHaveLength(1);
  }, 60_000);
});

describe('prune options of the object', () => {
  it('Prune=false records PruneSkipped and keeps the object', async () => {
    // Given a synced ConfigMap marked Prune=false
    const { ns, run } = await deployed('noprune', (n) => [annotate(configMap(n, 'precious'), { [SYNC_OPTIONS]: 'Prune=false' }), configMap(n, 'keep')]);

    // When it leaves Git and a pruning sync runs
    requestOperation(run, { sync: { prune: true } }, [configMap(ns, 'keep')]);
    await runToEnd(conn, run);

    // Then the sync succeeds without deleting it
    expect(stateOf(run).phase).toBe('Succeeded');
    expect(resultLines(run)).toContain('Sync ConfigMap/precious PruneSkipped Succeeded');
    expect(stateOf(run).syncResult?.resources?.find((r) => r.name === 'precious')?.message).toBe('ignored (no prune)');
    expect(await conn.ports.get({ ...CONFIG_MAP, namespace: ns, name: 'precious' })).toBeDefined();
  }, 60_000);

  it('Prune=confirm waits for the deletion-approved annotation, then prunes', async () => {
    // Given a synced ConfigMap marked Prune=confirm that left Git
    const { ns, run } = await deployed('confirm', (n) => [annotate(configMap(n, 'guarded'), { [SYNC_OPTIONS]: 'Prune=confirm' }), configMap(n, 'keep')]);
    requestOperation(run, { sync: { prune: true } }, [configMap(ns, 'keep')]);

    // When the pruning sync runs without approval
    await runUntil(conn, run, (r) => stateOf(r).message?.startsWith('waiting for pruning confirmation') === true);
    for (let i = 0; i < 3; i += 1) {
      await step(conn, run);
      await delay(50);
    }

    // Then it keeps waiting, Running, and the object is still there
    expect(stateOf(run)).toMatchObject({ phase: 'Running', message: 'waiting for pruning confirmation of /ConfigMap/guarded' });
    expect(await conn.ports.get({ ...CONFIG_MAP, namespace: ns, name: 'guarded' })).toBeDefined();

    // When the Application is annotated with an approval after the operation started
    run.app = { ...run.app, metadata: { ...run.app.metadata, annotations: { [DELETION_APPROVED]: new Date().toISOString() } } };
    await runToEnd(conn, run);

    // Then the sync prunes it and succeeds
    expect(stateOf(run).phase).toBe('Succeeded');
    expect(resultLines(run)).toContain('Sync ConfigMap/guarded Pruned Succeeded');
    await waitFor(async () => (await conn.ports.get({ ...CONFIG_MAP, namespace: ns, name: 'guarded' })) === undefined, { description: 'the ConfigMap is pruned', timeoutMs: 20_000 });
  }, 60_000);
});
