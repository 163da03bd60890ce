// A cloud load-balancer controller for the dev cluster: LoadBalancer Services get an ingress address
// after a delay, or stay <pending> forever when asked to (like a cluster with no LB implementation).
import type { JsonObject } from '../model/json.js';
import type { ClusterView, Controller, ControllerAction, ObjectKey } from './controller.js';
import { LB, LB_AFTER_MS, parseMillis } from './annotations.js';
import { objectAt, objectsAt, stringAt } from './json-fields.js';
import { annotationsOf, createdAtMs } from './object-meta.js';
import { SERVICES } from './resource-types.js';
import { semanticEqual } from './template-hash.js';

/** Options of the load-balancer simulation. */
export interface ServiceControllerOptions {
  /** From creation until the address appears (annotation lb-after-ms overrides). @defaultValue 500 */
  readonly loadBalancerDelayMs?: number;
  /** The address every load balancer gets. @defaultValue '127.0.0.1' */
  readonly loadBalancerIP?: string;
}

/**
 * The load-balancer controller. A `type: LoadBalancer` Service gets
 * `status.loadBalancer.ingress: [{ip, ipMode: VIP}]` once `creationTimestamp + delay` has passed
 * (requeueing until then), never with annotation `devcluster.driftless.io/lb: pending`. A Service that
 * stops being a LoadBalancer loses its ingress. Other status fields are kept.
 */
export function serviceController(options: ServiceControllerOptions = {}): Controller {
  const delayMs = options.loadBalancerDelayMs ?? 500;
  const ip = options.loadBalancerIP ?? '127.0.0.1';
  return {
    name: 'service-lb',
    primary: SERVICES,
    owns: [],
    reconcile: (key: ObjectKey, view: ClusterView, now: Date): ControllerAction[] => {
      const service = view.get(SERVICES, key.namespace, key.name);
      if (service === undefined) return [];
      const current = objectsAt(service, 'status', 'loadBalancer', 'ingress');
      let desired: JsonObject[];
      if (stringAt(service, 'spec', 'type') !== 'LoadBalancer') {
        desired = [];
      } else {
        const annotations = annotationsOf(service);
        if (annotations[LB] === 'pending') return [];
        const readyAt = createdAtMs(service) + parseMillis(annotations[LB_AFTER_MS], delayMs);
        if (now.getTime() < readyAt) return [{ type: 'requeueAfter', delayMs: readyAt - now.getTime() }];
        desired = [{ ip, ipMode: 'VIP' }];
      }
      if (semanticEqual(current, desired)) return [];
      const loadBalancer: JsonObject = desired.length > 0 ? { ingress: desired } : {};
      const status: JsonObject = { ...(objectAt(service, 'status') ?? {}), loadBalancer };
      return [{ type: 'updateStatus', resource: SERVICES, object: { ...service, status } }];
    },
  };
}
