// The engine's LiveState port over a libs/kube live-state cache and discovery of one cluster.
import type * as k8s from '@kubernetes/client-node';
import { NotFoundError, UnavailableError } from '@driftless/api';
import type { UnstructuredObject } from '@driftless/api';
import { createDiscovery, createLiveStateCache, createResourceClient, gvkKey, gvkOf } from '@driftless/kube';
import type { ApiResource, Discovery, GroupVersionKind, LiveStateCache, ResourceClient, RetryOptions } from '@driftless/kube';
import type { LiveRequest, LiveState, ResourceKey } from '@driftless/reconcile';
import { createLiveIndex, objectKey } from './live-index.js';
import { liveStateGaps } from './live-state-gaps.js';

/** The field manager Argo CD's controller applies (and dry-runs server-side diffs) with. */
const ARGOCD_FIELD_MANAGER = 'argocd-controller';

/** Options of {@link createKubeLiveState}. */
export interface KubeLiveStateOptions {
  /** The cluster. */
  readonly kc: k8s.KubeConfig;
  /** How long the first listing of every kind may take before a refresh reports the live state unknown. @defaultValue 60000 */
  readonly syncTimeoutMs?: number;
  /**
   * How long a listed kind's watch may fail before its last-seen objects are no longer trusted and
   * refreshes report the live state incomplete: a watch that fails now and then on a reachable cluster
   * must not stop every sync, one to a cluster that went away must. @defaultValue 10000
   */
  readonly staleAfterMs?: number;
  /** A desired kind discovery does not know re-reads discovery at most this often. @defaultValue 10000 */
  readonly discoveryRefreshMs?: number;
  /** Backoff of failing watches and relists. @defaultValue the live-state cache's */
  readonly retry?: RetryOptions;
  /** Watch namespaced kinds only here (a cluster Secret's `namespaces`). @defaultValue all namespaces */
  readonly namespaces?: readonly string[];
  /** With `namespaces`: watch cluster-scoped kinds too (`clusterResources: true`). @defaultValue false */
  readonly clusterScoped?: boolean;
  /** Whether a kind is left unwatched (resource exclusions). @defaultValue none is */
  readonly isExcluded?: (group: string, kind: string) => boolean;
  /** Told the apps (tracking names) an added, changed or deleted object belongs to — how self-heal hears of drift. */
  readonly onTrackedChange?: (appNames: readonly string[]) => void;
  /** Told when a kind whose watch was failing is watched again (the cluster came back), once per kind. */
  readonly onRecovered?: () => void;
}

/** The live state of one cluster, as the engine's `LiveState` port plus its lifecycle. */
export interface KubeLiveState extends LiveState {
  /**
   * Loads discovery (for the synchronous `isNamespaced`) and starts the cache if it is not running. Resolves,
   * never rejects: a failure is remembered and `listManaged` rejects with it, so the engine reports it.
   */
  prepare(): Promise<void>;
  /** Stops every watch. */
  stop(): Promise<void>;
  /** The cluster's resource client and discovery, for writes (sync). */
  readonly client: ResourceClient;
  readonly discovery: Discovery;
}

/**
 * Creates the live state of one cluster. The cache watches every listable kind (started on the first
 * `prepare`, restarted after a start that failed) and indexes objects by the app their tracking id names.
 * `listManaged` returns the objects tracked by the app and the objects at the desired keys, reading only
 * those (its cost does not grow with unrelated objects); kinds the cache does not watch (a CRD that
 * appeared after start) are read with the resource client at the desired keys. It rejects — never an
 * empty view — for an unreachable cluster or a kind whose watch is pending or failing. Which cluster a
 * destination names is decided by the caller (`createClusterLiveStates`).
 */
