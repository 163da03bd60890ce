// Keeps one resource's objects (in one namespace or all) in memory by list + watch: resumes from the
// last resourceVersion when a watch ends, relists on 410 Expired, retries failures with backoff.
import * as k8s from '@kubernetes/client-node';
import type { UnstructuredObject } from '@driftless/api';
import { apiVersionOf } from '../discovery/gvk.js';
import type { ApiResource } from '../discovery/gvk.js';
import { errorForStatus, httpStatusOf, statusMessage, toKubeError } from '../errors/kube-error.js';
import type { KubeCallContext } from '../errors/kube-error.js';
import type { ResourceClient } from '../resources/resource-client.js';
import { resourcePath } from '../resources/resource-path.js';
import { pause, retryDelayMs } from './retry-delay.js';
import type { RetryOptions } from './retry-delay.js';

/** A change seen in the cluster: the new object, or the last known one for `deleted`. */
export interface ReflectorEvent {
  readonly type: 'added' | 'modified' | 'deleted';
  readonly object: UnstructuredObject;
}

/** Where a reflector stands: not listed yet, in sync (watching), or failing (with the last error). */
export type ReflectorState = { readonly state: 'pending' } | { readonly state: 'synced' } | { readonly state: 'error'; readonly message: string };

/** What {@link startReflector} needs. */
export interface ReflectorOptions {
  readonly kc: k8s.KubeConfig;
  readonly client: ResourceClient;
  readonly resource: ApiResource;
  /** Watch one namespace; all namespaces (or a cluster-scoped kind) when undefined. */
  readonly namespace?: string;
  readonly onEvent: (event: ReflectorEvent) => void;
  /** Called on every state change. */
  readonly onState: (state: ReflectorState) => void;
  readonly retry?: RetryOptions;
  /** Asks the server to end each watch after this long (it is then resumed). @defaultValue 300 */
  readonly watchTimeoutSeconds?: number;
}

/** A running reflector. */
export interface Reflector {
  /** The objects by `namespace/name`, as listed and watched, without `metadata.managedFields`. */
  readonly objects: ReadonlyMap<string, UnstructuredObject>;
  /** Whether the first list has completed (objects are a true view from then on, maybe stale on error). */
  readonly listed: boolean;
  /** Ends the watch and the retry loop; no events after it resolves. */
  stop(): Promise<void>;
}

type WatchEnd = 'closed' | 'expired';

/** Starts list + watch at once; runs until {@link Reflector.stop}. Never throws: failures become `onState` errors. */
export function startReflector(options: ReflectorOptions): Reflector {
  const { resource, namespace } = options;
  const objects = new Map<string, UnstructuredObject>();
  const stopping = new AbortController();
  const watch = new k8s.Watch(options.kc);
  const apiVersion = apiVersionOf(resource);
  const ctx: KubeCallContext = {
    server: options.kc.getCurrentCluster()?.server ?? '',
    verb: 'watch',
    group: resource.group,
    version: resource.version,
    kind: resource.kind,
    ...(namespace ? { namespace } : {}),
  };
  let resourceVersion = '';
  let listed = false;
  let current: AbortController | undefined;

  const emit = (type: ReflectorEvent['type'], object: UnstructuredObject): void => {
    if (!stopping.signal.aborted) options.onEvent({ type, object });
  };

  async function relist(): Promise<void> {
    const list = await options.client.list(resource, namespace ? { namespace } : {});
    const fresh = new Map(list.items.map((item) => [keyOf(item), strip(item)]));
    for (const [key, old] of objects) {
      if (!fresh.has(key)) {
        objects.delete(key);
        emit('deleted', old);
      }
    }
    for (const [key, item] of fresh) {
      const old = objects.get(key);
      objects.set(key, item);
      if (!old) emit('added', item);
      else if (old.metadata.resourceVersion !== item.metadata.resourceVersion) emit('modified', item);
    }
    resourceVersion = list.resourceVersion;
    listed = true;
  }

  function watchOnce(): Promise<WatchEnd> {
    return new Promise<WatchEnd>((resolve, reject) => {
      let expired = false;
      let failure: Error | undefined;
      const onEvent = (type: string, raw: unknown): void => {
        const object = raw as UnstructuredObject & { code?: number; message?: string };
        if (type === 'ERROR') {
          if (object.code === 410) expired = true;
          else failure = errorForStatus(object.code ?? 500, object.message ?? statusMessage(JSON.stringify(raw)), ctx);
          return;
        }
        if (object.metadata?.resourceVersion) resourceVersion = object.metadata.resourceVersion;
        if (type === 'BOOKMARK') return;
        const item = strip({ ...object, apiVersion, kind: resource.kind });
        const key = keyOf(item);
        if (type === 'DELETED') {
          if (objects.delete(key)) emit('deleted', item);
          return;
        }
        const existed = objects.has(key);
        objects.set(key, item);
        emit(existed ? 'modified' : 'added', item);
      };
      const onDone = (error: unknown): void => {
        current = undefined;
        if (stopping.signal.aborted || isAbort(error)) resolve('closed');
        else if (error && httpStatusOf(error) === 410) resolve('expired');
        else if (error) reject(toKubeError(error, ctx));
        else if (failure) reject(failure);
        else resolve(expired ? 'expired' : 'closed');
      };
      const query = { resourceVersion, allowWatchBookmarks: true, timeoutSeconds: options.watchTimeoutSeconds ?? 300 };
      watch.watch(resourcePath(resource, namespace), query, onEvent, onDone).then(
        (controller) => {
          current = controller;
          if (stopping.signal.aborted) controller.abort();
          else if (!controller.signal.aborted) options.onState({ state: 'synced' });
        },
        (error: unknown) => onDone(error ?? new Error('watch failed')),
      );
    });
  }

  async function run(): Promise<void> {
    let failures = 0;
    let quickCloses = 0;
    while (!stopping.signal.aborted) {
      try {
        if (!resourceVersion) {
          await relist();
          if (stopping.signal.aborted) return;
          options.onState({ state: 'synced' });
        }
        const startedAt = Date.now();
        const end = await watchOnce();
        if (end === 'expired') resourceVersion = '';
        failures = 0;
        // A server that keeps closing watches at once must not turn this loop into a busy loop.
        quickCloses = end === 'closed' && Date.now() - startedAt < 1000 ? quickCloses + 1 : 0;
        if (quickCloses > 1) await pause(retryDelayMs(1, options.retry), stopping.signal);
      } catch (error) {
        if (stopping.signal.aborted) return;
        failures += 1;
        options.onState({ state: 'error', message: error instanceof Error ? error.message : String(error) });
        await pause(retryDelayMs(failures, options.retry), stopping.signal);
      }
    }
  }

  const running = run();
  return {
    objects,
    get listed() {
      return listed;
    },
    async stop() {
      stopping.abort();
      current?.abort();
      await running;
    },
  };
}

/** client-node's own request timeout (30 s in some versions) aborts the stream: that is a normal end, resumed. */
function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as { type?: unknown }).type === 'aborted');
}

function keyOf(object: UnstructuredObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}

/** Drops `metadata.managedFields`, the bulk of most objects, which no caller of the cache reads. */
function strip(object: UnstructuredObject): UnstructuredObject {
  if (!object.metadata?.managedFields) return object;
  const { managedFields: _dropped, ...metadata } = object.metadata;
  return { ...object, metadata };
}
