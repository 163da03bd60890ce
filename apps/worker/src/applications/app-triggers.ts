// What a change to an Application asks of the loop: a refresh (spec or refresh annotation changed), a
// sync (an operation was written, or one is still running after a restart), or nothing (a status write).
import { ANNOTATION_REFRESH, ANNOTATION_SKIP_RECONCILE } from '@driftless/api';
import type { Application } from '@driftless/api';

/** The work one Application change asks for. */
export interface AppTriggers {
  /** Refresh, and whether hard (the `argocd.argoproj.io/refresh: hard` annotation). */
  readonly refresh?: { readonly reason: 'spec-changed' | 'annotation' | 'deleting'; readonly hard: boolean };
  /** Run (or resume) the app's operation. */
  readonly sync: boolean;
}

const NOTHING: AppTriggers = { sync: false };

/**
 * Compares the previous and current versions of an Application (previous undefined: first seen, e.g. at
 * start). Status-only changes — the loop's own writes — ask for nothing, which is what keeps a refresh from
 * triggering another. `skip-reconcile: "true"` silences refreshes, never a requested operation.
 */
export function appTriggers(previous: Application | undefined, current: Application): AppTriggers {
  const sync = operationPending(current) && (previous === undefined || !operationPending(previous) || changed(previous.operation, current.operation));
  // Deletion (a finalizer holds the object) is carried out by the refresh job, skip-reconcile or not.
  if (current.metadata.deletionTimestamp !== undefined) {
    return previous?.metadata.deletionTimestamp === undefined ? { refresh: { reason: 'deleting', hard: false }, sync } : { sync };
  }
  if (current.metadata.annotations?.[ANNOTATION_SKIP_RECONCILE] === 'true') return { sync };
  const refreshAnnotation = current.metadata.annotations?.[ANNOTATION_REFRESH];
  if (refreshAnnotation !== undefined && refreshAnnotation !== previous?.metadata.annotations?.[ANNOTATION_REFRESH]) {
    return { refresh: { reason: 'annotation', hard: refreshAnnotation === 'hard' }, sync };
  }
  if (previous === undefined || changed(previous.spec, current.spec)) return { refresh: { reason: 'spec-changed', hard: false }, sync };
  return sync ? { sync } : NOTHING;
}

/** An operation was asked for, or one is still Running/Terminating (a worker died while running it). */
export function operationPending(app: Application): boolean {
  const phase = app.status?.operationState?.phase;
  return app.operation !== undefined || phase === 'Running' || phase === 'Terminating';
}

// Watch events carry whole objects: comparing serialisations is enough and independent of key order
// only as far as the API server keeps it stable, which it does for unchanged fields.
function changed(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}
