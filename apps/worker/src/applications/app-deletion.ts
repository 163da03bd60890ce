// Deleting an Application as Argo CD does: with `resources-finalizer.argocd.argoproj.io` (foreground) or
// its `/background` variant, the app's tracked objects are deleted first and the finalizer removed once
// they are gone; without it the Application goes and its objects stay (a non-cascading delete).
import { FINALIZER_RESOURCES, FINALIZER_RESOURCES_BACKGROUND } from '@driftless/api';
import type { Application, UnstructuredObject } from '@driftless/api';
import { hasResourceOption } from '@driftless/reconcile';

/** What deletion needs of the destination cluster and of the Application. */
export interface DeletionPorts {
  /** The live objects whose tracking id (or label) names the app; rejects when the cluster cannot be read. */
  trackedObjects(app: Application): Promise<readonly UnstructuredObject[]>;
  /** Deletes one object; a missing one counts as deleted. */
  deleteObject(app: Application, obj: UnstructuredObject, propagationPolicy: 'Foreground' | 'Background'): Promise<void>;
  /** Replaces the Application's finalizers (guarded by its resourceVersion, so a concurrent edit is not lost). */
  setFinalizers(app: Application, finalizers: readonly string[]): Promise<void>;
  /** Records why the deletion cannot proceed (`DeletionError`). */
  reportError(app: Application, message: string): Promise<void>;
}

/** Where a deletion stands after one pass. */
export type DeletionOutcome =
  | { readonly state: 'not-ours' }
  | { readonly state: 'waiting'; readonly remaining: number }
  | { readonly state: 'finalized' }
  | { readonly state: 'error'; readonly message: string };

/**
 * One pass over an Application being deleted. Objects marked `argocd.argoproj.io/sync-options: Delete=false`
 * are left in place (and do not hold the deletion); objects already terminating are not deleted again.
 * When nothing of the app remains, our finalizers are removed so the API server removes the Application.
 */
export async function processDeletion(app: Application, ports: DeletionPorts): Promise<DeletionOutcome> {
  const finalizers = app.metadata.finalizers ?? [];
  const ours: string[] = finalizers.filter((f) => f === FINALIZER_RESOURCES || f === FINALIZER_RESOURCES_BACKGROUND);
  if (app.metadata.deletionTimestamp === undefined || ours.length === 0) return { state: 'not-ours' };
  const policy = ours.includes(FINALIZER_RESOURCES) ? 'Foreground' : 'Background';
  try {
    const objects = (await ports.trackedObjects(app)).filter((obj) => !hasResourceOption(obj, 'Delete=false'));
    if (objects.length > 0) {
      for (const obj of objects) if (obj.metadata.deletionTimestamp === undefined) await ports.deleteObject(app, obj, policy);
      return { state: 'waiting', remaining: objects.length };
    }
    await ports.setFinalizers(app, finalizers.filter((f) => !ours.includes(f)));
    return { state: 'finalized' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await ports.reportError(app, message).catch(() => undefined);
    return { state: 'error', message };
  }
}
