// The namespace controller: empties a terminating namespace, then finalizes it so it disappears.
import type { ObjectApi } from '../api/object-api.js';
import { ApiError } from '../errors/api-error.js';
import { isJsonObject } from '../model/json.js';
import { metaString } from '../model/meta.js';
import type { Registry } from '../registry/registry.js';
import type { ReconcileResult, Reconciler } from '../runtime/reconciler.js';
import type { Store } from '../store/store.js';
import type { StoreEvent } from '../store/store-types.js';

const NAMESPACES = { group: '', resource: 'namespaces' };

/**
 * Reconciles namespaces with deletionTimestamp: deletes everything namespaced inside (Background),
 * waits while objects remain (finalizers), then clears spec.finalizers through /finalize, which
 * removes the namespace once metadata.finalizers are empty too.
 */
export class NamespaceController implements Reconciler {
  readonly name = 'namespace-controller';

  constructor(
    private readonly store: Store,
    private readonly registry: Registry,
    private readonly api: ObjectApi,
  ) {}

  private terminating(name: string): boolean {
    const ns = this.store.get({ ...NAMESPACES, namespace: '', name });
    return ns !== undefined && metaString(ns.object, 'deletionTimestamp') !== undefined;
  }

  keysFor(event: StoreEvent): string[] {
    if (event.bucket === 'namespaces') return event.type !== 'DELETED' && metaString(event.object(), 'deletionTimestamp') !== undefined ? [event.ref.name] : [];
    if (event.ref.namespace !== '' && event.type === 'DELETED' && this.terminating(event.ref.namespace)) return [event.ref.namespace];
    return [];
  }

  initialKeys(): string[] {
    return this.store
      .list(NAMESPACES)
      .filter((s) => metaString(s.object, 'deletionTimestamp') !== undefined)
      .map((s) => s.ref.name);
  }

  reconcile(name: string): ReconcileResult | void {
    const ns = this.store.get({ ...NAMESPACES, namespace: '', name });
    if (ns === undefined || metaString(ns.object, 'deletionTimestamp') === undefined) return;
    let remaining = 0;
    const buckets = new Map<string, { group: string; resource: string }>();
    for (const d of this.registry.all()) if (d.namespaced) buckets.set(`${d.group}/${d.resource}`, { group: d.group, resource: d.resource });
    for (const bucket of buckets.values()) {
      for (const s of this.store.list(bucket, name)) {
        remaining++;
        if (metaString(s.object, 'deletionTimestamp') !== undefined) continue;
        try {
          this.api.delete(bucket, name, s.ref.name, { propagationPolicy: 'Background' });
        } catch (err) {
          if (!(err instanceof ApiError && err.code === 404)) throw err;
        }
      }
    }
    if (remaining > 0) {
      // Objects held by finalizers: their DELETED events bring us back; poll too in case none comes (D22).
      const left = [...buckets.values()].reduce((n, b) => n + this.store.list(b, name).length, 0);
      if (left > 0) return { requeueAfterMs: 1000 };
    }
    const current = this.store.get({ ...NAMESPACES, namespace: '', name });
    if (current === undefined) return;
    const spec = current.object['spec'];
    if (isJsonObject(spec) && Array.isArray(spec['finalizers']) && spec['finalizers'].length > 0) {
      this.api.update(NAMESPACES, { ...current.object, spec: { ...spec, finalizers: [] } }, 'finalize');
    }
  }
}
