// Serves CRDs: registers their resources, sets NamesAccepted/Established, cleans up custom resources on delete.
import type { ObjectApi } from '../api/object-api.js';
import { ApiError } from '../errors/api-error.js';
import { canonicalJson } from '../model/canonical.js';
import { cloneJson, isJsonObject } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import { finalizersOf, metaOf, metaString } from '../model/meta.js';
import { descriptorsFromCrd } from '../registry/crd-descriptors.js';
import type { Registry } from '../registry/registry.js';
import type { Clock } from '../runtime/clock.js';
import { formatTime } from '../runtime/clock.js';
import type { ReconcileResult, Reconciler } from '../runtime/reconciler.js';
import { CRD_CLEANUP_FINALIZER } from '../strategies/crd-strategy.js';
import type { Store } from '../store/store.js';
import type { StoreEvent } from '../store/store-types.js';

const CRDS = { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' };

function condition(type: string, status: string, reason: string, message: string, previous: JsonValue[] | undefined, now: string): JsonObject {
  const old = (previous ?? []).find((c) => isJsonObject(c) && c['type'] === type);
  const keepTime = isJsonObject(old) && old['status'] === status && typeof old['lastTransitionTime'] === 'string';
  return { type, status, lastTransitionTime: keepTime ? (old['lastTransitionTime'] as string) : now, reason, message };
}

/**
 * The apiextensions controllers in one loop (no name-conflict detection, D9): a CRD's served versions become registry entries
 * (discovery and OpenAPI follow), its status gets acceptedNames, storedVersions and the
 * NamesAccepted/Established conditions; on deletion every custom resource is deleted before the
 * cleanup finalizer is removed, and the resources stop being served once the CRD is gone.
 */
export class CrdController implements Reconciler {
  readonly name = 'crd-controller';
  private readonly served = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly registry: Registry,
    private readonly api: ObjectApi,
    private readonly clock: Clock,
  ) {}

  keysFor(event: StoreEvent): string[] {
    if (event.bucket === 'apiextensions.k8s.io/customresourcedefinitions') return [event.ref.name];
    if (event.type === 'DELETED') {
      const crdName = this.registry.versionsOf(event.ref)[0]?.crdName;
      if (crdName !== undefined) return [crdName];
    }
    return [];
  }

  initialKeys(): string[] {
    return this.store.list(CRDS).map((s) => s.ref.name);
  }

  /** Registers every stored CRD synchronously (before the server accepts requests after a restart). */
  registerAll(): void {
    for (const s of this.store.list(CRDS)) this.serve(s.ref.name, s.object);
  }

  reconcile(name: string): ReconcileResult | void {
    const stored = this.store.get({ ...CRDS, namespace: '', name });
    if (stored === undefined) {
      this.registry.removeCrd(name);
      this.served.delete(name);
      return;
    }
    const crd = stored.object;
    if (metaString(crd, 'deletionTimestamp') !== undefined) return this.cleanUp(name, crd);
    this.serve(name, crd);
    this.writeStatus(crd);
  }

  private serve(name: string, crd: JsonObject): void {
    const spec = canonicalJson(crd['spec'] ?? null);
    if (this.served.get(name) === spec) return;
    this.served.set(name, spec);
    this.registry.setCrd(name, descriptorsFromCrd(crd));
  }

  private writeStatus(crd: JsonObject): void {
    const spec = isJsonObject(crd['spec']) ? crd['spec'] : {};
    const names = isJsonObject(spec['names']) ? cloneJson(spec['names']) : {};
    const kind = typeof names['kind'] === 'string' ? names['kind'] : '';
    names['singular'] ??= kind.toLowerCase();
    names['listKind'] ??= `${kind}List`;
    const versions = Array.isArray(spec['versions']) ? spec['versions'].filter(isJsonObject) : [];
    const storage = versions.find((v) => v['storage'] === true)?.['name'];
    const status = isJsonObject(crd['status']) ? crd['status'] : {};
    const stored = Array.isArray(status['storedVersions']) ? status['storedVersions'].map(String) : [];
    if (typeof storage === 'string' && !stored.includes(storage)) stored.push(storage);
    const previous = Array.isArray(status['conditions']) ? status['conditions'] : undefined;
    const now = formatTime(this.clock.now());
    const next: JsonObject = {
      acceptedNames: names,
      conditions: [
        condition('NamesAccepted', 'True', 'NoConflicts', 'no conflicts found', previous, now),
        condition('Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted', previous, now),
      ],
      storedVersions: stored,
    };
    if (canonicalJson(next) === canonicalJson(status)) return;
    this.api.update(CRDS, { ...crd, status: next }, 'status');
  }

  private cleanUp(name: string, crd: JsonObject): ReconcileResult | void {
    const descriptors = this.registry.crd(name) ?? descriptorsFromCrd(crd);
    const first = descriptors[0];
    if (first !== undefined) {
      const remaining = this.store.list({ group: first.group, resource: first.resource });
      for (const s of remaining) {
        if (metaString(s.object, 'deletionTimestamp') !== undefined) continue;
        try {
          this.api.delete({ group: first.group, resource: first.resource }, s.ref.namespace === '' ? undefined : s.ref.namespace, s.ref.name, { propagationPolicy: 'Background' });
        } catch (err) {
          if (!(err instanceof ApiError && err.code === 404)) throw err;
        }
      }
      if (this.store.list({ group: first.group, resource: first.resource }).length > 0) return { requeueAfterMs: 1000 };
    }
    if (finalizersOf(crd).includes(CRD_CLEANUP_FINALIZER)) {
      const next = cloneJson(crd);
      metaOf(next)['finalizers'] = finalizersOf(crd).filter((f) => f !== CRD_CLEANUP_FINALIZER);
      this.api.update(CRDS, next);
    }
  }
}
