// The transitions the notifier subscribes to, derived from two statuses: sync status, health, and the
// phase of the operation, each with the app, old and new values and the revision.
import type { ApplicationStatus } from '@driftless/api';

/** One transition, as published on the `events` queue. */
export interface AppEvent {
  readonly kind: 'sync-status' | 'health' | 'operation-phase';
  readonly app: { readonly namespace: string; readonly name: string };
  readonly from: string | undefined;
  readonly to: string;
  readonly revision?: string;
  /** The status message of the new value (health message, operation message), when there is one. */
  readonly message?: string;
  readonly at: string;
}

/**
 * The transitions from `before` to `after` (Argo's notification triggers fire on these): sync status,
 * health status, operation phase. An unchanged value yields nothing; a first status yields `from`
 * undefined. Example: OutOfSync → Synced at revision abc gives one `sync-status` event.
 */
export function statusEvents(app: { namespace: string; name: string }, before: ApplicationStatus | undefined, after: ApplicationStatus, at: string): AppEvent[] {
  const events: AppEvent[] = [];
  const revision = after.sync?.revision ?? after.sync?.revisions?.[0];
  const withRevision = revision === undefined ? {} : { revision };
  const push = (kind: AppEvent['kind'], from: string | undefined, to: string | undefined, message?: string): void => {
    if (to === undefined || from === to) return;
    events.push({ kind, app, from, to, ...withRevision, ...(message === undefined ? {} : { message }), at });
  };
  push('sync-status', before?.sync?.status, after.sync?.status);
  push('health', before?.health?.status, after.health?.status, after.health?.message);
  push('operation-phase', before?.operationState?.phase, after.operationState?.phase, after.operationState?.message);
  return events;
}
