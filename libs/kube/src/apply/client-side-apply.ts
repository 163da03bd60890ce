// Client-side apply, as `kubectl apply --server-side=false` (and Argo CD's default sync) does it:
// create with the last-applied annotation, or a three-way patch against the live object.
import { ConflictError, InvalidInputError, NotFoundError } from '@driftless/api';
import type { UnstructuredObject } from '@driftless/api';
import {
  createThreeWayJsonMergePatch,
  createThreeWayMergePatch,
  PatchError,
  patchMetaForKind,
  readLastAppliedConfiguration,
  withLastAppliedConfiguration,
} from '@driftless/patch';
import type { JsonObject } from '@driftless/patch';
import type { Discovery } from '../discovery/discovery.js';
import { gvkOf } from '../discovery/gvk.js';
import type { GroupVersionKind } from '../discovery/gvk.js';
import type { ResourceClient, WriteOptions } from '../resources/resource-client.js';

/** Options of {@link clientSideApply}. */
export interface ClientSideApplyOptions {
  /** Send the write with `dryRun=All`: validated and admitted, not persisted. @defaultValue false */
  readonly dryRun?: boolean;
  /** The manager recorded in managedFields. @defaultValue 'argocd-controller' */
  readonly fieldManager?: string;
  /**
   * `true` → `fieldValidation=Strict` (unknown fields fail, kubectl's `--validate=strict` default);
   * `false` → `fieldValidation=Ignore` (kubectl `--validate=false`, Argo's `Validate=false`). @defaultValue true
   */
  readonly validate?: boolean;
}

/** What {@link clientSideApply} did and the object the server answered with (the live one if unchanged). */
export interface ClientSideApplyResult {
  readonly action: 'created' | 'configured' | 'unchanged';
  readonly object: UnstructuredObject;
}

/** The manager kubectl-compatible applies record when the caller names none (Argo CD's). */
export const DEFAULT_APPLY_FIELD_MANAGER = 'argocd-controller';

/**
 * Applies `desired` the way client-side `kubectl apply` does. GETs the live object; when missing,
 * creates `desired` with `kubectl.kubernetes.io/last-applied-configuration` set to the config
 * (compact, sorted JSON plus newline, as kubectl writes it) → `created`. Otherwise computes the
 * three-way patch between the recorded config, the new one (with its new annotation) and the live
 * object — strategic merge for built-in kinds with patch metadata, JSON merge otherwise (custom
 * resources) — and sends it → `configured`, or sends nothing when the patch is empty →
 * `unchanged` (the live object is returned). A create answered 409 (created meanwhile) is retried
 * once as a patch. Rejects with the ResourceClient's typed errors (server message, kind,
 * namespace and name included); a patch that cannot be computed is an InvalidInputError.
 */
export async function clientSideApply(client: ResourceClient, discovery: Discovery, desired: UnstructuredObject, options: ClientSideApplyOptions = {}): Promise<ClientSideApplyResult> {
  const gvk = gvkOf(desired);
  // Unknown kinds fail here with discovery's "no matches for kind" before any write.
  await discovery.resourceFor(gvk);
  const key = { ...(desired.metadata.namespace ? { namespace: desired.metadata.namespace } : {}), name: desired.metadata.name ?? '' };
  const write: WriteOptions = {
    dryRun: options.dryRun === true,
    fieldManager: options.fieldManager ?? DEFAULT_APPLY_FIELD_MANAGER,
    fieldValidation: options.validate === false ? 'Ignore' : 'Strict',
  };
  const { modified } = withLastAppliedConfiguration(desired as unknown as JsonObject);

  const live = await getOrUndefined(client, gvk, key);
  if (live === undefined) {
    try {
      return { action: 'created', object: await client.create(modified as unknown as UnstructuredObject, write) };
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      // Someone created it between our GET and POST: patch what is there now, once.
      return patchLive(client, gvk, key, modified, await client.get(gvk, key), write);
    }
  }
  return patchLive(client, gvk, key, modified, live, write);
}

async function getOrUndefined(client: ResourceClient, gvk: GroupVersionKind, key: { namespace?: string; name: string }): Promise<UnstructuredObject | undefined> {
  try {
    return await client.get(gvk, key);
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  }
}

async function patchLive(
  client: ResourceClient,
  gvk: GroupVersionKind,
  key: { namespace?: string; name: string },
  modified: JsonObject,
  live: UnstructuredObject,
  write: WriteOptions,
): Promise<ClientSideApplyResult> {
  const current = live as unknown as JsonObject;
  const original = readLastAppliedConfiguration(current);
  const meta = patchMetaForKind(gvk);
  let patch: JsonObject;
  try {
    patch = meta === undefined ? createThreeWayJsonMergePatch(original, modified, current) : createThreeWayMergePatch(original, modified, current, meta);
  } catch (err) {
    if (!(err instanceof PatchError)) throw err;
    const where = key.namespace ? `${key.namespace}/${key.name}` : key.name;
    throw new InvalidInputError(`apply ${gvk.kind} ${where}: cannot compute the patch: ${err.message}`, {
      context: { group: gvk.group, version: gvk.version, kind: gvk.kind, ...(key.namespace ? { namespace: key.namespace } : {}), name: key.name },
      cause: err,
    });
  }
  if (Object.keys(patch).length === 0) return { action: 'unchanged', object: live };
  const object = await client.patch(gvk, key, patch, { ...write, type: meta === undefined ? 'merge' : 'strategic' });
  return { action: 'configured', object };
}
