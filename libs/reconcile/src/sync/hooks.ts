// Resource hooks in a sync: the phases a hook runs in, its delete policies and the name a `generateName`
// hook receives. Which objects are hooks at all is match/hooks.ts's answer, shared with the comparison.
import { ANNOTATION_HELM_HOOK_DELETE_POLICY, ANNOTATION_HOOK_DELETE_POLICY } from '@driftless/api';
import type { HookDeletePolicy, KubeObject, SyncPhase } from '@driftless/api';
import { annotationCsv, hookTypesOf, isResourceHook, isSkippedResource } from '../match/hooks.js';

const DELETE_POLICIES: readonly string[] = ['HookSucceeded', 'HookFailed', 'BeforeHookCreation'];
const SYNC_PHASES: readonly SyncPhase[] = ['PreSync', 'Sync', 'PostSync', 'SyncFail'];

/** Helm delete policies and their Argo names (gitops-engine `hook/helm/delete_policy.go`). */
export const HELM_DELETE_POLICIES: Readonly<Record<string, HookDeletePolicy>> = {
  'before-hook-creation': 'BeforeHookCreation',
  'hook-succeeded': 'HookSucceeded',
  'hook-failed': 'HookFailed',
};

/**
 * The sync phases an object takes part in (gitops-engine `syncPhases`): none when skipped, each of a hook's
 * phases in phase order (a hook of only PreDelete, Helm `test` and the like has none), and Sync otherwise.
 */
export function syncPhasesOf(obj: KubeObject): SyncPhase[] {
  if (isSkippedResource(obj)) return [];
  if (!isResourceHook(obj)) return ['Sync'];
  const types: readonly string[] = hookTypesOf(obj);
  return SYNC_PHASES.filter((phase) => types.includes(phase));
}

/**
 * A hook's delete policies: Argo's annotation, then Helm's mapped, each once; `BeforeHookCreation` when
 * neither names a valid policy (gitops-engine `hook.DeletePolicies`).
 */
export function hookDeletePolicies(obj: KubeObject): HookDeletePolicy[] {
  const argo = annotationCsv(obj, ANNOTATION_HOOK_DELETE_POLICY).filter((value) => DELETE_POLICIES.includes(value)) as HookDeletePolicy[];
  const helm = annotationCsv(obj, ANNOTATION_HELM_HOOK_DELETE_POLICY).flatMap((value) => HELM_DELETE_POLICIES[value] ?? []);
  const policies = [...new Set([...argo, ...helm])];
  return policies.length > 0 ? policies : ['BeforeHookCreation'];
}

/**
 * The name a hook gets for one sync. A named hook keeps its name. A `generateName` hook gets
 * `<generateName><revision[0:7]>-<phase>-<unix seconds of startedAt>` in lower case, as gitops-engine names
 * it, so the name is stable across the steps of one operation. Returns `undefined` when `startedAt` is not
 * a timestamp (the executor then lets the API server generate the name).
 */
export function hookName(obj: KubeObject, phase: SyncPhase, revision: string, startedAt: string | undefined): string | undefined {
  const name = obj.metadata.name ?? '';
  if (name !== '') return name;
  const millis = startedAt === undefined ? Number.NaN : Date.parse(startedAt);
  if (Number.isNaN(millis)) return undefined;
  const short = revision.length >= 8 ? revision.slice(0, 7) : revision;
  const postfix = `${short}-${phase}-${Math.floor(millis / 1000)}`.toLowerCase();
  return `${obj.metadata.generateName ?? ''}${postfix}`;
}
