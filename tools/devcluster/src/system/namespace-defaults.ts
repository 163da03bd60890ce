// Per-namespace defaults real clusters create: ServiceAccount `default` and ConfigMap `kube-root-ca.crt`.
import type { ObjectApi } from '../api/object-api.js';
import { ApiError } from '../errors/api-error.js';
import { metaString } from '../model/meta.js';
import type { Reconciler } from '../runtime/reconciler.js';
import type { Store } from '../store/store.js';
import type { StoreEvent } from '../store/store-types.js';

const NAMESPACES = { group: '', resource: 'namespaces' };
const SERVICE_ACCOUNTS = { group: '', resource: 'serviceaccounts' };
const CONFIG_MAPS = { group: '', resource: 'configmaps' };
const ROOT_CA = 'kube-root-ca.crt';
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/**
 * The serviceaccounts controller and the root-CA publisher in one: every active namespace gets
 * (and keeps) ServiceAccount `default` and ConfigMap `kube-root-ca.crt` with the server's CA
 * (empty without TLS, D27).
 */
export class NamespaceDefaults implements Reconciler {
  readonly name = 'namespace-defaults';

  constructor(
    private readonly store: Store,
    private readonly api: ObjectApi,
    private readonly caPem: string,
  ) {}

  keysFor(event: StoreEvent): string[] {
    if (event.bucket === 'namespaces') return event.type === 'DELETED' ? [] : [event.ref.name];
    if (event.bucket === 'serviceaccounts' && event.ref.name === 'default' && event.type === 'DELETED') return [event.ref.namespace];
    if (event.bucket === 'configmaps' && event.ref.name === ROOT_CA && event.type !== 'ADDED') return [event.ref.namespace];
    return [];
  }

  initialKeys(): string[] {
    return this.store.list(NAMESPACES).map((s) => s.ref.name);
  }

  reconcile(namespace: string): void {
    const ns = this.store.get({ ...NAMESPACES, namespace: '', name: namespace });
    if (ns === undefined || metaString(ns.object, 'deletionTimestamp') !== undefined) return;
    if (this.store.get({ ...SERVICE_ACCOUNTS, namespace, name: 'default' }) === undefined) {
      this.createQuietly(SERVICE_ACCOUNTS, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } });
    }
    const cm = this.store.get({ ...CONFIG_MAPS, namespace, name: ROOT_CA });
    const data = { 'ca.crt': this.caPem };
    if (cm === undefined) {
      this.createQuietly(CONFIG_MAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: ROOT_CA, namespace, annotations: { 'kubernetes.io/description': DESCRIPTION } }, data });
    } else if (JSON.stringify(cm.object['data']) !== JSON.stringify(data)) {
      this.api.update(CONFIG_MAPS, { ...cm.object, data });
    }
  }

  private createQuietly(type: { group: string; resource: string }, obj: Parameters<ObjectApi['create']>[1]): void {
    try {
      this.api.create(type, obj);
    } catch (err) {
      // A namespace that started terminating meanwhile refuses new content: nothing to do.
      if (!(err instanceof ApiError && (err.code === 409 || err.code === 403 || err.code === 404))) throw err;
    }
  }
}
