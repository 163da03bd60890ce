// What the sync and loop benchmarks share: a TLS dev cluster child process counting its requests, with
// the Argo CD CRDs; a git server with one directory per app; a private Redis; the worker loop as a child;
// and the two same-run baselines — `kubectl apply` one app at a time, and raw concurrent HTTPS writes.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import type https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { loadCrdManifests } from '@driftless/api';
import type { Application } from '@driftless/api';
import { startGitServer } from '@driftless/gitserver';
import type { GitServer } from '@driftless/gitserver';
import { createServedRepo } from '@driftless/testing';
import type { ServedRepo } from '@driftless/testing';
import { resolveTool } from '@driftless/toolchain';
import { startDevClusterProcess, requestsBetween } from './devcluster-process.js';
import type { DevClusterProcess } from './devcluster-process.js';
import { expectStatus, httpsAgent, request, runConcurrent } from './http-load.js';
import { startRedisProcess } from './redis-process.js';
import type { RedisProcess } from './redis-process.js';
import { startWorkerProcess } from './worker-process.js';
import type { WorkerProcess } from './worker-process.js';

/** Concurrency of the benchmark's own setup writes and of the raw-write baseline (as refresh.ts). */
export const WRITE_CONCURRENCY = 32;
export const CONTROL_NAMESPACE = 'argocd';
export const APPS_PATH = '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications';
export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';

export const appName = (i: number): string => `app-${i}`;
export const appDir = (i: number): string => `apps/${appName(i)}`;

export const SHARED_DIR = 'shared';

