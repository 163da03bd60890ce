import { describe, expect, it } from '@jest/globals';
import { ConflictError, InvalidInputError, PermissionDeniedError } from '@driftless/api';
import type { UnstructuredObject } from '@driftless/api';
import { object } from '../test-objects.js';
import { NS, harness, resultLines, runToEnd, step } from './harness.js';

const cm = (name: string, wave = 0): UnstructuredObject => object('v1', 'ConfigMap', name, { namespace: NS, annotations: { 'argocd.argoproj.io/sync-wave': String(wave) } });
const job = (name: string, hook: string): UnstructuredObject => object('batch/v1', 'Job', name, { namespace: NS, annotations: { 'argocd.argoproj.io/hook': hook } });
const writes = (calls: readonly string[]): string[] => calls.filter((c) => !c.startsWith('get ') && !c.startsWith('dryRun '));

describe('stepSync dry runs', () => {
  it('pre-flight: an invalid object fails the sync before anything is written', async () => {
    const h = harness([cm('a'), cm('bad', 1)]);
    h.cluster.failNext('dryRun', 'bad', new InvalidInputError('ConfigMap "bad" is invalid: data: Invalid value'));
    const result = await step(h);
    expect(result).toMatchObject({ done: true, state: { phase: 'Failed', message: 'one or more objects failed to apply (dry run), reason: ConfigMap "bad" is invalid: data: Invalid value' } });
    expect(writes(h.cluster.calls)).toEqual([]);
    expect(result.historyEntry).toBeUndefined();
  });

  it('dryRun: true runs every step as a server dry run and changes nothing', async () => {
    const h = harness([cm('a'), cm('b', 1), job('migrate', 'PreSync')], { sync: { dryRun: true, prune: true } });
    const results = await runToEnd(h);
    expect(h.cluster.calls).toEqual(['dryRun Job/migrate', 'dryRun ConfigMap/a', 'dryRun ConfigMap/b']);
    expect(results.at(-1)).toMatchObject({ done: true, state: { phase: 'Succeeded' } });
    expect(results.at(-1)?.historyEntry).toBeUndefined();
    expect(resultLines(h)).toEqual(['PreSync Job/migrate Synced Succeeded', 'Sync ConfigMap/a Synced Succeeded', 'Sync ConfigMap/b Synced Succeeded']);
  });
});

describe('stepSync API errors', () => {
  it('retries transient errors within the step, with jittered waits', async () => {
    const h = harness([cm('a')]);
    h.cluster.failNext('apply', 'a', new ConflictError('the object has been modified'), 2);
    const result = await step(h);
    expect(result.state.phase).toBe('Succeeded');
    expect(h.cluster.count('apply', 'a')).toBe(3);
    expect(h.cluster.sleeps).toEqual([375, 750]);
  });

  it.each([
    ['422 invalid', new InvalidInputError('Deployment.apps "a" is invalid: spec.replicas: must be >= 0')],
    ['403 forbidden', new PermissionDeniedError('configmaps "a" is forbidden: User cannot patch')],
  ])('fails at once on a permanent error (%s) with the API message', async (_name, error) => {
    const h = harness([cm('a')]);
    h.cluster.failNext('apply', 'a', error);
    const result = await step(h);
    expect(result.state).toMatchObject({ phase: 'Failed', message: `one or more objects failed to apply, reason: ${error.message}` });
    expect(h.cluster.count('apply', 'a')).toBe(1);
  });
});

describe('stepSync operation retries', () => {
  it('puts a failed attempt back to Running after the backoff, then starts the attempt over', async () => {
    const h = harness([cm('a')], { sync: {}, retry: { limit: 1, backoff: { duration: '5s', factor: 2 } } });
    h.cluster.failNext('apply', 'a', new InvalidInputError('bad'));
    const failed = await step(h);
    expect(failed).toMatchObject({ done: false, requeueAfterMs: 10_000, state: { phase: 'Running', retryCount: 1, message: 'one or more objects failed to apply, reason: bad. Retrying attempt #1 at 10:00AM.' } });
    h.cluster.nowMs += 4_000;
    expect((await step(h)).requeueAfterMs).toBe(6_000);
    h.cluster.nowMs += 6_000;
    const retried = await step(h);
    expect(retried.state).toMatchObject({ phase: 'Succeeded', retryCount: 1 });
    expect(resultLines(h)).toEqual(['Sync ConfigMap/a Synced Running']);
  });

  it('says how often it retried once out of retries', async () => {
    const h = harness([cm('a')], { sync: {}, retry: { limit: 1, backoff: { duration: '1s' } } });
    h.cluster.failNext('apply', 'a', new InvalidInputError('bad'), 2);
    const results = await runToEnd(h);
    expect(results.at(-1)?.state).toMatchObject({ phase: 'Failed', message: 'one or more objects failed to apply, reason: bad (retried 1 times).' });
  });
});

describe('stepSync termination and timeout', () => {
  it('Terminating → deletes the running hook and fails without running further tasks', async () => {
    const h = harness([job('migrate', 'PreSync'), cm('a')]);
    await step(h);
    const saved = h.app.status?.operationState;
    if (saved === undefined) throw new Error('no state');
    h.app = { ...h.app, status: { ...h.app.status, operationState: { ...saved, phase: 'Terminating' } } };
    const result = await step(h);
    expect(result).toMatchObject({ done: true, state: { phase: 'Failed', message: 'Operation terminated' } });
    expect(writes(h.cluster.calls)).toEqual(['createHook Job/migrate', 'delete Job/migrate (foreground)']);
    expect(h.cluster.count('apply', 'a')).toBe(0);
  });

  it('fails a running operation past its timeout the same way, and does not retry it', async () => {
    const h = harness([job('migrate', 'PreSync'), cm('a')], { sync: {}, retry: { limit: 3 } });
    h.options = { operationTimeoutMs: 60_000 };
    await step(h);
    h.cluster.nowMs += 61_000;
    const result = await step(h);
    expect(result).toMatchObject({ done: true, state: { phase: 'Failed', message: 'Operation terminated' } });
  });
});
