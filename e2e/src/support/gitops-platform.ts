// The GitOps platform of the e2e scenarios: a TLS dev cluster with the Argo CD CRDs and the `argocd`
// namespace, a git server, a unique Redis prefix and the worker loop in-process, driven with real kubectl.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { UnavailableError, loadCrdManifests } from '@driftless/api';
import { startDevCluster } from '@driftless/devcluster';
import type { DevCluster } from '@driftless/devcluster';
import { startGitServer } from '@driftless/gitserver';
import type { GitServer } from '@driftless/gitserver';
import { cleanupQueuePrefix, createServedRepo, redisConnection, tempDir, uniqueQueuePrefix } from '@driftless/testing';
import type { ServedRepo, TempDir } from '@driftless/testing';
import { resolveTool, runTool } from '@driftless/toolchain';
import { startWorkerLoop } from '@driftless/worker';
import type { WorkerLoop } from '@driftless/worker';
import type { Redis } from 'ioredis';
import { pino } from 'pino';

/** The control namespace, as Argo CD's. */
export const ARGOCD_NAMESPACE = 'argocd';

/** What a kubectl run printed and how it ended. */
export interface KubectlResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** A running platform, as a user meets it: a kubeconfig for kubectl and Git repositories to push to. */
export interface GitOpsPlatform {
  readonly kubeconfigPath: string;
  /** Runs kubectl against the dev cluster; never rejects for a non-zero exit. */
  kubectl(...args: string[]): Promise<KubectlResult>;
  /** Runs kubectl and resolves its stdout; rejects with its stderr on a non-zero exit. */
  kubectlOk(...args: string[]): Promise<string>;
  /** Writes `yaml` to a file and runs `kubectl apply -f <file>`, as a user applies a manifest. */
  apply(yaml: string): Promise<string>;
  /** Creates namespace `<prefix>-<n>` with kubectl and resolves its name. */
  namespace(prefix: string): Promise<string>;
  /** A new repository `<name>.git` on the git server, first commit holding `files`, pushed. */
  repo(name: string, files: Readonly<Record<string, string>>): Promise<ServedRepo>;
  /** Stops the loop, then the servers; removes the temp folder and the Redis keys. */
  stop(): Promise<void>;
}

/** Options of {@link startGitOpsPlatform}. */
export interface GitOpsPlatformOptions {
  /** Names the temp folder. @defaultValue 'gitops' */
  readonly name?: string;
  /** The scheduler's tick. @defaultValue 200 */
  readonly tickMs?: number;
}

/** Starts everything; on a failure, stops what already runs and rethrows. */
export async function startGitOpsPlatform(options: GitOpsPlatformOptions = {}): Promise<GitOpsPlatform> {
  const stops: Array<() => Promise<unknown>> = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const temp: TempDir = await tempDir(`driftless-e2e-${options.name ?? 'gitops'}`);
    stops.push(() => temp.cleanup());
    const kubeconfigPath = path.join(temp.path, 'kubeconfig');
    await mkdir(path.join(temp.path, 'served'));
    await mkdir(path.join(temp.path, 'manifests'));
    const [cluster, server]: [DevCluster, GitServer] = await Promise.all([
      startDevCluster({ tls: true, kubeconfigPath }),
      startGitServer({ root: path.join(temp.path, 'served') }),
    ]);
    stops.push(() => cluster.stop(), () => server.stop());

    const tool = await resolveTool('kubectl');
    const kubectl = async (...args: string[]): Promise<KubectlResult> =>
      runTool(tool, ['--kubeconfig', kubeconfigPath, '--cache-dir', path.join(temp.path, 'kube-cache'), ...args]);
    const kubectlOk = async (...args: string[]): Promise<string> => {
      const result = await kubectl(...args);
      if (result.exitCode !== 0) throw new UnavailableError(`kubectl ${args.join(' ')} failed: ${result.stderr.trim()}`);
      return result.stdout;
    };

    // The control plane, as an operator installs it: Argo's CRDs, Established, and the namespace.
    const crds = loadCrdManifests();
    const crdDir = path.join(temp.path, 'crds');
    await mkdir(crdDir);
    for (const crd of crds) await writeFile(path.join(crdDir, `${crd.metadata.name ?? ''}.json`), JSON.stringify(crd));
    await kubectlOk('apply', '-f', crdDir);
    await kubectlOk('wait', '--for=condition=Established', '--timeout=60s', ...crds.map((crd) => `crd/${crd.metadata.name ?? ''}`));
    await kubectlOk('create', 'namespace', ARGOCD_NAMESPACE);

    const redis: Redis = redisConnection();
    const prefix = uniqueQueuePrefix();
    stops.push(async () => {
      await cleanupQueuePrefix(redis, prefix);
      await redis.quit();
    });
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(kubeconfigPath);
    const loop: WorkerLoop = await startWorkerLoop({
      kubeconfig: kc,
      redis,
      prefix,
      logger: pino({ level: process.env['DRIFTLESS_TEST_LOG'] ?? 'silent' }),
      cacheDir: path.join(temp.path, 'cache'),
      allowHttp: true,
      tickMs: options.tickMs ?? 200,
      stepOptions: { pollIntervalMs: 250 },
    });
    stops.push(() => loop.stop());
    await loop.ready;

    let manifests = 0;
    let namespaces = 0;
    return {
      kubeconfigPath,
      kubectl,
      kubectlOk,
      async apply(yaml) {
        manifests += 1;
        const file = path.join(temp.path, 'manifests', `manifest-${manifests}.yaml`);
        await writeFile(file, yaml);
        return kubectlOk('apply', '-f', file);
      },
      async namespace(prefixName) {
        namespaces += 1;
        const name = `${prefixName}-${namespaces}`;
        await kubectlOk('create', 'namespace', name);
        return name;
      },
      async repo(name, files) {
        const repo = await createServedRepo(server, `${name}.git`, files);
        // Just before the temp folder goes: after the loop has stopped reading it.
        stops.splice(1, 0, () => repo.cleanup());
        return repo;
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