export function createKubeLiveState(options: KubeLiveStateOptions): KubeLiveState {
  const discoveryRefreshMs = options.discoveryRefreshMs ?? 10_000;
  const discovery = createDiscovery(options.kc, { minRefreshIntervalMs: discoveryRefreshMs });
  let lastDiscoveryRefresh = Number.NEGATIVE_INFINITY;
  const client = createResourceClient(options.kc, discovery);
  const syncTimeoutMs = options.syncTimeoutMs ?? 60_000;
  let cache: LiveStateCache | undefined;
  let starting: Promise<void> | undefined;
  let byGroupKind = new Map<string, ApiResource>();
  let failure: unknown;
  // Objects by the app their tracking id names, so a refresh reads its own objects, not the whole cluster.
  let tracked = createLiveIndex();

  async function startCache(): Promise<void> {
    const index = createLiveIndex();
    tracked = index;
    const isExcluded = options.isExcluded;
    const fresh = createLiveStateCache({
      kc: options.kc,
      discovery,
      kinds: 'all-listable',
      onChange: (event) => {
        index.apply(event);
        const apps = options.onTrackedChange === undefined ? [] : index.appsOf(event.object);
        if (apps.length > 0) options.onTrackedChange?.(apps);
      },
      ...(options.onRecovered === undefined ? {} : { onRecovered: options.onRecovered }),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.namespaces !== undefined && options.namespaces.length > 0 ? { namespaces: options.namespaces, clusterScoped: options.clusterScoped === true } : {}),
      ...(isExcluded ? { include: (r: ApiResource) => !isExcluded(r.group, r.kind) } : {}),
    });
    try {
      await fresh.start();
      cache = fresh;
    } catch (error) {
      await fresh.stop();
      throw error;
    }
  }

  function remember(resources: readonly ApiResource[]): void {
    byGroupKind = new Map(resources.filter((r) => r.preferred).map((r) => [`${r.group}/${r.kind}`, r]));
  }

  // A desired kind discovery does not know (a CRD created since): re-read discovery, at most once per interval.
  async function refreshDiscovery(): Promise<void> {
    if (Date.now() - lastDiscoveryRefresh < discoveryRefreshMs) return;
    lastDiscoveryRefresh = Date.now();
    await discovery.refresh();
    remember(await discovery.resources());
  }

  async function prepare(): Promise<void> {
    try {
      remember(await discovery.resources());
      if (!cache) {
        starting ??= startCache().finally(() => {
          starting = undefined;
        });
        await starting;
      }
      failure = undefined;
    } catch (error) {
      failure = error;
    }
  }

  async function listManaged(request: LiveRequest): Promise<UnstructuredObject[]> {
    if (!cache && failure === undefined) await prepare(); // a caller that skipped prepare(): isNamespaced was empty, the listing is still complete
    if (failure !== undefined || !cache) throw new UnavailableError(`cluster ${discovery.server} is unavailable: ${message(failure ?? 'not started')}`, { cause: failure });
    await waitForSync(cache, syncTimeoutMs);
    assertHealthy(cache, discovery.server, options.staleAfterMs ?? 10_000);

    const found = new Map<string, UnstructuredObject>();
    const add = (obj: UnstructuredObject): void => void found.set(objectKey(obj), obj);
    for (const obj of tracked.trackedBy(request.appName)) add(obj);
    for (const key of request.desired) {
      const obj = await desiredObject(cache, key);
      if (obj) add(obj);
    }
    // Objects the app's objects own (ReplicaSets, Pods…) complete the resource tree.
    for (const obj of tracked.descendantsOf([...found.values()])) add(obj);
    const objects = [...found.values()];
    // The cache drops managedFields to save memory; rules naming managers need them, so read those objects afresh.
    if (request.withManagedFields !== true) return objects;
    const fresh = await Promise.all(objects.map(withManagedFields));
    return fresh.filter((obj): obj is UnstructuredObject => obj !== undefined);
  }

  // Undefined when the object was deleted since the cache saw it.
  async function withManagedFields(obj: UnstructuredObject): Promise<UnstructuredObject | undefined> {
    const namespace = obj.metadata.namespace;
    try {
      return await client.get(gvkOf(obj), { ...(namespace ? { namespace } : {}), name: obj.metadata.name ?? '' });
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  // The live object at a desired key, from the cache when its kind is watched, else from the API server.
  async function desiredObject(watched: LiveStateCache, key: ResourceKey): Promise<UnstructuredObject | undefined> {
    let resource = byGroupKind.get(`${key.group}/${key.kind}`);
    if (!resource) {
      await refreshDiscovery();
      resource = byGroupKind.get(`${key.group}/${key.kind}`);
      // A kind the cluster does not serve (yet): nothing can exist there, the resource is Missing.
      if (!resource) return undefined;
    }
    const gvk: GroupVersionKind = { group: resource.group, version: resource.version, kind: resource.kind };
    const namespace = resource.namespaced ? key.namespace : undefined;
    if (watched.status().has(gvkKey(gvk))) return watched.get(gvk, namespace, key.name);
    try {
      return await client.get(gvk, { ...(namespace ? { namespace } : {}), name: key.name });
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  return {
    client,
    discovery,
    prepare,
    listManaged,
    // Server-side diff: the object the API server would store, with argocd-controller taking over conflicts as a sync would.
    dryRunApply: (obj) => client.apply(obj, { fieldManager: ARGOCD_FIELD_MANAGER, dryRun: true, force: true }),
    isNamespaced: (group, kind) => byGroupKind.get(`${group}/${kind}`)?.namespaced,
    async stop() {
      await starting?.catch(() => undefined);
      await cache?.stop();
      cache = undefined;
    },
  };
}

// Waits for the first listing of every kind, at most `timeoutMs`; what is still pending is reported afterwards.
async function waitForSync(cache: LiveStateCache, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  try {
    await Promise.race([cache.synced, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const MAX_PROBLEMS_SHOWN = 3;

// Refuses an incomplete view (see liveStateGaps), naming what is missing.
function assertHealthy(cache: LiveStateCache, server: string, staleAfterMs: number): void {
  const problems = liveStateGaps(cache.status(), Date.now(), staleAfterMs);
  if (problems.length === 0) return;
  // Usually one cause (the cluster went away) repeated for every kind: name a few, count the rest.
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).join('; ');
  const more = problems.length > MAX_PROBLEMS_SHOWN ? ` (and ${problems.length - MAX_PROBLEMS_SHOWN} more kinds)` : '';
  throw new UnavailableError(`live state of ${server} is incomplete: ${shown}${more}`, { context: { server } });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
