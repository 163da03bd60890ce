// Jobs: completions with bounded parallelism, failure after the backoff limit, deadline, suspend and
// TTL, with the conditions gitops-engine's Job health reads.
import { describe, expect, it } from '@jest/globals';
import type { JsonObject } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import { builtinControllers } from './index.js';
import { objectAt, objectsAt, stringAt } from './json-fields.js';
import { labelsOf } from './object-meta.js';
import { isPodActive } from './pod-state.js';
import { JOBS, PODS } from './resource-types.js';
import { FakeCluster } from './testing/fake-cluster.js';
import type { WriteRecord } from './testing/fake-cluster.js';
import { loadFixture, loadObject } from './testing/fixtures.js';

function start(job: KubeObject, onWrite?: (c: FakeCluster, w: WriteRecord) => void): FakeCluster {
  const c = new FakeCluster({ controllers: builtinControllers(), onWrite });
  c.create(...loadFixture('nodes-three.yaml'), job);
  return c;
}

function conditions(job: KubeObject | undefined): string[] {
  return objectsAt(job, 'status', 'conditions').map((c) => `${String(c['type'])}=${String(c['status'])}/${String(c['reason'])}`);
}

function finished(c: FakeCluster, name: string): () => boolean {
  return () => conditions(c.get(JOBS, 'default', name)).some((c) => c.startsWith('Complete=True') || c.startsWith('Failed=True'));
}

function withSpec(file: string, spec: JsonObject): KubeObject {
  const job = loadObject(file);
  job['spec'] = { ...objectAt(job, 'spec'), ...spec };
  return job;
}

describe('job controller', () => {
  it('runs three completions two at a time and ends Complete', () => {
    let maxActive = 0;
    const c = start(loadObject('job-complete.yaml'), (view) => {
      maxActive = Math.max(maxActive, view.list(PODS, 'default').filter(isPodActive).length);
    });
    c.advanceUntil(finished(c, 'migrate'));
    const job = c.get(JOBS, 'default', 'migrate');
    expect(maxActive).toBe(2);
    expect(conditions(job)).toEqual(['SuccessCriteriaMet=True/CompletionsReached', 'Complete=True/CompletionsReached']);
    expect(objectAt(job, 'status')).toMatchObject({ succeeded: 3, ready: 0, terminating: 0, startTime: '2024-01-01T00:00:00Z', uncountedTerminatedPods: {} });
    expect(stringAt(job, 'status', 'completionTime')).toMatch(/^2024-01-01T00:00:0\dZ$/);
    expect(objectAt(job, 'status')?.['active']).toBeUndefined();
    const [pod] = c.list(PODS, 'default');
    expect(labelsOf(pod ?? {})).toMatchObject({
      app: 'migrate',
      'batch.kubernetes.io/job-name': 'migrate',
      'job-name': 'migrate',
      'batch.kubernetes.io/controller-uid': job?.metadata['uid'],
      'controller-uid': job?.metadata['uid'],
    });
  });

  it('ends Failed with BackoffLimitExceeded after backoffLimit + 1 failed pods', () => {
    const c = start(loadObject('job-backoff-limit-exceeded.yaml'));
    c.advanceUntil(finished(c, 'broken'));
    const job = c.get(JOBS, 'default', 'broken');
    expect(conditions(job)).toEqual(['FailureTarget=True/BackoffLimitExceeded', 'Failed=True/BackoffLimitExceeded']);
    expect(objectsAt(job, 'status', 'conditions').find((x) => x['type'] === 'Failed')?.['message']).toBe('Job has reached the specified backoff limit');
    expect(objectAt(job, 'status')).toMatchObject({ failed: 3 });
    expect(stringAt(job, 'status', 'completionTime')).toBeUndefined();
    expect(c.list(PODS, 'default').map((p) => stringAt(p, 'status', 'phase'))).toEqual(['Failed', 'Failed', 'Failed']);
  });

  it('fails with DeadlineExceeded and stops its pods after activeDeadlineSeconds', () => {
    const job = withSpec('job-complete.yaml', { activeDeadlineSeconds: 5 });
    const template = objectAt(job, 'spec', 'template');
    if (template !== undefined) template['metadata'] = { labels: { app: 'migrate' }, annotations: { 'devcluster.driftless.io/complete-after-ms': '3600000' } };
    const c = start(job);
    const elapsed = c.advanceUntil(finished(c, 'migrate'));
    expect(elapsed).toBeGreaterThanOrEqual(5000);
    expect(conditions(c.get(JOBS, 'default', 'migrate'))).toEqual(['FailureTarget=True/DeadlineExceeded', 'Failed=True/DeadlineExceeded']);
    expect(objectAt(c.get(JOBS, 'default', 'migrate'), 'status')).toMatchObject({ failed: 2, terminating: 0, ready: 0 });
    expect(c.list(PODS, 'default')).toEqual([]);
  });

  it('creates no pods while suspended and reports Suspended', () => {
    const c = start(withSpec('job-complete.yaml', { suspend: true }));
    c.advance(5000);
    expect(c.list(PODS, 'default')).toEqual([]);
    expect(conditions(c.get(JOBS, 'default', 'migrate'))).toEqual(['Suspended=True/JobSuspended']);
    expect(stringAt(c.get(JOBS, 'default', 'migrate'), 'status', 'startTime')).toBeUndefined();
    c.edit(JOBS, 'default', 'migrate', (job) => {
      job['spec'] = { ...objectAt(job, 'spec'), suspend: false };
    });
    c.advanceUntil(finished(c, 'migrate'));
    expect(conditions(c.get(JOBS, 'default', 'migrate'))).toEqual(['Suspended=False/JobResumed', 'SuccessCriteriaMet=True/CompletionsReached', 'Complete=True/CompletionsReached']);
  });

  it('deletes a finished Job after ttlSecondsAfterFinished', () => {
    const c = start(withSpec('job-complete.yaml', { ttlSecondsAfterFinished: 60 }));
    c.advanceUntil(finished(c, 'migrate'));
    c.advance(59_000);
    expect(c.get(JOBS, 'default', 'migrate')).toBeDefined();
    c.advance(2_000);
    expect(c.get(JOBS, 'default', 'migrate')).toBeUndefined();
    expect(c.list(PODS, 'default')).toEqual([]);
  });
});
