// Writes to Applications in the control namespace: status as part of the object (Argo CD's CRD, which ours
// copies, has no status subresource) or through the status subresource where a CRD serves one, and the
// main-object fields the loop owns (`operation`, the refresh annotation). Merge patches name only the fields they change, so concurrent writers of other
// fields (kubectl, the gateway) never conflict and no resourceVersion is needed.
import { ANNOTATION_REFRESH, ConflictError, NotFoundError, UnavailableError } from '@driftless/api';
import type { Application, Operation } from '@driftless/api';
import type { GroupVersionKind, ResourceClient } from '@driftless/kube';

/** argoproj.io/v1alpha1 Application. */
export const APPLICATION_GVK: GroupVersionKind = { group: 'argoproj.io', version: 'v1alpha1', kind: 'Application' };

/** Identifies one Application. */
export interface AppKey {
  readonly namespace: string;
  readonly name: string;
}

/** The loop's writes; each resolves `false` when the Application no longer exists. */
export interface AppWriter {
  /** The Application fresh from the API server, or undefined when gone. */
  get(key: AppKey): Promise<Application | undefined>;
  /** Merge-patches `status` with these fields (`null` removes one). */
  patchStatus(key: AppKey, status: Record<string, unknown>): Promise<boolean>;
  /** Sets (`Operation`) or clears (`null`) `operation`. */
  setOperation(key: AppKey, operation: Operation | null): Promise<boolean>;
  /**
   * Writes `status` fields and sets or clears `operation` in one patch where status is part of the object
   * (Argo CD's CRD), so no reader sees one without the other. Under a status subresource it takes two
   * writes: an operation being cleared goes first (a worker dying between the two resumes the saved
   * Running state rather than starting the finished operation anew), one being set goes last (the sync
   * it starts finds the status that decided it).
   */
  patchStatusAndOperation(key: AppKey, status: Record<string, unknown>, operation: Operation | null): Promise<boolean>;
  /** Removes `argocd.argoproj.io/refresh` once the refresh it asked for is done. */
  clearRefreshAnnotation(key: AppKey): Promise<boolean>;
  /**
   * Replaces `metadata.finalizers`, only while the object is still at `resourceVersion` (a 409 otherwise,
   * not retried: the caller re-reads), so a finalizer someone added meanwhile is not dropped.
   */
  setFinalizers(key: AppKey, finalizers: readonly string[], resourceVersion: string): Promise<boolean>;
}

/** Options of {@link createAppWriter}. */
export interface AppWriterOptions {
  /** Tries per write on 409/503 answers. @defaultValue 4 */
  readonly attempts?: number;
  /** Wait before the second try, doubled after each. @defaultValue 100 */
  readonly baseDelayMs?: number;
}

/** An AppWriter over the control cluster's resource client. */
export function createAppWriter(client: ResourceClient, options: AppWriterOptions = {}): AppWriter {
  // Unknown until the first status write: Argo CD's CRD (and ours) has no status subresource, others may.
  let statusSubresource: boolean | undefined;
  const retrying = <T>(write: () => Promise<T>) => withRetry(write, options.attempts ?? 4, options.baseDelayMs ?? 100);
  const patchMain = (key: AppKey, patch: unknown) => present(retrying(() => client.patch(APPLICATION_GVK, key, patch)));

  async function patchStatusSubresource(key: AppKey, status: Record<string, unknown>): Promise<boolean> {
    try {
      await retrying(() => client.patch(APPLICATION_GVK, key, { status }, { subresource: 'status' }));
      statusSubresource = true;
      return true;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      // 404 either way: the object is gone, or its CRD serves no /status.
      if ((await get(key)) === undefined) return false;
      statusSubresource = false;
      return patchMain(key, { status });
    }
  }

  async function get(key: AppKey): Promise<Application | undefined> {
    try {
      return (await retrying(() => client.get(APPLICATION_GVK, key))) as unknown as Application;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  const patchStatus = (key: AppKey, status: Record<string, unknown>) => (statusSubresource === false ? patchMain(key, { status }) : patchStatusSubresource(key, status));
  const setOperation = (key: AppKey, operation: Operation | null) => patchMain(key, { operation });

  async function patchStatusAndOperation(key: AppKey, status: Record<string, unknown>, operation: Operation | null): Promise<boolean> {
    if (statusSubresource === false) return patchMain(key, { operation, status });
    if (operation === null) return (await setOperation(key, null)) && patchStatus(key, status);
    return (await patchStatus(key, status)) && setOperation(key, operation);
  }

  return {
    get,
    patchStatus,
    setOperation,
    patchStatusAndOperation,
    clearRefreshAnnotation: (key) => patchMain(key, { metadata: { annotations: { [ANNOTATION_REFRESH]: null } } }),
    setFinalizers: (key, finalizers, resourceVersion) => present(client.patch(APPLICATION_GVK, key, { metadata: { finalizers, resourceVersion } })),
  };
}

async function present(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
}

async function withRetry<T>(write: () => Promise<T>, attempts: number, baseDelayMs: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const transient = error instanceof ConflictError || error instanceof UnavailableError;
      if (!transient || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}
