// `npm run worker`: the worker as a process — configuration from the environment, Redis checked, the
// GitOps loop started, and a graceful stop on SIGTERM/SIGINT (jobs in hand finished or handed back).
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { InvalidInputError } from '@driftless/api';
import { loadWorkerConfig } from './config/load-worker-config.js';
import type { WorkerConfig } from './config/load-worker-config.js';
import { startHealthServer } from './http/health-server.js';
import { createLogger } from './logging/create-logger.js';
import { startWorkerLoop } from './loop/worker-loop.js';
import { createWorkerMetrics } from './metrics/worker-metrics.js';
import { checkRedis } from './redis/check-redis.js';
import { connectRedis } from './redis/connect-redis.js';
import { redactRedisUrl } from './redis/redact-redis-url.js';
import { createRedisRenderCache } from './render-cache/redis-render-cache.js';

/** The control cluster: `KUBECONFIG` when set, else in-cluster, else `~/.kube/config` (client-node's order). */
function controlKubeConfig(config: WorkerConfig): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  const file = config.kubeconfigPath?.split(':')[0];
  try {
    if (file === undefined) kc.loadFromDefault();
    else kc.loadFromFile(file);
  } catch (error) {
    throw new InvalidInputError(`cannot load the kubeconfig ${file ?? '(default)'} (KUBECONFIG): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return kc;
}

async function main(): Promise<void> {
  const config = loadWorkerConfig(process.env);
  const logger = createLogger(config);
  const redis = connectRedis(config.redisUrl, { onError: (error) => logger.warn({ err: error }, 'redis connection error') });
  const check = await checkRedis(redis);
  logger.info({ redis: redactRedisUrl(config.redisUrl), version: check.version }, 'redis ready');
  if (check.warning !== undefined) logger.warn(check.warning);
  const kubeconfig = controlKubeConfig(config);
  // Up before the loop, so the kubelet sees a live process while it starts: /readyz says 503 until then.
  const metrics = createWorkerMetrics();
  let state: 'starting' | 'running' | 'stopping' = 'starting';
  const health = await startHealthServer({
    port: config.metricsPort,
    metrics,
    ready: async () => {
      if (state !== 'running') throw new Error(state === 'starting' ? 'listing Applications and starting the queues' : 'stopping');
      if (redis.status !== 'ready') throw new Error(`redis connection is ${redis.status}`);
      await redis.ping();
      return true;
    },
  }).catch((error: unknown) => {
    throw new InvalidInputError(`cannot serve metrics on port ${config.metricsPort} (DRIFTLESS_WORKER_METRICS_PORT): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  logger.info({ port: health.address().port }, 'serving /metrics, /healthz and /readyz');
  const loop = await startWorkerLoop({
    kubeconfig,
    redis,
    logger,
    namespace: config.namespace,
    cacheDir: config.cacheDir ?? path.join(tmpdir(), 'driftless-worker'),
    allowHttp: config.allowHttpRepos,
    prefix: config.queuePrefix,
    lockDurationMs: config.jobLockMs,
    renderCache: createRedisRenderCache({ redis }),
    metrics,
  });
  await loop.ready;
  state = 'running';
  logger.info({ namespace: config.namespace, cluster: kubeconfig.getCurrentCluster()?.server }, 'worker running');

  const stop = (signal: NodeJS.Signals) => {
    if (state === 'stopping') return;
    state = 'stopping';
    logger.info({ signal }, 'stopping: finishing the jobs in hand');
    void loop
      .stop()
      .then(() => health.close())
      .then(() => redis.quit())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'unclean stop');
        process.exit(1);
      });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  // Configuration and connection problems are typed errors whose messages name what to fix.
  process.stderr.write(`driftless worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
