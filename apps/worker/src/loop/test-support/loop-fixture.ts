// What the loop's integration tests set up alike: a control cluster holding the `argocd` namespace and
// the Argo CRDs, and the loop started with test timings and a silent logger (DRIFTLESS_TEST_LOG=debug).
import * as k8s from '@kubernetes/client-node';
import { loadCrdManifests } from '@driftless/api';
import type { UnstructuredObject } from '@driftless/api';
import { createDiscovery, createResourceClient } from '@driftless/kube';
import type { ResourceClient } from '@driftless/kube';
import { cleanupQueuePrefix, redisConnection, uniqueQueuePrefix, waitFor } from '@driftless/testing';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { createWorkerMetrics } from '../../metrics/worker-metrics.js';
import type { WorkerMetrics } from '../../metrics/worker-metrics.js';
import { startWorkerLoop } from '../worker-loop.js';
import type { WorkerLoop } from '../worker-loop.js';

/** The control cluster as the tests reach it. */
export interface ControlCluster {
  readonly kubeconfig: k8s.KubeConfig;
  readonly client: ResourceClient;
}

/**
 * Creates the `argocd` namespace (with these objects in it, e.g. argocd-cm) and the CRDs on the cluster
 * of `kubeconfigYaml`, and waits until Applications are served.
 */
export async function prepareControlCluster(kubeconfigYaml: string, objects: readonly UnstructuredObject[] = []): Promise<ControlCluster> {
  const kubeconfig = new k8s.KubeConfig();
  kubeconfig.loadFromString(kubeconfigYaml);
  const discovery = createDiscovery(kubeconfig);
  const client = createResourceClient(kubeconfig, discovery);
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argocd' } });
  for (const obj of objects) await client.create(obj);
  for (const crd of loadCrdManifests()) await client.create(crd as unknown as UnstructuredObject);
  await waitFor(async () => {
    await discovery.refresh();
    return (await discovery.resources()).some((r) => r.kind === 'Application');
  }, { description: 'the Application CRD is served' });
  return { kubeconfig, client };
}

/** A loop started for a test, with its own Redis key prefix and metrics registry. */
export interface TestLoop {
  readonly loop: WorkerLoop;
  readonly metrics: WorkerMetrics;
  /** Stops the loop, removes its Redis keys and closes its connection. */
  stop(): Promise<void>;
}

/** Starts the loop on the control cluster with a 200 ms scheduler tick and step poll, and waits until it is ready. */
export async function startTestLoop(kubeconfig: k8s.KubeConfig, cacheDir: string): Promise<TestLoop> {
  const redis = redisConnection();
  const prefix = uniqueQueuePrefix();
  const metrics = createWorkerMetrics(new Registry());
  const loop = await startWorkerLoop({
    kubeconfig,
    redis,
    prefix,
    logger: pino({ level: process.env['DRIFTLESS_TEST_LOG'] ?? 'silent' }),
    cacheDir,
    allowHttp: true,
    tickMs: 200,
    stepOptions: { pollIntervalMs: 200 },
    metrics,
  });
  await loop.ready;
  return {
    loop,
    metrics,
    async stop() {
      await loop.stop();
      await cleanupQueuePrefix(redis, prefix);
      await redis.quit();
    },
  };
}
