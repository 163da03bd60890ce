// The `npm start` sequence: Redis, cluster, CRDs and namespace, git server with the demo repository,
// the worker, the demo Application — each step reported as it completes, everything stopped in reverse order.
import path from 'node:path';
import { CRD_DIRECTORY } from '@driftless/api';
import { startGitServer } from '@driftless/gitserver';
import { createIfMissing, ensureCluster, installControlPlane } from './cluster.js';
import { demoApplication, ensureDemoRepository } from './demo.js';
import { ensureRedis } from './redis.js';
import { startWorker } from './worker.js';

/** Where and how to start. Ports 0 pick free ones (tests). */
export interface PlatformOptions {
  readonly workDir: string;
  readonly redisUrl: string;
  readonly kubeconfig: string | undefined;
  readonly namespace: string;
  readonly devclusterPort: number;
  readonly gitserverPort: number;
  readonly log: (line: string) => void;
}

/** What runs, for the summary and for tests. */
export interface RunningPlatform {
  readonly redisUrl: string;
  readonly kubeconfigPath: string;
  readonly clusterUrl: string;
  readonly gitUrl: string;
  readonly demoRepoUrl: string;
  stop(): Promise<void>;
}

/** Starts every piece that exists so far; on a failure, stops what it had started and rethrows. */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const { log } = options;
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const redis = await ensureRedis(options.redisUrl, path.join(options.workDir, 'redis'));
    stops.push(() => redis.stop());
    log(`redis       ${redis.url} (Redis ${redis.version}${redis.started ? ', started by npm start' : ''})${redis.warning ? ` — warning: ${redis.warning}` : ''}`);

    const cluster = await ensureCluster(options.workDir, options.kubeconfig, options.devclusterPort);
    stops.push(() => cluster.stop());
    log(`cluster     ${cluster.url} (${cluster.started ? `dev cluster, data in ${path.join(options.workDir, 'devcluster')}` : 'from KUBECONFIG'}; kubeconfig ${cluster.kubeconfigPath})`);

    await installControlPlane(cluster.kubeconfigPath, CRD_DIRECTORY, options.namespace);
    log(`crds        Application, AppProject, Rollout, AnalysisTemplate, AnalysisRun installed; namespace ${options.namespace}`);

    const gitRoot = path.join(options.workDir, 'git');
    const created = await ensureDemoRepository(gitRoot);
    const git = await startGitServer({ root: gitRoot, port: options.gitserverPort });
    stops.push(() => git.stop());
    const demoRepoUrl = git.repoUrl('demo.git');
    log(`gitserver   ${git.url} serving ${gitRoot} (demo repository ${demoRepoUrl}${created ? ', created' : ''})`);

    const worker = await startWorker({ kubeconfigPath: cluster.kubeconfigPath, redisUrl: redis.url, namespace: options.namespace, workDir: options.workDir });
    stops.push(() => worker.stop());
    log(`worker      reconciling Applications in namespace ${options.namespace} (logs in ${worker.logFile})`);

    const app = demoApplication(demoRepoUrl, options.namespace);
    const appCreated = await createIfMissing(cluster.kubeconfigPath, app);
    log(`application demo in namespace ${options.namespace} (${appCreated ? 'created' : 'kept as it was'})`);
    return { redisUrl: redis.url, kubeconfigPath: cluster.kubeconfigPath, clusterUrl: cluster.url, gitUrl: git.url, demoRepoUrl, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
