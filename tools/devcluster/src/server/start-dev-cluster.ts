// Composition root: store, registry, pipeline, controllers and the HTTP(S) server of one dev cluster.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ApiDeps } from '../api/api-context.js';
import { defaultPatcher } from '../api/default-patcher.js';
import { ObjectApi } from '../api/object-api.js';
import type { Controller } from '../controllers/controller.js';
import { builtinControllers } from '../controllers/index.js';
import { Faults } from '../faults/faults.js';
import { createRequestListener } from '../handlers/request-listener.js';
import type { ServerContext } from '../handlers/server-context.js';
import { Registry } from '../registry/registry.js';
import { formatTime, systemClock } from '../runtime/clock.js';
import type { Clock } from '../runtime/clock.js';
import { ControllerRunner } from '../runtime/controller-runner.js';
import { adaptController } from '../runtime/pure-controller.js';
import { openFilePersistence } from '../store/file-persistence.js';
import { Store } from '../store/store.js';
import { bootstrapCluster } from '../system/bootstrap.js';
import { CrdController } from '../system/crd-controller.js';
import { GarbageCollector } from '../system/garbage-collector.js';
import { NamespaceController } from '../system/namespace-controller.js';
import { NamespaceDefaults } from '../system/namespace-defaults.js';
import { WatchHub } from '../watch/watch-hub.js';
import { renderKubeconfig } from './kubeconfig.js';
import { silentLogger } from './logger.js';
import type { Logger } from './logger.js';
import { tlsMaterial } from './tls.js';

/** Options of {@link startDevCluster}. */
export interface DevClusterOptions {
  /** TCP port; 0 picks a free one. @defaultValue 0 */
  readonly port?: number;
  /** @defaultValue '127.0.0.1' */
  readonly host?: string;
  /** Persist the store (and TLS material) here; restarts continue from it. */
  readonly dataDir?: string;
  /** Require `Authorization: Bearer <token>` (401 otherwise). */
  readonly token?: string;
  /** Serve HTTPS with a generated CA (in the kubeconfig). @defaultValue false */
  readonly tls?: boolean;
  /** Also write the kubeconfig to this file. */
  readonly kubeconfigPath?: string;
  /** Time for timestamps and controller delays. @defaultValue the system clock */
  readonly clock?: Clock;
  /** @defaultValue a silent logger */
  readonly logger?: Logger;
  /**
   * Workload controllers to run besides the system ones (GC, namespaces, CRDs).
   * @defaultValue builtinControllers() from src/controllers (Deployment, ReplicaSet, kubelet)
   */
  readonly controllers?: readonly Controller[];
  /** Events kept for watch resume / continue tokens. @defaultValue 10000 */
  readonly eventHistoryLimit?: number;
  /** @defaultValue 60000 */
  readonly bookmarkIntervalMs?: number;
}

/** A running dev cluster. */
export interface DevCluster {
  /** Base URL, e.g. https://127.0.0.1:41234. */
  readonly url: string;
  /** Kubeconfig YAML (context `devcluster`). */
  readonly kubeconfig: string;
  readonly kubeconfigPath: string | undefined;
  /** CA certificate PEM when serving TLS. */
  readonly ca: string | undefined;
  /** The store, for tests that need to look underneath the API. */
  readonly store: Store;
  readonly registry: Registry;
  /** In-process access through the request pipeline (manager `devcluster-test`). */
  readonly api: ObjectApi;
  readonly runner: ControllerRunner;
  readonly faults: Faults;
  /** Resolves when no controller work is queued or running. */
  waitForIdle(): Promise<void>;
  /** Closes watches and connections, stops controllers and flushes the store. */
  stop(): Promise<void>;
}

function openStore(options: DevClusterOptions): Store {
  const eventHistoryLimit = options.eventHistoryLimit ?? 10000;
  if (options.dataDir === undefined) return new Store({ eventHistoryLimit });
  const opened = openFilePersistence(join(options.dataDir, 'store'));
  return new Store({ eventHistoryLimit, persistence: opened.persistence, initial: { revision: opened.revision, entries: opened.entries } });
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Starts a Kubernetes-API-compatible server. Several may run in one process; each has its own
 * store, registry and controllers.
 */
export async function startDevCluster(options: DevClusterOptions = {}): Promise<DevCluster> {
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const tls = options.tls === true ? await tlsMaterial(options.dataDir === undefined ? undefined : join(options.dataDir, 'tls')) : undefined;
  const store = openStore(options);
  const registry = new Registry();
  const deps: ApiDeps = { store, registry, clock, patcher: defaultPatcher, newUid: randomUUID, rootCaPem: tls?.caPem ?? '' };
  const api = new ObjectApi(deps, 'kube-controller-manager');
  const watchHub = new WatchHub();
  const faults = new Faults(
    {
      forceExpired: () => {
        store.compactAll();
        watchHub.closeAll();
      },
    },
    { clock },
  );
  const crds = new CrdController(store, registry, api.as('kube-apiserver'), clock);
  crds.registerAll();
  const runner = new ControllerRunner({ store, clock, logger });
  runner.register(crds);
  runner.register(new GarbageCollector(store, api.as('kube-controller-manager')));
  runner.register(new NamespaceController(store, registry, api.as('kube-controller-manager')));
  runner.register(new NamespaceDefaults(store, api.as('kube-controller-manager'), tls?.caPem ?? ''));
  for (const controller of options.controllers ?? builtinControllers()) runner.register(adaptController(controller, api.as('kube-controller-manager'), clock));
  runner.start();

  const settings = { bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60000, defaultWatchTimeoutMs: 1800000, serverAddress: '' };
  const context: ServerContext = { deps, watchHub, faults, settings };
  const listener = createRequestListener(context, { ...(options.token === undefined ? {} : { token: options.token }), logger });
  const server = tls === undefined ? createHttpServer(listener) : createHttpsServer({ cert: tls.certPem, key: tls.keyPem }, listener);
  const host = options.host ?? '127.0.0.1';
  let port: number;
  try {
    port = await listen(server, options.port ?? 0, host);
  } catch (err) {
    runner.stop();
    store.close();
    throw err;
  }
  settings.serverAddress = `${host}:${port}`;
  bootstrapCluster(api.as('kube-apiserver'), port, formatTime(clock.now()));
  const url = `${tls === undefined ? 'http' : 'https'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const kubeconfig = renderKubeconfig({ server: url, ...(tls === undefined ? {} : { caPem: tls.caPem }), ...(options.token === undefined ? {} : { token: options.token }) });
  if (options.kubeconfigPath !== undefined) writeFileSync(options.kubeconfigPath, kubeconfig, { mode: 0o600 });
  logger.info({ url }, 'devcluster listening');
  let stopped = false;
  return {
    url,
    kubeconfig,
    kubeconfigPath: options.kubeconfigPath,
    ca: tls?.caPem,
    store,
    registry,
    api: api.as('devcluster-test'),
    runner,
    faults,
    waitForIdle: () => runner.waitForIdle(),
    async stop() {
      if (stopped) return;
      stopped = true;
      runner.stop();
      watchHub.closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}
