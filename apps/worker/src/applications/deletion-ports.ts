// The deletion ports over the worker's pieces: the destination's live state (its tracked objects and
// resource client) and the Application writer.
import { NotFoundError } from '@driftless/api';
import type { Application, ApplicationCondition, UnstructuredObject } from '@driftless/api';
import { gvkOf } from '@driftless/kube';
import { trackingAppName, trackingName } from '@driftless/reconcile';
import type { TrackingOptions } from '@driftless/reconcile';
import type { KubeLiveState } from '../refresh/kube-live-state.js';
import type { DeletionPorts } from './app-deletion.js';
import type { AppWriter } from './app-writer.js';

/** What {@link createDeletionPorts} wires. */
export interface DeletionPortsOptions {
  readonly liveFor: (app: Application) => Promise<KubeLiveState>;
  readonly writer: AppWriter;
  readonly controlNamespace: string;
  /** argocd-cm's tracking method and instance label, read when deleting. */
  readonly tracking: () => Promise<TrackingOptions>;
  readonly now?: () => Date;
}

/** Deletion ports against real clusters. */
export function createDeletionPorts(options: DeletionPortsOptions): DeletionPorts {
  const keyOf = (app: Application) => ({ namespace: app.metadata.namespace ?? options.controlNamespace, name: app.metadata.name ?? '' });
  const lives = new WeakMap<Application, KubeLiveState>();
  const liveOf = async (app: Application): Promise<KubeLiveState> => {
    const known = lives.get(app);
    if (known !== undefined) return known;
    const live = await options.liveFor(app);
    lives.set(app, live);
    return live;
  };
  return {
    async trackedObjects(app) {
      const appName = trackingName(app, options.controlNamespace);
      const tracking = await options.tracking();
      const live = await liveOf(app);
      // Only objects the app tracks itself: what they own goes with them through garbage collection.
      const objects = await live.listManaged({ appName, destination: app.spec.destination, desired: [] });
      return objects.filter((obj) => trackingAppName(obj, tracking) === appName);
    },
    async deleteObject(app, obj: UnstructuredObject, propagationPolicy) {
      const live = await liveOf(app);
      const namespace = obj.metadata.namespace;
      try {
        await live.client.delete(gvkOf(obj), { ...(namespace === undefined ? {} : { namespace }), name: obj.metadata.name ?? '' }, { propagationPolicy });
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
    },
    async setFinalizers(app, finalizers) {
      await options.writer.setFinalizers(keyOf(app), finalizers, app.metadata.resourceVersion ?? '');
    },
    async reportError(app, message) {
      const at = (options.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const others = (app.status?.conditions ?? []).filter((condition) => condition.type !== 'DeletionError');
      const condition: ApplicationCondition = { type: 'DeletionError', message, lastTransitionTime: at };
      await options.writer.patchStatus(keyOf(app), { conditions: [...others, condition] });
    },
  };
}
