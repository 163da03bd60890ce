// Reasons to refuse a sync before planning it, and the message a run shows while it waits for a
// `Prune=confirm` approval. Wording follows Argo CD's so users and tooling recognise it.
import type { PlanKey, PlanSyncInput, SyncTask } from './plan-types.js';
import type { AppSyncOptions } from './sync-options.js';

/**
 * `FailOnSharedResource=true` and a desired resource another application tracks: Argo CD fails the
 * operation with `Shared resource found: <warning>` (controller `SyncAppState`).
 */
export function sharedResourceFailure(input: PlanSyncInput, app: AppSyncOptions): string | undefined {
  const first = input.sharedResourceWarnings?.[0];
  if (!app.failOnSharedResource || first === undefined) return undefined;
  return `Shared resource found: ${first.message}`;
}

/**
 * Refuses to prune everything: with pruning on and `allowEmpty` off, a sync whose rendered set is empty
 * (no desired resource, no hook) while live resources would be pruned fails with Argo CD's auto-sync
 * message. Argo CD guards automated syncs only; callers pass `allowEmpty: true` for manual ones to match.
 */
export function emptySyncFailure(input: PlanSyncInput): string | undefined {
  if (!input.prune || input.allowEmpty === true) return undefined;
  const rendersNothing = input.resources.every((pair) => pair.target === undefined) && (input.hooks ?? []).length === 0;
  if (!rendersNothing || !input.resources.some((pair) => pair.requiresPruning)) return undefined;
  return `Skipping sync attempt to ${input.revision ?? 'the target revision'}: auto-sync will wipe out all resources`;
}

/**
 * The keys of prunes that wait for approval, and gitops-engine's message for them:
 * `waiting for pruning confirmation of <group>/<kind>/<name>[ and N more resources]`.
 */
export function confirmationWait(tasks: readonly SyncTask[], confirmed: boolean): { message: string; keys: PlanKey[] } | undefined {
  if (confirmed) return undefined;
  const keys = tasks.flatMap((task) => (task.action === 'prune' && task.requiresConfirmation === true ? [task.key] : []));
  const [first] = keys;
  if (first === undefined) return undefined;
  const more = keys.length > 1 ? ` and ${keys.length - 1} more resources` : '';
  return { message: `waiting for pruning confirmation of ${first.group}/${first.kind}/${first.name}${more}`, keys };
}

/**
 * Whether the Application's `argocd.argoproj.io/deletion-approved` timestamp approves deletions for an
 * operation that started at `startedAt` (Argo CD `IsDeletionConfirmed`: the approval is at or after the
 * start). Unparseable values approve nothing.
 */
export function isDeletionApproved(approvedAt: string | undefined, startedAt: string): boolean {
  const approved = approvedAt === undefined ? Number.NaN : Date.parse(approvedAt);
  const started = Date.parse(startedAt);
  return !Number.isNaN(approved) && !Number.isNaN(started) && approved >= started;
}