/** A folder's content: one multi-document YAML file of `resources` ConfigMaps (no namespace). */
function folderFiles(dir: string, resources: number, generation: number): Record<string, string> {
  const docs = Array.from({ length: resources }, (_, n) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${n}` }, data: { folder: dir, index: String(n), generation: String(generation) } }));
  return { [`${dir}/configmaps.yaml`]: docs.join('\n---\n') + '\n' };
}

/** App `i`'s own folder `apps/app-<i>/`. */
export function appFiles(i: number, resources: number, generation = 0): Record<string, string> {
  return folderFiles(appDir(i), resources, generation);
}

/**
 * Where each app renders from and the repository's files: with `perApp`, app `i` has `apps/app-<i>/`;
 * else apps below `dedicated` have their own folder and the others all render `shared/`.
 */
export function repoLayout(apps: number, resources: number, perApp: boolean, dedicated = 0): { files: Record<string, string>; pathOf: (i: number) => string } {
  const own = perApp ? apps : Math.min(dedicated, apps);
  const files = Object.assign(own < apps ? folderFiles(SHARED_DIR, resources, 0) : {}, ...Array.from({ length: own }, (_, i) => appFiles(i, resources))) as Record<string, string>;
  return { files, pathOf: (i) => (i < own ? appDir(i) : SHARED_DIR) };
}

/** An Application for app `i` rendering `sourcePath` into its own namespace, automated (prune, self-heal) or manual. */
export function application(i: number, repoURL: string, automated: boolean, sourcePath: string = appDir(i)): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: appName(i), namespace: CONTROL_NAMESPACE },
    spec: {
      project: 'default',
      destination: { server: 'https://kubernetes.default.svc', namespace: appName(i) },
      source: { repoURL, path: sourcePath, targetRevision: 'main' },
      ...(automated ? { syncPolicy: { automated: { prune: true, selfHeal: true } } } : {}),
    },
  } as Application;
}

/** A little JSON client over the dev cluster's HTTPS API; it counts its own requests. */
export interface KubeApi {
  readonly url: string;
  readonly agent: https.Agent;
  /** Requests this client sent (to subtract from the server's count). */
  readonly sent: { total: number };
  post(apiPath: string, body: object, expected?: number): Promise<void>;
  /** JSON merge patch. */
  patch(apiPath: string, body: object): Promise<void>;
  get<T>(apiPath: string): Promise<T>;
  listApps(): Promise<Application[]>;
  createNamespaces(names: readonly string[]): Promise<void>;
}

function kubeApi(url: string, agent: https.Agent): KubeApi {
  const sent = { total: 0 };
  // A keep-alive socket the server closes as it idles (5 s) can be reset under the next request: that
  // request is sent once more on a new socket (a create that did land then answers 409, taken as done).
  const send = async (apiPath: string, method: string, body?: string, contentType?: string): Promise<{ status: number; body: string }> => {
    sent.total++;
    try {
      return await request(url + apiPath, method, body, agent, contentType);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') throw error;
      sent.total++;
      const retried = await request(url + apiPath, method, body, agent, contentType);
      return method === 'POST' && retried.status === 409 ? { ...retried, status: 201 } : retried;
    }
  };
  const api: KubeApi = {
    url,
    agent,
    sent,
    post: async (apiPath, body, expected = 201) => expectStatus(await send(apiPath, 'POST', JSON.stringify(body)), expected, `POST ${apiPath}`),
    patch: async (apiPath, body) => expectStatus(await send(apiPath, 'PATCH', JSON.stringify(body), 'application/merge-patch+json'), 200, `PATCH ${apiPath}`),
    async get<T>(apiPath: string): Promise<T> {
      const result = await send(apiPath, 'GET');
      expectStatus(result, 200, `GET ${apiPath}`);
      return JSON.parse(result.body) as T;
    },
    listApps: async () => (await api.get<{ items: Application[] }>(APPS_PATH)).items,
    createNamespaces: async (names) =>
      void (await runConcurrent(names.length, WRITE_CONCURRENCY, async (i) => api.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: names[i] } }))),
  };
  return api;
}

/** The servers of one benchmark run. */
export interface GitopsFixture {
  readonly work: string;
  readonly kubeconfigPath: string;
  readonly cluster: DevClusterProcess;
  readonly redis: RedisProcess;
  readonly server: GitServer;
  readonly repo: ServedRepo;
  readonly api: KubeApi;
  startWorker(): Promise<WorkerProcess>;
  stop(): Promise<void>;
}

/**
 * Starts the servers, installs the Argo CD CRDs, the `argocd` namespace and `argocd-cm` (with
 * `settings`), and serves `files` as repository `apps.git` (one commit on `main`).
 */
export async function startGitopsFixture(label: string, files: Readonly<Record<string, string>>, settings: Readonly<Record<string, string>> = {}): Promise<GitopsFixture> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), `driftless-bench-${label}-`));
  await fs.mkdir(path.join(work, 'served'));
  const kubeconfigPath = path.join(work, 'kubeconfig');
  const started = await Promise.allSettled([
    startDevClusterProcess(path.join(work, 'data'), kubeconfigPath, { tls: true, countRequests: true }),
    startGitServer({ root: path.join(work, 'served') }),
    startRedisProcess(),
  ] as const);
  const [clusterStart, serverStart, redisStart] = started;
  if (clusterStart.status === 'rejected' || serverStart.status === 'rejected' || redisStart.status === 'rejected') {
    for (const one of started) if (one.status === 'fulfilled') await one.value.stop();
    await fs.rm(work, { recursive: true, force: true });
    throw started.map((one) => (one.status === 'rejected' ? (one.reason as unknown) : undefined)).find((reason) => reason !== undefined);
  }
  const [cluster, server, redis] = [clusterStart.value, serverStart.value, redisStart.value];
  const workers: WorkerProcess[] = [];
  const stop = async () => {
    for (const worker of workers) await worker.stop();
    api.agent.destroy();
    await Promise.all([redis.stop(), server.stop(), cluster.stop()]);
    await fs.rm(work, { recursive: true, force: true });
  };
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const caData = kc.getCurrentCluster()?.caData;
  if (caData === undefined) throw new Error(`${label} bench: the dev cluster kubeconfig has no CA`);
  const api = kubeApi(cluster.url, httpsAgent(Buffer.from(caData, 'base64').toString()));
  try {
    const repo = await createServedRepo(server, 'apps.git', files);
    await api.createNamespaces([CONTROL_NAMESPACE]);
    for (const crd of loadCrdManifests()) await api.post('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
    await waitUntil(async () => (await request(`${cluster.url}${APPS_PATH}`, 'GET', undefined, api.agent)).status === 200, 30_000, 'the Application CRD is served');
    await api.post(`/api/v1/namespaces/${CONTROL_NAMESPACE}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cm', namespace: CONTROL_NAMESPACE, labels: { 'app.kubernetes.io/part-of': 'argocd' } }, data: settings });
    return {
      work,
      kubeconfigPath,
      cluster,
      redis,
      server,
      repo,
      api,
      async startWorker() {
        const worker = await startWorkerProcess({ kubeconfig: kubeconfigPath, redisUrl: redis.url, cacheDir: path.join(work, `worker-cache-${workers.length}`) });
        workers.push(worker);
        return worker;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Polls `test` every 100 ms until it holds; throws after `timeoutMs`. */
export async function waitUntil(test: () => Promise<boolean>, timeoutMs: number, description: string, pollMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${description}`);
    await sleep(pollMs);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The kubectl baseline: apps/s and API requests per app for `kubectl apply -f` of one app's manifests at a time. */
export interface KubectlBaseline {
  readonly sample: number;
  readonly appsPerSecond: number;
  readonly requestsPerApp: number;
  readonly version: string;
}

/**
 * `kubectl apply -f <app dir> -n <ns>` for `sample` apps, one after the other (each into its own
 * pre-created namespace `kubectl-<i>`), after one unmeasured apply that fills kubectl's discovery cache.
 */
export async function kubectlBaseline(fixture: GitopsFixture, sample: number, resources: number): Promise<KubectlBaseline> {
  const kubectl = await resolveTool('kubectl');
  const dir = path.join(fixture.work, 'kubectl');
  const names = ['kubectl-warm', ...Array.from({ length: sample }, (_, i) => `kubectl-${i}`)];
  for (const [i] of names.entries()) {
    await fs.mkdir(path.join(dir, String(i)), { recursive: true });
    for (const [file, content] of Object.entries(appFiles(i, resources))) await fs.writeFile(path.join(dir, String(i), path.basename(file)), content);
  }
  await fixture.api.createNamespaces(names);
  const apply = (i: number) =>
    promisify(execFile)(kubectl.command, [...kubectl.args, 'apply', '-f', path.join(dir, String(i)), '-n', names[i]!, '--kubeconfig', fixture.kubeconfigPath, '--cache-dir', path.join(fixture.work, 'kubectl-cache')]);
  await apply(0);
  const before = fixture.cluster.requests();
  const start = process.hrtime.bigint();
  for (let i = 1; i <= sample; i++) await apply(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await sleep(200); // the last request lines reach the counter
  const requests = requestsBetween(before, fixture.cluster.requests());
  return { sample, appsPerSecond: sample / seconds, requestsPerApp: requests.total / sample, version: kubectl.version };
}

/** The raw write baseline: ConfigMap POSTs/s over HTTPS at concurrency {@link WRITE_CONCURRENCY} into one namespace. */
export async function rawWriteRate(fixture: GitopsFixture, count: number): Promise<number> {
  await fixture.api.createNamespaces(['raw-writes']);
  return runConcurrent(count, WRITE_CONCURRENCY, async (i) =>
    fixture.api.post('/api/v1/namespaces/raw-writes/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `raw-${i}` }, data: { app: 'raw', index: String(i), generation: '0' } }),
  );
}

/** `uptime`'s load averages (1, 5, 15 min), for the record: other processes share the machine. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');
}
