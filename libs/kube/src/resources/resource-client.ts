// Generic access to any resource by GVK — get, list, create, update, patch, server-side apply,
// delete — as plain JSON objects, with typed errors naming cluster, GVK, namespace and name.
import type * as k8s from '@kubernetes/client-node';
import type { UnstructuredObject } from '@driftless/api';
import { gvkOf } from '../discovery/gvk.js';
import type { ApiResource, GroupVersionKind } from '../discovery/gvk.js';
import type { Discovery } from '../discovery/discovery.js';
import { createKubeRequester } from '../transport/kube-request.js';
import { resourcePath } from './resource-path.js';

/** Names one object; `namespace` is ignored for cluster-scoped kinds. */
export interface ObjectKey {
  readonly namespace?: string;
  readonly name: string;
}

/** Options every write accepts. */
export interface WriteOptions {
  /** Validate and admit on the server without persisting (`dryRun=All`). @defaultValue false */
  readonly dryRun?: boolean;
  /** The field manager recorded in managedFields. @defaultValue the server's default */
  readonly fieldManager?: string;
  /**
   * `fieldValidation` query parameter: `Strict` fails on unknown or duplicate fields, `Warn` only
   * warns, `Ignore` drops them silently. @defaultValue the server's default (Warn)
   */
  readonly fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

/** Patch content types: merge (RFC 7386), strategic (built-in kinds only) or JSON patch (RFC 6902). */
export type PatchType = 'merge' | 'strategic' | 'json';

/** Options of {@link ResourceClient.patch}. */
export interface PatchOptions extends WriteOptions {
  /** @defaultValue 'merge' — works for custom resources too; 'strategic' is refused (415) for them. */
  readonly type?: PatchType;
  /** Patch a subresource (`status`) instead of the object; 404 when the kind does not serve it. */
  readonly subresource?: 'status';
}

/** Options of {@link ResourceClient.apply}. */
export interface ApplyOptions extends WriteOptions {
  /** Required: server-side apply tracks ownership per manager. */
  readonly fieldManager: string;
  /** Take over fields owned by other managers instead of failing with ConflictError. @defaultValue false */
  readonly force?: boolean;
}

/** Options of {@link ResourceClient.delete}. */
export interface DeleteOptions {
  /** @defaultValue the server's default for the kind (Background for most) */
  readonly propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  readonly gracePeriodSeconds?: number;
  /** Delete only if the object still has this resourceVersion (ConflictError otherwise). */
  readonly resourceVersion?: string;
  readonly dryRun?: boolean;
}

/** Options of {@link ResourceClient.list}. */
export interface ListOptions {
  /** One namespace; all namespaces when omitted. */
  readonly namespace?: string;
  /** A label selector in Kubernetes syntax (`app=web,tier!=db`). */
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

/** A list answer: the items with their kind filled in, and the list's resourceVersion (to watch from). */
export interface ObjectList {
  readonly items: UnstructuredObject[];
  readonly resourceVersion: string;
}

/**
 * Generic client. Every method resolves the GVK through discovery (NotFoundError "no matches for
 * kind…" if the cluster does not serve it) and rejects with the typed errors of `errors/kube-error`:
 * NotFoundError for a missing object, ConflictError for a stale resourceVersion or an apply conflict,
 * InvalidInputError for a rejected body, PermissionDeniedError, UnavailableError.
 */
export interface ResourceClient {
  get(gvk: GroupVersionKind, key: ObjectKey): Promise<UnstructuredObject>;
  list(gvk: GroupVersionKind, options?: ListOptions): Promise<ObjectList>;
  /** POST; `metadata.namespace` selects the namespace of a namespaced kind. */
  create(object: UnstructuredObject, options?: WriteOptions): Promise<UnstructuredObject>;
  /** PUT the whole object; with `metadata.resourceVersion` set, a concurrent change fails with ConflictError. */
  update(object: UnstructuredObject, options?: WriteOptions): Promise<UnstructuredObject>;
  /** PATCH with `patch` as the body, merge patch unless `options.type` says otherwise. */
  patch(gvk: GroupVersionKind, key: ObjectKey, patch: unknown, options?: PatchOptions): Promise<UnstructuredObject>;
  /** Server-side apply (`application/apply-patch+yaml`): creates or updates the fields `object` names. */
  apply(object: UnstructuredObject, options: ApplyOptions): Promise<UnstructuredObject>;
  /** DELETE; resolves with the server's answer (the object while finalizers hold it, or a Status). */
  delete(gvk: GroupVersionKind, key: ObjectKey, options?: DeleteOptions): Promise<unknown>;
}

const PATCH_CONTENT_TYPES: Readonly<Record<PatchType, string>> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
};

/** A ResourceClient for the current context of `kc`, resolving kinds through `discovery`. */
export function createResourceClient(kc: k8s.KubeConfig, discovery: Discovery): ResourceClient {
  const requester = createKubeRequester(kc);

  async function target(gvk: GroupVersionKind, verb: string, namespace?: string, name?: string) {
    const resource: ApiResource = await discovery.resourceFor(gvk);
    const ns = resource.namespaced ? namespace : undefined;
    const ctx = { verb, group: gvk.group, version: gvk.version, kind: gvk.kind, ...(ns ? { namespace: ns } : {}), ...(name ? { name } : {}) };
    return { path: resourcePath(resource, ns, name), ctx };
  }

  function writeQuery(options: WriteOptions = {}) {
    return { dryRun: options.dryRun ? 'All' : undefined, fieldManager: options.fieldManager, fieldValidation: options.fieldValidation };
  }

  return {
    async get(gvk, key) {
      const { path, ctx } = await target(gvk, 'get', key.namespace, key.name);
      return requester.send<UnstructuredObject>({ method: 'GET', path }, ctx);
    },
    async list(gvk, options = {}) {
      const { path, ctx } = await target(gvk, 'list', options.namespace);
      const query = { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector };
      const list = await requester.send<{ items?: UnstructuredObject[]; metadata?: { resourceVersion?: string } }>({ method: 'GET', path, query }, ctx);
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      return {
        items: (list.items ?? []).map((item) => ({ ...item, apiVersion, kind: gvk.kind })),
        resourceVersion: list.metadata?.resourceVersion ?? '',
      };
    },
    async create(object, options) {
      const { path, ctx } = await target(gvkOf(object), 'create', object.metadata.namespace);
      return requester.send<UnstructuredObject>({ method: 'POST', path, query: writeQuery(options), body: object }, { ...ctx, name: object.metadata.name ?? object.metadata.generateName });
    },
    async update(object, options) {
      const { path, ctx } = await target(gvkOf(object), 'update', object.metadata.namespace, object.metadata.name ?? '');
      return requester.send<UnstructuredObject>({ method: 'PUT', path, query: writeQuery(options), body: object }, ctx);
    },
    async patch(gvk, key, patch, options = {}) {
      const { path, ctx } = await target(gvk, 'patch', key.namespace, key.name);
      const contentType = PATCH_CONTENT_TYPES[options.type ?? 'merge'];
      const fullPath = options.subresource === undefined ? path : `${path}/${options.subresource}`;
      return requester.send<UnstructuredObject>({ method: 'PATCH', path: fullPath, query: writeQuery(options), body: patch, contentType }, ctx);
    },
    async apply(object, options) {
      const { path, ctx } = await target(gvkOf(object), 'apply', object.metadata.namespace, object.metadata.name ?? '');
      const query = { ...writeQuery(options), force: options.force === undefined ? undefined : options.force };
      // JSON is YAML: the apply content type accepts a JSON body.
      return requester.send<UnstructuredObject>({ method: 'PATCH', path, query, body: object, contentType: 'application/apply-patch+yaml' }, ctx);
    },
    async delete(gvk, key, options = {}) {
      const { path, ctx } = await target(gvk, 'delete', key.namespace, key.name);
      const body = {
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        ...(options.propagationPolicy ? { propagationPolicy: options.propagationPolicy } : {}),
        ...(options.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: options.gracePeriodSeconds }),
        ...(options.resourceVersion ? { preconditions: { resourceVersion: options.resourceVersion } } : {}),
      };
      return requester.send<unknown>({ method: 'DELETE', path, query: { dryRun: options.dryRun ? 'All' : undefined }, body }, ctx);
    },
  };
}
