import { describe, it, expect } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { resourceHealth } from './resource-health.js';
import type { HealthStatus, PlainObject } from './types.js';

const FIXTURES = new URL('./__fixtures__/', import.meta.url);

function fixture(name: string): PlainObject {
  return parse(readFileSync(new URL(`${name}.yaml`, FIXTURES), 'utf8')) as PlainObject;
}

/** Every fixture with the health gitops-engine / Argo CD gives it (undefined: the kind has no health). */
const CASES: ReadonlyArray<[fixture: string, expected: HealthStatus | undefined]> = [
  ['deployment-healthy', { status: 'Healthy' }],
  ['deployment-progressing', { status: 'Progressing', message: 'Waiting for rollout to finish: 1 out of 2 new replicas have been updated...' }],
  ['deployment-progressing-old-replicas', { status: 'Progressing', message: 'Waiting for rollout to finish: 1 old replicas are pending termination...' }],
  ['deployment-progressing-unobserved', { status: 'Progressing', message: 'Waiting for rollout to finish: observed deployment generation less then desired generation' }],
  ['deployment-degraded', { status: 'Degraded', message: 'Deployment "web" exceeded its progress deadline' }],
  ['deployment-suspended', { status: 'Suspended', message: 'Deployment is paused' }],
  ['statefulset-healthy', { status: 'Healthy', message: 'statefulset rolling update complete 3 pods at revision db-5c9...' }],
  ['statefulset-progressing', { status: 'Progressing', message: 'Waiting for 2 pods to be ready...' }],
  ['statefulset-progressing-partition', { status: 'Progressing', message: 'Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...' }],
  ['statefulset-ondelete-healthy', { status: 'Healthy', message: 'statefulset has 2 ready pods' }],
  ['daemonset-healthy', { status: 'Healthy' }],
  ['daemonset-ondelete-healthy', { status: 'Healthy', message: 'daemon set 1 out of 3 new pods have been updated' }],
  ['daemonset-progressing', { status: 'Progressing', message: 'Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...' }],
  ['replicaset-healthy', { status: 'Healthy' }],
  ['replicaset-degraded', { status: 'Degraded', message: 'pods "web-7d9f-" is forbidden: exceeded quota: compute-resources' }],
  ['pod-running-ready', { status: 'Healthy' }],
  ['pod-running-not-ready', { status: 'Progressing' }],
  ['pod-running-restart-never', { status: 'Progressing' }],
  ['pod-running-restart-never-with-ignore-annotation', { status: 'Healthy' }],
  ['pod-crashloop', { status: 'Degraded', message: 'back-off 2m40s restarting failed container=web pod=web-7d9f-abcde_demo' }],
  ['pod-image-pull', { status: 'Degraded', message: 'Back-off pulling image "nginx:does-not-exist"' }],
  ['pod-image-pull-hook', { status: 'Progressing' }],
  ['pod-succeeded', { status: 'Healthy' }],
  ['pod-failed', { status: 'Degraded', message: 'container "migrate" failed with exit code 2' }],
  ['pod-failed-oomkilled', { status: 'Degraded', message: 'OOMKilled' }],
  ['pod-pending-deletion', { status: 'Progressing', message: 'Pending deletion' }],
  ['job-running', { status: 'Progressing' }],
  ['job-complete', { status: 'Healthy' }],
  ['job-hook-finalizer-complete', { status: 'Healthy' }],
  ['job-failed', { status: 'Degraded', message: 'Job has reached the specified backoff limit' }],
  ['job-suspended', { status: 'Suspended', message: 'Job suspended' }],
  ['service-lb-pending', { status: 'Progressing' }],
  ['service-lb-healthy', { status: 'Healthy' }],
  ['service-clusterip-healthy', { status: 'Healthy' }],
  ['pvc-bound', { status: 'Healthy' }],
  ['pvc-pending', { status: 'Progressing' }],
  ['pvc-lost', { status: 'Degraded' }],
  ['ingress-healthy', { status: 'Healthy' }],
  ['ingress-progressing', { status: 'Progressing' }],
  ['hpa-healthy', { status: 'Healthy', message: 'recommended size matches current size' }],
  ['hpa-degraded', { status: 'Degraded', message: 'the HPA controller was unable to get the target\'s current scale: deployments/scale.apps "web" not found' }],
  ['hpa-v1-progressing', { status: 'Progressing', message: 'Waiting to Autoscale' }],
  ['hpa-v1-healthy', { status: 'Healthy', message: 'the HPA controller was able to update the target scale to 3' }],
  ['hpa-v1-unknown', { status: 'Unknown', message: expect.stringContaining('failed to convert conditions annotation to typed') as unknown as string }],
  ['apiservice-healthy', { status: 'Healthy', message: 'Passed: all checks passed' }],
  ['apiservice-progressing', { status: 'Progressing', message: 'MissingEndpoints: endpoints for service/metrics-server in "kube-system" have no addresses' }],
  ['rollout-healthy', { status: 'Healthy' }],
  ['rollout-paused', { status: 'Suspended', message: 'CanaryPauseStep' }],
  ['rollout-degraded', { status: 'Degraded', message: 'RolloutAborted: Rollout aborted update to revision 4' }],
  ['rollout-degraded-aborted-legacy', { status: 'Degraded', message: 'Rollout is aborted' }],
  ['rollout-progressing-unobserved', { status: 'Progressing', message: 'Waiting for rollout spec update to be observed' }],
  ['rollout-progressing-bluegreen-legacy', { status: 'Progressing', message: 'active service cutover pending' }],
  ['application-healthy', { status: 'Healthy' }],
  ['application-degraded', { status: 'Degraded', message: 'one of the resources is degraded' }],
  ['application-progressing-no-status', { status: 'Progressing' }],
  ['crd-healthy', { status: 'Healthy', message: 'CRD is healthy' }],
  ['crd-not-established-degraded', { status: 'Degraded', message: 'CRD is not established: the initial names have not been accepted' }],
  ['workflow-degraded', { status: 'Degraded', message: "child 'build-1-123' failed" }],
  ['configmap-no-health', undefined],
  ['cronjob-no-health', undefined],
];

describe('resourceHealth', () => {
  it.each(CASES)('%s', (name, expected) => {
    expect(resourceHealth(fixture(name))).toEqual(expected);
  });

  it('covers every fixture exactly once', () => {
    const files = readdirSync(FIXTURES).map((f) => f.replace(/\.yaml$/, '')).sort();
    expect(CASES.map(([name]) => name).sort()).toEqual(files);
  });

  it('prefers a precomputed custom result over the built-in check', () => {
    const custom: HealthStatus = { status: 'Degraded', message: 'custom says no' };
    expect(resourceHealth(fixture('deployment-healthy'), { custom })).toEqual(custom);
  });

  it('reports deletion before any custom result', () => {
    const custom: HealthStatus = { status: 'Healthy' };
    expect(resourceHealth(fixture('pod-pending-deletion'), { custom })).toEqual({ status: 'Progressing', message: 'Pending deletion' });
  });

  it('turns a check that throws into Unknown with its message', () => {
    const rollout = { ...fixture('rollout-healthy'), status: { observedGeneration: '3', phase: 'Exploded' } };
    expect(resourceHealth(rollout)).toEqual({ status: 'Unknown', message: 'Rollout reports an unknown phase "Exploded"' });
  });
});
