// The worker inside `npm start`: the GitOps loop against the platform's cluster and Redis, logging JSON
// lines to a file so the console keeps the summary, and stopped with the rest on Ctrl-C.
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { connectRedis, createLogger, createRedisRenderCache, startWorkerLoop } from '@driftless/worker';

/** Where the worker runs and logs. */
export interface StartWorkerOptions {
  readonly kubeconfigPath: string;
  readonly redisUrl: string;
  readonly namespace: string;
  readonly workDir: string;
}

/** The running worker. */
export interface RunningWorker {
  readonly logFile: string;
  stop(): Promise<void>;
}

/** Starts the loop (the demo repository is served over plain HTTP on loopback, so `http://` is allowed). */
export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const logFile = path.join(options.workDir, 'worker.log');
  const logStream = createWriteStream(logFile, { flags: 'a' });
  const logger = createLogger({ logLevel: 'info' }, logStream);
  const kubeconfig = new k8s.KubeConfig();
  kubeconfig.loadFromFile(options.kubeconfigPath);
  const redis = connectRedis(options.redisUrl, { onError: (error) => logger.warn({ err: error }, 'redis connection error') });
  try {
    const loop = await startWorkerLoop({
      kubeconfig,
      redis,
      logger,
      namespace: options.namespace,
      cacheDir: path.join(options.workDir, 'cache'),
      allowHttp: true,
      renderCache: createRedisRenderCache({ redis }),
    });
    await loop.ready;
    return {
      logFile,
      async stop() {
        await loop.stop();
        await redis.quit();
        logStream.end();
      },
    };
  } catch (error) {
    redis.disconnect();
    logStream.end();
    throw error;
  }
}
