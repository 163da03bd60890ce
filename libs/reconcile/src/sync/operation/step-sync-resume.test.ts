import { describe, expect, it } from '@jest/globals';
import type { UnstructuredObject } from '@driftless/api';
import { object } from '../test-objects.js';
import { FakeCluster } from './fake-cluster.js';
import { NS, harness, resultLines, step } from './harness.js';
import type { Harness } from './harness.js';

const annotated = (entries: Record<string, string>): { namespace: string; annotations: Record<string, string> } => ({ namespace: NS, annotations: entries });
const objects = (): UnstructuredObject[] => [
  object('batch/v1', 'Job', '', { ...annotated({ 'argocd.argoproj.io/hook': 'PreSync' }), generateName: 'migrate-' }),
  object('v1', 'ConfigMap', 'config', annotated({ 'argocd.argoproj.io/sync-wave': '-1' })),
  { ...object('apps/v1', 'Deployment', 'web', annotated({})), spec: { replicas: 1 } },
  object('v1', 'Service', 'web', annotated({ 'argocd.argoproj.io/sync-wave': '1' })),
  object('batch/v1', 'Job', 'notify', annotated({ 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded' })),
];

/** Plays the controllers between steps: Jobs complete, Deployments roll out. */
function settle(cluster: FakeCluster): void {
  for (const obj of cluster.objects.values()) {
    if (obj.kind === 'Job' && obj['status'] === undefined) cluster.finishJob(obj.metadata.name ?? '', 'Complete');
    if (obj.kind === 'Deployment') cluster.rollOut(obj.metadata.name ?? '');
  }
}

/** A new process: the saved Application (through JSON) and the cluster as it is, nothing else. */
function restart(h: Harness): Harness {
  const cluster = new FakeCluster();
  cluster.nowMs = h.cluster.nowMs;
  for (const obj of h.cluster.objects.values()) cluster.put(obj);
  return { cluster, app: JSON.parse(JSON.stringify(h.app)) as Harness['app'], desired: objects() };
}

const writes = (calls: readonly string[]): string[] => calls.filter((c) => !c.startsWith('get ') && !c.startsWith('dryRun '));

describe('stepSync resumes from the saved operation state', () => {
  it('reaches the same end state when every step runs in a new process, applying and creating each object once', async () => {
    const straight = harness(objects());
    const straightWrites: string[] = [];
    for (let i = 0; i < 20 && straight.app.operation !== undefined; i += 1) {
      await step(straight);
      settle(straight.cluster);
      straight.cluster.nowMs += 2_000;
    }
    straightWrites.push(...writes(straight.cluster.calls));

    let resumed = harness(objects());
    const resumedWrites: string[] = [];
    for (let i = 0; i < 20 && resumed.app.operation !== undefined; i += 1) {
      await step(resumed);
      settle(resumed.cluster);
      resumed.cluster.nowMs += 2_000;
      resumedWrites.push(...writes(resumed.cluster.calls));
      resumed = restart(resumed);
    }

    expect(resumed.app.status?.operationState).toEqual(straight.app.status?.operationState);
    expect(resumed.app.status?.history).toEqual(straight.app.status?.history);
    expect(resumedWrites).toEqual(straightWrites);
    const created = resumedWrites.filter((w) => w.startsWith('apply ') || w.startsWith('createHook '));
    expect(new Set(created).size).toBe(created.length);
    expect(resultLines(resumed)).toEqual([
      expect.stringMatching(/^PreSync Job\/migrate-0123456-presync-\d+ Synced Succeeded$/),
      'Sync ConfigMap/config Synced Succeeded',
      'Sync Deployment/web Synced Succeeded',
      'Sync Service/web Synced Succeeded',
      'PostSync Job/notify Synced Succeeded',
    ]);
    expect(resumed.app.status?.operationState).toMatchObject({ phase: 'Succeeded', message: 'successfully synced (no more tasks)' });
    expect(resumed.cluster.byName('notify')).toBeUndefined();
  });

  it('does not create a running hook again after a restart: it watches the live one', async () => {
    let h = harness(objects());
    await step(h);
    h = restart(h);
    await step(h);
    h = restart(h);
    await step(h);
    const all = h.app.status?.operationState?.syncResult?.resources ?? [];
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ kind: 'Job', hookType: 'PreSync', hookPhase: 'Running' });
    expect(h.cluster.calls.filter((c) => c.startsWith('createHook'))).toEqual([]);
    expect(h.cluster.calls.filter((c) => c.startsWith('get Job/migrate-'))).toHaveLength(1);
  });
});
