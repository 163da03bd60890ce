// The live state of one cluster in memory: one list+watch reflector per kind (and namespace), a
// per-kind status so an unreachable cluster is never mistaken for an empty one, and change events.
import type * as k8s from '@kubernetes/client-node';
import { InvalidInputError, UnavailableError } from '@driftless/api';
import type { UnstructuredObject } from '@driftless/api';
import type { Discovery } from '../discovery/discovery.js';
import { gvkKey } from '../discovery/gvk.js';
import type { ApiResource, GroupVersionKind } from '../discovery/gvk.js';
import { createResourceClient } from '../resources/resource-client.js';
import { startReflector } from './reflector.js';
import type { Reflector, ReflectorEvent, ReflectorState } from './reflector.js';
import { pause, retryDelayMs } from './retry-delay.js';
import type { RetryOptions } from './retry-delay.js';

/** A change in the cluster, with the kind it belongs to. */
export interface LiveStateEvent extends ReflectorEvent {
  readonly gvk: GroupVersionKind;
}

/**
 * The state of one watched kind: `pending` until first listed, `synced`, or `error` with the last failure,
 * since when it has been failing (epoch ms) and whether it had been listed (its objects are then the last
 * ones seen, still served).
 */
export type KindStatus =
  | { readonly state: 'pending' }
  | { readonly state: 'synced' }
  | { readonly state: 'error'; readonly message: string; readonly since: number; readonly listed: boolean };

/** Options of {@link createLiveStateCache}. */
export interface LiveStateCacheOptions {
  readonly kc: k8s.KubeConfig;
  readonly discovery: Discovery;
  /** The kinds to watch, or every preferred-version kind that supports list and watch. */
  readonly kinds: readonly GroupVersionKind[] | 'all-listable';
  /** Watch namespaced kinds only in these namespaces (cluster-scoped kinds: only when named in `kinds` or with `clusterScoped`). @defaultValue all namespaces */
  readonly namespaces?: readonly string[];
  /** With `namespaces` and `'all-listable'`: watch cluster-scoped kinds too (a cluster Secret's `clusterResources: true`). @defaultValue false */
  readonly clusterScoped?: boolean;
  /** With `'all-listable'`: watch only the kinds this accepts (resource exclusions). @defaultValue every kind */
  readonly include?: (resource: ApiResource) => boolean;
  /** Called for every added, modified and deleted object, after the cache holds the change. */
  readonly onChange?: (event: LiveStateEvent) => void;
  /**
   * Called when a kind whose watch was failing is watched again (the cluster came back): a watch that
   * resumes reports no change for objects that did not change, yet views refused meanwhile are stale.
   */
  readonly onRecovered?: (gvk: GroupVersionKind) => void;
  readonly retry?: RetryOptions;
  /** Passed to every watch; the watch is resumed when the server ends it. @defaultValue 300 */
  readonly watchTimeoutSeconds?: number;
}

/** The live-state cache of one cluster. */
export interface LiveStateCache {
  /**
   * Starts watching. With `'all-listable'` it first reads discovery and rejects (UnavailableError or
   * another typed error) if that fails; with explicit kinds it never rejects — failures show in {@link status}.
   */
  start(): Promise<void>;
  /** Stops every watch; resolves once no more events will be delivered. */
  stop(): Promise<void>;
  /** Resolves once every kind has been listed at least once. Never rejects; check {@link status} meanwhile. */
  readonly synced: Promise<void>;
  /**
   * The cached objects of `gvk` (in `namespace`, or all). Throws InvalidInputError for a kind not
   * watched and UnavailableError (with the last error) for one not listed yet — never an empty
   * list that could be mistaken for "nothing exists". After a later failure it keeps serving the
   * last known state, and {@link status} says `error`.
   */
  list(gvk: GroupVersionKind, namespace?: string): UnstructuredObject[];
  /** One cached object, or undefined if it does not exist; throws like {@link list}. */
  get(gvk: GroupVersionKind, namespace: string | undefined, name: string): UnstructuredObject | undefined;
  /** The status of every watched kind, keyed by `gvkKey` (`apps/v1/Deployment`). */
  status(): ReadonlyMap<string, KindStatus>;
}

interface KindWatch {
  readonly gvk: GroupVersionKind;
  resolveError?: { readonly message: string; readonly since: number };
  readonly reflectors: Map<string, { reflector: Reflector; state: ReflectorState; failingSince?: number }>;
}

