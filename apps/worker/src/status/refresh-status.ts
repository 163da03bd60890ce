// What a refresh writes into `Application.status`: the fields it owns, merged with the previous status
// so unchanged conditions and health keep their transition times, and whether the write can be skipped.
import type { ApplicationCondition, ApplicationConditionType, ApplicationStatus, HealthStatus } from '@driftless/api';
import type { RefreshResult } from '@driftless/reconcile';

/** Condition types a refresh evaluates; others (SyncError, DeletionError) belong to sync and deletion. */
export const REFRESH_CONDITION_TYPES: ReadonlySet<ApplicationConditionType> = new Set<ApplicationConditionType>([
  'InvalidSpecError',
  'UnknownError',
  'ComparisonError',
  'SharedResourceWarning',
  'RepeatedResourceWarning',
  'ExcludedResourceWarning',
  'OrphanedResourceWarning',
]);

/** The status fields a refresh owns; a merge patch sets each, or removes it with `null` when absent. */
const OWNED_FIELDS = ['sync', 'health', 'resources', 'conditions', 'sourceType', 'sourceTypes', 'summary', 'reconciledAt'] as const;
type OwnedField = (typeof OWNED_FIELDS)[number];

/** The outcome of {@link refreshStatusPatch}. */
export interface RefreshStatusPatch {
  /** The new values of the owned fields (`null` removes one). */
  readonly status: Record<OwnedField, unknown>;
  /** Something other than `reconciledAt` changed. */
  readonly changed: boolean;
}

/**
 * Merges `refreshed` into `previous` the way Argo CD's controller does: conditions of the types refresh
 * evaluates are replaced (others kept), a condition whose type and message did not change keeps its
 * `lastTransitionTime`, and health keeps its `lastTransitionTime` while its status stays the same.
 * `changed` compares everything but `reconciledAt` and transition times, so callers can skip no-op writes.
 */
export function refreshStatusPatch(previous: ApplicationStatus | undefined, refreshed: RefreshResult): RefreshStatusPatch {
  const conditions = mergeConditions(previous?.conditions ?? [], refreshed.conditions);
  const health = carryHealthTime(previous?.health, refreshed.health, refreshed.reconciledAt);
  const next: Record<OwnedField, unknown> = {
    sync: refreshed.sync,
    health,
    resources: refreshed.resources,
    conditions: conditions.length === 0 ? null : conditions,
    sourceType: refreshed.sourceType ?? null,
    sourceTypes: refreshed.sourceTypes ?? null,
    summary: refreshed.summary,
    reconciledAt: refreshed.reconciledAt,
  };
  const before = comparable(previous ? pick(previous) : {});
  const after = comparable(next);
  return { status: next, changed: before !== after };
}

function pick(status: ApplicationStatus): Record<string, unknown> {
  const source = status as Record<string, unknown>;
  return Object.fromEntries(OWNED_FIELDS.map((field) => [field, source[field] ?? null]));
}

// JSON without the fields that change on every refresh; null, absent and an empty list count the same.
function comparable(status: Record<string, unknown>): string {
  const ignored = (key: string, value: unknown) => key === 'reconciledAt' || key === 'lastTransitionTime' || value === null || (Array.isArray(value) && value.length === 0);
  return JSON.stringify(status, (key, value: unknown) => (ignored(key, value) ? undefined : value));
}

function mergeConditions(previous: readonly ApplicationCondition[], evaluated: readonly ApplicationCondition[]): ApplicationCondition[] {
  const kept = previous.filter((c) => !REFRESH_CONDITION_TYPES.has(c.type));
  const carried = evaluated.map((c) => {
    const same = previous.find((p) => p.type === c.type && p.message === c.message);
    return same?.lastTransitionTime === undefined ? c : { ...c, lastTransitionTime: same.lastTransitionTime };
  });
  return [...kept, ...carried];
}

function carryHealthTime(previous: HealthStatus | undefined, next: HealthStatus, now: string): HealthStatus {
  const since = previous !== undefined && previous.status === next.status ? (previous.lastTransitionTime ?? now) : now;
  return { ...next, lastTransitionTime: since };
}
