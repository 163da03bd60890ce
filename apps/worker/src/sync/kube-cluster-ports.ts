// The sync executor's ClusterPorts against a real cluster through libs/kube, with Argo CD's apply
// semantics (gitops-engine `applyObject` and its kubectl apply/replace/create options).
import { ConflictError, InvalidInputError, NotFoundError, UnavailableError } from '@driftless/api';
import type { UnstructuredObject } from '@driftless/api';
import { clientSideApply, gvkKey, gvkOf } from '@driftless/kube';
import type { Discovery, GroupVersionKind, ObjectKey, ResourceClient, WriteOptions } from '@driftless/kube';
import type { ApplyOptions, ClusterPorts, PlanKey, PrunePropagationPolicy } from '@driftless/reconcile';
import { servedKindsOfCrd } from './crd-kinds.js';

/** Argo CD's field manager for client- and server-side applies (`argocd-controller`). */
export const ARGOCD_FIELD_MANAGER = 'argocd-controller';

/** Argo's prune propagation option values → Kubernetes' `DeleteOptions.propagationPolicy`. */
const PROPAGATION: Readonly<Record<PrunePropagationPolicy, 'Foreground' | 'Background' | 'Orphan'>> = {
  foreground: 'Foreground',
  background: 'Background',
  orphan: 'Orphan',
};