/** Creates a cache; nothing is fetched until {@link LiveStateCache.start}. */
export function createLiveStateCache(options: LiveStateCacheOptions): LiveStateCache {
  const client = createResourceClient(options.kc, options.discovery);
  const watches = new Map<string, KindWatch>();
  const stopping = new AbortController();
  const tasks: Promise<void>[] = [];
  let markSynced: () => void = () => undefined;
  const synced = new Promise<void>((resolve) => {
    markSynced = resolve;
  });

  function kindStatus(watch: KindWatch): KindStatus {
    if (watch.resolveError) return { state: 'error', ...watch.resolveError, listed: false };
    const entries = [...watch.reflectors.values()];
    const failed = entries.find((r) => r.state.state === 'error');
    if (failed?.state.state === 'error') {
      return { state: 'error', message: failed.state.message, since: failed.failingSince ?? Date.now(), listed: entries.every((r) => r.reflector.listed) };
    }
    if (entries.length === 0 || entries.some((r) => r.state.state === 'pending')) return { state: 'pending' };
    return { state: 'synced' };
  }

  function checkSynced(): void {
    const all = [...watches.values()];
    if (all.every((w) => w.reflectors.size > 0 && [...w.reflectors.values()].every((r) => r.reflector.listed))) markSynced();
  }

  async function watchKind(watch: KindWatch, known?: ApiResource): Promise<void> {
    let resource = known;
    for (let failures = 1; !resource && !stopping.signal.aborted; failures += 1) {
      try {
        resource = await options.discovery.resourceFor(watch.gvk);
        watch.resolveError = undefined;
      } catch (error) {
        watch.resolveError = { message: error instanceof Error ? error.message : String(error), since: watch.resolveError?.since ?? Date.now() };
        await pause(retryDelayMs(failures, options.retry), stopping.signal);
      }
    }
    if (!resource || stopping.signal.aborted) return;
    const scopes = resource.namespaced && options.namespaces ? options.namespaces : [undefined];
    for (const namespace of scopes) {
      const entry: { state: ReflectorState; failingSince?: number } = { state: { state: 'pending' } };
      const reflector = startReflector({
        kc: options.kc,
        client,
        resource,
        ...(namespace ? { namespace } : {}),
        ...(options.retry ? { retry: options.retry } : {}),
        ...(options.watchTimeoutSeconds ? { watchTimeoutSeconds: options.watchTimeoutSeconds } : {}),
        onEvent: (event) => options.onChange?.({ ...event, gvk: watch.gvk }),
        onState: (state) => {
          const recovered = entry.state.state === 'error' && state.state === 'synced';
          if (state.state !== 'error') entry.failingSince = undefined;
          else entry.failingSince ??= Date.now();
          entry.state = state;
          if (state.state === 'synced') checkSynced();
          if (recovered) options.onRecovered?.(watch.gvk);
        },
      });
      watch.reflectors.set(namespace ?? '', { reflector, get state() { return entry.state; }, get failingSince() { return entry.failingSince; } });
    }
    checkSynced();
  }

  function watchOf(gvk: GroupVersionKind): KindWatch {
    const watch = watches.get(gvkKey(gvk));
    if (!watch) throw new InvalidInputError(`${gvkKey(gvk)} is not watched by the live-state cache of ${options.discovery.server}`, { context: { server: options.discovery.server, ...gvk } });
    const status = kindStatus(watch);
    const listed = watch.reflectors.size > 0 && [...watch.reflectors.values()].every((r) => r.reflector.listed);
    if (!listed) {
      const reason = status.state === 'error' ? status.message : 'not listed yet';
      throw new UnavailableError(`live state of ${gvkKey(gvk)} on ${options.discovery.server} is unknown: ${reason}`, { context: { server: options.discovery.server, ...gvk } });
    }
    return watch;
  }

  function objectsOf(watch: KindWatch): UnstructuredObject[] {
    return [...watch.reflectors.values()].flatMap((r) => [...r.reflector.objects.values()]);
  }

  return {
    synced,
    async start() {
      if (options.kinds === 'all-listable') {
        const resources = await options.discovery.resources();
        const include = options.include ?? (() => true);
        const scopeAllowed = (r: ApiResource): boolean => r.namespaced || !options.namespaces || options.clusterScoped === true;
        const chosen = resources.filter((r) => r.preferred && r.verbs.includes('list') && r.verbs.includes('watch') && scopeAllowed(r) && include(r));
        for (const r of chosen) {
          const gvk = { group: r.group, version: r.version, kind: r.kind };
          if (watches.has(gvkKey(gvk))) continue;
          const watch: KindWatch = { gvk, reflectors: new Map() };
          watches.set(gvkKey(gvk), watch);
          tasks.push(watchKind(watch, r));
        }
      } else {
        for (const gvk of options.kinds) {
          const watch: KindWatch = { gvk: { group: gvk.group, version: gvk.version, kind: gvk.kind }, reflectors: new Map() };
          watches.set(gvkKey(gvk), watch);
          tasks.push(watchKind(watch));
        }
      }
      if (watches.size === 0) markSynced();
    },
    async stop() {
      stopping.abort();
      await Promise.all(tasks);
      await Promise.all([...watches.values()].flatMap((w) => [...w.reflectors.values()].map((r) => r.reflector.stop())));
    },
    list(gvk, namespace) {
      const all = objectsOf(watchOf(gvk));
      return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
    },
    get(gvk, namespace, name) {
      const watch = watchOf(gvk);
      const key = `${namespace ?? ''}/${name}`;
      for (const { reflector } of watch.reflectors.values()) {
        const found = reflector.objects.get(key);
        if (found) return found;
      }
      return undefined;
    },
    status() {
      return new Map([...watches].map(([key, watch]) => [key, kindStatus(watch)]));
    },
  };
}
