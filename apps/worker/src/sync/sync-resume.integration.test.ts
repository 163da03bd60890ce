// Issue 5 against a TLS dev cluster: a worker process SIGKILLed mid-operation is resumed from its saved
// state to Succeeded without running a hook twice; a Terminating operation stops and deletes its running hook.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDevCluster } from '@driftless/devcluster';
import type { DevCluster } from '@driftless/devcluster';
import type { Application } from '@driftless/api';
import { waitFor } from '@driftless/testing';
import { creations, recordEvents } from './test-support/cluster-events.js';
import type { EventLog } from './test-support/cluster-events.js';
import { CONFIG_MAP, DEPLOYMENT, JOB, configMap, deployment, freshNamespace, hook, job, uniqueName, wave } from './test-support/manifests.js';
import type { ChildJob } from './test-support/sync-child.js';
import { connect, newRun, resultLines, runToEnd, runUntil, stateOf, step } from './test-support/sync-driver.js';
import type { Connection } from './test-support/sync-driver.js';

const TRACKING = 'argocd.argoproj.io/tracking-id';
const CHILD = fileURLToPath(new URL('./test-support/sync-child.ts', import.meta.url));

let cluster: DevCluster;
let conn: Connection;
let log: EventLog;
let workDir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  cluster = await startDevCluster({ tls: true });
  conn = connect(cluster.kubeconfig);
  log = recordEvents(cluster);
  workDir = mkdtempSync(join(tmpdir(), 'sync-resume-'));
}, 60_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  log?.stop();
  await cluster?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

/** The Application the child saved last, if it saved one. */
function savedApp(path: string): Application | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Application) : undefined;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

describe('a worker killed mid-operation', () => {
  it('is resumed from the saved state to Succeeded, every object right and no hook run twice', async () => {
    // Given a sync with a PreSync hook, three waves (the Deployment slow to turn ready) and a PostSync hook
    const ns = await freshNamespace(conn.client);
    const appName = uniqueName('resume');
    const desired = [
      hook(job(ns, 'pre'), 'PreSync'),
      wave(configMap(ns, 'w0'), 0),
      wave(deployment(ns, 'web', { readyAfterMs: 1500 }), 1),
      wave(configMap(ns, 'w2'), 2),
      hook(job(ns, 'post'), 'PostSync'),
    ];
    const run = newRun({ appName, namespace: ns, desired });
    const jobPath = join(workDir, `${appName}.job.json`);
    const statePath = join(workDir, `${appName}.state.json`);
    const childJob: ChildJob = { kubeconfig: cluster.kubeconfig, app: run.app, desired, extraKinds: run.extraKinds, options: run.options };
    writeFileSync(jobPath, JSON.stringify(childJob));

    // When a worker process runs the step loop and is SIGKILLed once the first Sync wave was applied
    const { NODE_OPTIONS: _jestOptions, ...env } = process.env;
    // `node --import tsx` rather than the tsx CLI: the CLI runs the script in a grandchild a SIGKILL would miss.
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, jobPath, statePath], { cwd: dirname(CHILD), env, stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const atKill = await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`the worker exited early (${child.exitCode}): ${stderr}`);
        const app = savedApp(statePath);
        const applied = app?.status?.operationState?.syncResult?.resources?.some((r) => r.syncPhase === 'Sync' && r.name === 'w0') === true;
        return applied ? app : undefined;
      },
      { description: 'the first Sync wave is saved', timeoutMs: 60_000, intervalMs: 20 },
    );
    child.kill('SIGKILL');
    await exited(child);
    expect(child.signalCode).toBe('SIGKILL');
    expect(atKill?.status?.operationState?.phase).toBe('Running');

    // And a new worker resumes from the last state the killed one saved
    run.app = savedApp(statePath) ?? atKill;
    expect(run.app.status?.operationState?.phase).toBe('Running');
    expect(resultLines(run)).not.toContain('PostSync Job/post Synced Succeeded');
    await runToEnd(conn, run);

    // Then the operation succeeded with every object in place and tracked
    expect(stateOf(run)).toMatchObject({ phase: 'Succeeded' });
    expect(resultLines(run)).toEqual([
      'PreSync Job/pre Synced Succeeded',
      'Sync ConfigMap/w0 Synced Succeeded',
      'Sync Deployment/web Synced Succeeded',
      'Sync ConfigMap/w2 Synced Succeeded',
      'PostSync Job/post Synced Succeeded',
    ]);
    for (const key of [{ ...CONFIG_MAP, name: 'w0' }, { ...DEPLOYMENT, name: 'web' }, { ...CONFIG_MAP, name: 'w2' }]) {
      const live = await conn.ports.get({ ...key, namespace: ns });
      expect(live?.metadata.annotations?.[TRACKING]).toBe(`${appName}:${key.group}/${key.kind}:${ns}/${key.name}`);
    }
    // And each hook ran once: the PreSync Job was recorded before the kill and only watched afterwards.
    expect(creations(log, 'jobs', ns, 'pre')).toHaveLength(1);
    expect(creations(log, 'jobs', ns, 'post')).toHaveLength(1);
    expect(run.app.status?.history).toHaveLength(1);
  }, 90_000);
});

describe('terminate', () => {
  it('a Terminating operation fails "Operation terminated" and deletes its running hook', async () => {
    // Given a sync whose PreSync Job is running (it would run for a minute)
    const ns = await freshNamespace(conn.client);
    const run = newRun({ appName: uniqueName('terminate'), namespace: ns, desired: [hook(job(ns, 'slow', { runMs: 60_000 }), 'PreSync'), configMap(ns, 'app')] });
    await runUntil(conn, run, (r) => resultLines(r).includes('PreSync Job/slow Synced Running'));
    await waitFor(async () => (await conn.ports.get({ ...JOB, namespace: ns, name: 'slow' })) !== undefined, { description: 'the hook exists', timeoutMs: 20_000 });

    // When the saved state's phase is set to Terminating between two steps
    const state = stateOf(run);
    run.app = { ...run.app, status: { ...run.app.status, operationState: { ...state, phase: 'Terminating' } } };
    const result = await step(conn, run);

    // Then the operation is over, Failed, the hook is deleted and the Sync phase never ran
    expect(result.done).toBe(true);
    expect(stateOf(run)).toMatchObject({ phase: 'Failed', message: 'Operation terminated' });
    expect(stateOf(run).syncResult?.resources?.find((r) => r.name === 'slow')).toMatchObject({ hookPhase: 'Succeeded', message: 'Deleted' });
    await waitFor(async () => (await conn.ports.get({ ...JOB, namespace: ns, name: 'slow' })) === undefined, { description: 'the running hook is deleted', timeoutMs: 20_000 });
    expect(await conn.ports.get({ ...CONFIG_MAP, namespace: ns, name: 'app' })).toBeUndefined();
  }, 60_000);
});