/** Options of {@link createKubeClusterPorts}. */
export interface KubeClusterPortsOptions {
  /** The destination cluster's resource client (sharing `discovery`). */
  readonly client: ResourceClient;
  /** The discovery `client` resolves kinds with; refreshed by `refreshDiscovery`. */
  readonly discovery: Discovery;
  /** The manager recorded in managedFields. @defaultValue 'argocd-controller' */
  readonly fieldManager?: string;
  /** How long a forced re-creation waits for the old object to go, and `refreshDiscovery` for new kinds. @defaultValue 30000 */
  readonly waitTimeoutMs?: number;
  /** Pause between the polls of those waits. @defaultValue 200 */
  readonly pollIntervalMs?: number;
  /** Waits between polls; a port so that tests can control it. @defaultValue setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The executor's cluster ports for one cluster. Writes behave as Argo CD's controller:
 * - default: client-side `kubectl apply` (`clientSideApply`: three-way patch against
 *   `kubectl.kubernetes.io/last-applied-configuration`);
 * - `serverSideApply`: server-side apply as the field manager with conflicts forced (Argo runs
 *   `kubectl apply --server-side --force-conflicts`); `force` does not apply there, as in kubectl;
 * - `replace`: create when missing; a CustomResourceDefinition or Namespace is updated (PUT) because
 *   re-creating it would delete everything in it; otherwise `kubectl replace` (PUT at the live
 *   resourceVersion), or with `force` delete, wait until gone, and create;
 * - `force` without `replace`: a client-side apply answered 409 Conflict or 422 Invalid (an immutable
 *   field) deletes the object, waits until it is gone and applies again (`kubectl apply --force`);
 * - `validate: false` → `fieldValidation=Ignore`, else `Strict`.
 * Errors are libs/kube's typed errors (NotFound 404, Conflict 409, InvalidInput 422, PermissionDenied
 * 403, Unavailable 503 for 429/5xx/network), whose HTTP status the executor reads with `apiStatusOf`;
 * their message carries the API server's own words.
 */
export function createKubeClusterPorts(options: KubeClusterPortsOptions): ClusterPorts {
  const { client, discovery } = options;
  const fieldManager = options.fieldManager ?? ARGOCD_FIELD_MANAGER;
  const waitTimeoutMs = options.waitTimeoutMs ?? 30_000;
  const pollIntervalMs = options.pollIntervalMs ?? 200;
  const sleep = options.sleep ?? defaultSleep;
  // Kinds of CRDs applied since the last refreshDiscovery: what it waits for.
  const awaitedKinds = new Map<string, GroupVersionKind>();

  function writeOptions(apply: ApplyOptions, dryRun: boolean): WriteOptions {
    return { dryRun, fieldManager, fieldValidation: apply.validate ? 'Strict' : 'Ignore' };
  }

  async function getOrUndefined(gvk: GroupVersionKind, key: ObjectKey): Promise<UnstructuredObject | undefined> {
    try {
      return await client.get(gvk, key);
    } catch (error) {
      // A kind the cluster does not serve ("no matches for kind") cannot have the object either.
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /** Polls until the object is gone (its finalizers done), at most `waitTimeoutMs`. */
  async function waitUntilGone(gvk: GroupVersionKind, key: ObjectKey): Promise<void> {
    const deadline = Date.now() + waitTimeoutMs;
    while ((await getOrUndefined(gvk, key)) !== undefined) {
      if (Date.now() >= deadline) {
        throw new UnavailableError(`timed out after ${waitTimeoutMs}ms waiting for ${gvk.kind} ${describeKey(key)} to be deleted before re-creating it`, {
          context: { group: gvk.group, version: gvk.version, kind: gvk.kind, namespace: key.namespace, name: key.name },
        });
      }
      await sleep(pollIntervalMs);
    }
  }

  /**
   * Deletes and re-creates through `create`, as `kubectl apply --force` and `kubectl replace --force` do.
   * In a dry run nothing can be waited for: the delete is dry-run and the live object answered, so that
   * the dry run checks the permission to delete without failing on the immutable field.
   */
  async function recreate(obj: UnstructuredObject, dryRun: boolean, create: () => Promise<UnstructuredObject>): Promise<UnstructuredObject> {
    const gvk = gvkOf(obj);
    const key = objectKeyOf(obj);
    try {
      await client.delete(gvk, key, { propagationPolicy: 'Background', dryRun });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    if (dryRun) return (await getOrUndefined(gvk, key)) ?? obj;
    await waitUntilGone(gvk, key);
    return create();
  }

  async function replace(obj: UnstructuredObject, apply: ApplyOptions, dryRun: boolean): Promise<UnstructuredObject> {
    const gvk = gvkOf(obj);
    const write = writeOptions(apply, dryRun);
    const live = await getOrUndefined(gvk, objectKeyOf(obj));
    if (live === undefined) return client.create(obj, write);
    const update = (): Promise<UnstructuredObject> => client.update(withResourceVersion(obj, live), write);
    // Re-creating a CRD or a Namespace would delete every object in it: Argo updates those instead.
    if (apply.force && !isCrd(gvk) && !(gvk.group === '' && gvk.kind === 'Namespace')) return recreate(obj, dryRun, () => client.create(obj, write));
    return update();
  }

  async function clientSide(obj: UnstructuredObject, apply: ApplyOptions, dryRun: boolean): Promise<UnstructuredObject> {
    const run = async (): Promise<UnstructuredObject> =>
      (await clientSideApply(client, discovery, obj, { dryRun, fieldManager, validate: apply.validate })).object;
    try {
      return await run();
    } catch (error) {
      if (!apply.force || !isConflictOrInvalid(error)) throw error;
      return recreate(obj, dryRun, run);
    }
  }

  async function write(obj: UnstructuredObject, apply: ApplyOptions, dryRun: boolean): Promise<UnstructuredObject> {
    let live: UnstructuredObject;
    if (apply.replace) live = await replace(obj, apply, dryRun);
    else if (apply.serverSideApply) live = await client.apply(obj, { ...writeOptions(apply, dryRun), fieldManager, force: true });
    else live = await clientSide(obj, apply, dryRun);
    if (!dryRun) rememberCrd(obj);
    return live;
  }

  function rememberCrd(obj: UnstructuredObject): void {
    if (!isCrd(gvkOf(obj))) return;
    for (const gvk of servedKindsOfCrd(obj)) awaitedKinds.set(gvkKey(gvk), gvk);
  }

  return {
    async dryRun(obj, apply) {
      if (isNamelessHook(obj)) {
        await client.create(obj, writeOptions(apply, true));
        return;
      }
      await write(obj, apply, true);
    },

    apply: (obj, apply) => write(obj, apply, false),

    async createHook(obj, apply) {
      // The API server names a generateName hook; nothing can already exist under that name.
      if (isNamelessHook(obj)) return client.create(obj, writeOptions(apply, false));
      // A named hook: create it, or apply over the one already there (Argo creates hooks with kubectl apply).
      // Client-side apply does exactly that — create when missing, a 409 on that create falls back to a patch —
      // and records last-applied-configuration as kubectl does; server-side apply and replace create too.
      return write(obj, apply, false);
    },

    async delete(key, { propagationPolicy }) {
      await client.delete(gvkOfKey(key), objectKeyOfPlan(key), { propagationPolicy: PROPAGATION[propagationPolicy] });
    },

    get: (key) => getOrUndefined(gvkOfKey(key), objectKeyOfPlan(key)),

    async refreshDiscovery() {
      const deadline = Date.now() + waitTimeoutMs;
      for (;;) {
        await discovery.refresh();
        const served = new Set((await discovery.resources()).map(gvkKey));
        for (const key of [...awaitedKinds.keys()]) if (served.has(key)) awaitedKinds.delete(key);
        if (awaitedKinds.size === 0) return;
        if (Date.now() >= deadline) {
          const kinds = [...awaitedKinds.values()].map((gvk) => `${gvk.kind}.${gvk.group}/${gvk.version}`).join(', ');
          throw new UnavailableError(`timed out after ${waitTimeoutMs}ms waiting for the API server to serve ${kinds}`, { context: { server: discovery.server } });
        }
        await sleep(pollIntervalMs);
      }
    },
  };
}

function isCrd(gvk: GroupVersionKind): boolean {
  return gvk.group === 'apiextensions.k8s.io' && gvk.kind === 'CustomResourceDefinition';
}

/** A hook to be named by the API server: `generateName` without `name`. */
function isNamelessHook(obj: UnstructuredObject): boolean {
  return !obj.metadata.name && Boolean(obj.metadata.generateName);
}

/** What `kubectl apply --force` re-creates on: a conflict, or a 422 Invalid (immutable field) — not a 400/415. */
function isConflictOrInvalid(error: unknown): boolean {
  return error instanceof ConflictError || (error instanceof InvalidInputError && error.context['status'] === 422);
}

/** `kubectl replace` fills in the live resourceVersion when the manifest has none, making the PUT a compare-and-swap. */
function withResourceVersion(obj: UnstructuredObject, live: UnstructuredObject): UnstructuredObject {
  if (obj.metadata.resourceVersion) return obj;
  const resourceVersion = live.metadata.resourceVersion;
  return resourceVersion ? { ...obj, metadata: { ...obj.metadata, resourceVersion } } : obj;
}

function objectKeyOf(obj: UnstructuredObject): ObjectKey {
  return { ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}), name: obj.metadata.name ?? '' };
}

function gvkOfKey(key: PlanKey): GroupVersionKind {
  return { group: key.group, version: key.version, kind: key.kind };
}

function objectKeyOfPlan(key: PlanKey): ObjectKey {
  return { ...(key.namespace ? { namespace: key.namespace } : {}), name: key.name };
}

function describeKey(key: ObjectKey): string {
  return key.namespace ? `${key.namespace}/${key.name}` : key.name;
}
