// Adapts a pure Controller (src/controllers) to a Reconciler: events → keys, actions → pipeline writes.
import type { ObjectApi } from '../api/object-api.js';
import type { ClusterView, Controller, ControllerAction, ResourceType } from '../controllers/controller.js';
import { ApiError } from '../errors/api-error.js';
import type { KubeObject } from '../model/kube-object.js';
import { ownerRefsOf, splitApiVersion } from '../model/meta.js';
import { bucketId } from '../model/object-ref.js';
import type { StoreEvent } from '../store/store-types.js';
import type { Clock } from './clock.js';
import type { ReconcileResult, Reconciler } from './reconciler.js';

function keyOf(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function parseKey(key: string): { namespace: string | undefined; name: string } {
  const at = key.indexOf('/');
  const namespace = key.slice(0, at);
  return { namespace: namespace === '' ? undefined : namespace, name: key.slice(at + 1) };
}

/** The read-only view a pure controller gets: fresh copies from the store. */
function viewOf(api: ObjectApi): ClusterView {
  return {
    get: (type, namespace, name) => api.get(type, namespace, name) as KubeObject | undefined,
    list: (type, namespace, matchLabels) => api.list(type, namespace, matchLabels) as KubeObject[],
  };
}

/** Executes one action; NotFound on delete and AlreadyExists on create mean the work is done. */
function execute(api: ObjectApi, action: ControllerAction): void {
  try {
    switch (action.type) {
      case 'create':
        api.create(action.resource, action.object);
        return;
      case 'update':
        api.update(action.resource, action.object, 'main');
        return;
      case 'updateStatus':
        api.update(action.resource, action.object, 'status');
        return;
      case 'delete':
        api.delete(action.resource, action.namespace, action.name, action.propagationPolicy === undefined ? {} : { propagationPolicy: action.propagationPolicy });
        return;
      case 'requeueAfter':
        return;
    }
  } catch (err) {
    if (err instanceof ApiError && ((action.type === 'delete' && err.code === 404) || (action.type === 'create' && err.code === 409 && err.reason === 'AlreadyExists'))) return;
    throw err;
  }
}

/**
 * Wraps `controller` so the runner can drive it: primary-object events queue their own key; events
 * on owned types queue the key of their controlling owner of the primary kind.
 */
export function adaptController(controller: Controller, api: ObjectApi, clock: Clock): Reconciler {
  const primaryBucket = bucketId(controller.primary);
  const owned = new Set(controller.owns.map((t: ResourceType) => bucketId(t)));
  const primaryKind = (): string => api.descriptor(controller.primary).kind;
  return {
    name: controller.name,
    keysFor(event: StoreEvent) {
      if (event.bucket === primaryBucket) return [keyOf(event.ref.namespace, event.ref.name)];
      if (!owned.has(event.bucket)) return [];
      const keys = new Set<string>();
      for (const obj of [event.object(), event.prevObject()]) {
        if (obj === undefined) continue;
        for (const ref of ownerRefsOf(obj)) {
          if (ref.controller && ref.kind === primaryKind() && splitApiVersion(ref.apiVersion).group === controller.primary.group) keys.add(keyOf(event.ref.namespace, ref.name));
        }
      }
      return [...keys];
    },
    initialKeys() {
      // A primary type served by a CRD that does not exist yet has no objects to start with.
      if (api.deps.registry.versionsOf(controller.primary).length === 0) return [];
      return api.list(controller.primary).map((o) => {
        const meta = o['metadata'] as { namespace?: string; name: string };
        return keyOf(meta.namespace ?? '', meta.name);
      });
    },
    reconcile(key): ReconcileResult | void {
      const actions = controller.reconcile(parseKey(key), viewOf(api), new Date(clock.now()));
      let requeueAfterMs: number | undefined;
      for (const action of actions) {
        if (action.type === 'requeueAfter') requeueAfterMs = Math.min(requeueAfterMs ?? Infinity, action.delayMs);
        else execute(api, action);
      }
      return requeueAfterMs === undefined ? undefined : { requeueAfterMs };
    },
  };
}
