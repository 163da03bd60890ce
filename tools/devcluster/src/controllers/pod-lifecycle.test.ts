// The kubelet timeline as pure functions: crash-loop back-off, stages over time, and the small
// renderings (durations, image references, QoS) real kubelets produce.
import { describe, expect, it } from '@jest/globals';
import type { JsonObject } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import { crashLoopAt, podStageAt } from './pod-lifecycle.js';
import { goDuration, normalizeImage, qosClass } from './pod-status.js';

function pod(spec: JsonObject, annotations: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', annotations }, spec };
}

describe('crash-loop back-off', () => {
  it.each([
    { at: 0, restartCount: 1, backOffMs: 10_000 },
    { at: 9_999, restartCount: 1, backOffMs: 10_000 },
    { at: 10_000, restartCount: 2, backOffMs: 20_000 },
    { at: 30_000, restartCount: 3, backOffMs: 40_000 },
    { at: 70_000, restartCount: 4, backOffMs: 80_000 },
    { at: 150_000, restartCount: 5, backOffMs: 160_000 },
    { at: 310_000, restartCount: 6, backOffMs: 300_000 },
    { at: 610_000, restartCount: 7, backOffMs: 300_000 },
    { at: 86_400_000, restartCount: 292, backOffMs: 300_000 },
  ])('$at ms after the first crash: restart $restartCount, next back-off $backOffMs', ({ at, restartCount, backOffMs }) => {
    expect(crashLoopAt(0, at, 10_000, 300_000)).toMatchObject({ restartCount, backOffMs });
  });
});

describe('pod stages', () => {
  const job = pod({ restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] });
  it.each([
    { at: 0, kind: 'creating', next: 500 },
    { at: 499, kind: 'creating', next: 1 },
    { at: 500, kind: 'running', next: 500 },
    { at: 1000, kind: 'completed', next: undefined },
  ])('a Job pod at $at ms is $kind', ({ at, kind, next }) => {
    const stage = podStageAt(job, 0, at);
    expect([stage.stage.kind, stage.nextChangeInMs]).toEqual([kind, next]);
  });

  it('lets annotations override the delays', () => {
    const slow = pod({ restartPolicy: 'OnFailure' }, { 'devcluster.driftless.io/ready-after-ms': '2000', 'devcluster.driftless.io/complete-after-ms': '10000' });
    expect(podStageAt(slow, 0, 1999).stage.kind).toBe('creating');
    expect(podStageAt(slow, 0, 11_999).stage.kind).toBe('running');
    expect(podStageAt(slow, 0, 12_000).stage).toEqual({ kind: 'completed', succeeded: true, finishedMs: 12_000 });
  });

  it('ignores unknown failure modes', () => {
    expect(podStageAt(pod({}, { 'devcluster.driftless.io/fail': 'meteor' }), 0, 1000).stage).toEqual({ kind: 'running', ready: true });
  });
});

describe('kubelet renderings', () => {
  it.each([
    [500, '500ms'],
    [10_000, '10s'],
    [80_000, '1m20s'],
    [300_000, '5m0s'],
    [3_725_000, '1h2m5s'],
  ])('goDuration(%d) = %s', (ms, text) => {
    expect(goDuration(ms)).toBe(text);
  });

  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.25', 'docker.io/library/nginx:1.25'],
    ['bitnami/redis:7', 'docker.io/bitnami/redis:7'],
    ['ghcr.io/org/app', 'ghcr.io/org/app:latest'],
    ['localhost:5000/app:dev', 'localhost:5000/app:dev'],
    ['nginx@sha256:abc', 'docker.io/library/nginx@sha256:abc'],
  ])('normalizeImage(%s) = %s', (image, expected) => {
    expect(normalizeImage(image)).toBe(expected);
  });

  it.each([
    [{ containers: [{ name: 'a' }] }, 'BestEffort'],
    [{ containers: [{ name: 'a', resources: { requests: { cpu: '100m' } } }] }, 'Burstable'],
    [{ containers: [{ name: 'a', resources: { limits: { cpu: '1', memory: '1Gi' } } }] }, 'Guaranteed'],
    [{ containers: [{ name: 'a', resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } }] }, 'Burstable'],
  ])('qosClass(%j) = %s', (spec, expected) => {
    expect(qosClass(pod(spec))).toBe(expected);
  });
});
