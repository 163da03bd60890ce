// Resource hooks as gitops-engine reads them: Argo's hook annotation first, else Helm's (mapped), their
// delete policies, `Skip`, the sync phases a hook runs in and the name a `generateName` hook receives.
import { ANNOTATION_HELM_HOOK, ANNOTATION_HELM_HOOK_DELETE_POLICY, ANNOTATION_HOOK, ANNOTATION_HOOK_DELETE_POLICY } from '@driftless/api';
import type { HookDeletePolicy, HookType, KubeObject, SyncPhase } from '@driftless/api';

const ARGO_HOOK_TYPES: readonly string[] = ['PreSync', 'Sync', 'PostSync', 'SyncFail', 'Skip', 'PreDelete', 'PostDelete'];
const DELETE_POLICIES: readonly string[] = ['HookSucceeded', 'HookFailed', 'BeforeHookCreation'];
const SYNC_PHASES: readonly SyncPhase[] = ['PreSync', 'Sync', 'PostSync', 'SyncFail'];

/** Helm hook types Argo CD understands and the hook type each maps to (gitops-engine `hook/helm/type.go`). */
export const HELM_HOOK_TYPES: Readonly<Record<string, HookType>> = {
  'pre-install': 'PreSync',
  'pre-upgrade': 'PreSync',
  'post-install': 'PostSync',
  'post-upgrade': 'PostSync',
};

/** Helm delete policies and their Argo names (gitops-engine `hook/helm/delete_policy.go`). */
export const HELM_DELETE_POLICIES: Readonly<Record<string, HookDeletePolicy>> = {
  'before-hook-creation': 'BeforeHookCreation',
  'hook-succeeded': 'HookSucceeded',
  'hook-failed': 'HookFailed',
};

/** Comma-separated annotation values, trimmed, without empties, each once (gitops-engine `GetAnnotationCSVs`). */
function csv(obj: KubeObject, key: string): string[] {
  const raw = obj.metadata.annotations?.[key] ?? '';
  return [...new Set(raw.split(',').map((item) => item.trim()).filter((item) => item !== ''))];
}

/**
 * The hook types of an object. Valid values of `argocd.argoproj.io/hook` win; only when there are none are
 * `helm.sh/hook` values mapped (`pre-install`/`pre-upgrade` → PreSync, `post-install`/`post-upgrade` →
 * PostSync; other Helm hooks such as `test` or `pre-delete` map to nothing).
 */
export function hookTypes(obj: KubeObject): HookType[] {
  const argo = csv(obj, ANNOTATION_HOOK).filter((value) => ARGO_HOOK_TYPES.includes(value)) as HookType[];
  if (argo.length > 0) return argo;
  const helm = csv(obj, ANNOTATION_HELM_HOOK).flatMap((value) => HELM_HOOK_TYPES[value] ?? []);
  return [...new Set(helm)];
}

/** `argocd.argoproj.io/hook: Skip` and nothing else: the object is never applied nor pruned. */
export function isSkipped(obj: KubeObject): boolean {
  const types = hookTypes(obj);
  return types.length === 1 && types[0] === 'Skip';
}

/**
 * Whether the object is a hook (gitops-engine `hook.IsHook`): any Argo hook annotation except a lone `Skip`,
 * or any Helm hook annotation except `crd-install` (Helm's old way of marking CRDs, which are not hooks).
 */
export function isHook(obj: KubeObject): boolean {
  const annotations = obj.metadata.annotations ?? {};
  if (annotations[ANNOTATION_HOOK] !== undefined) return !isSkipped(obj);
  const helm = annotations[ANNOTATION_HELM_HOOK];
  return helm !== undefined && helm !== 'crd-install';
}

/**
 * The sync phases an object takes part in (gitops-engine `syncPhases`): none when skipped, each of a hook's
 * phases in phase order (a hook of only PreDelete, Helm `test` and the like has none), and Sync otherwise.
 */
export function syncPhasesOf(obj: KubeObject): SyncPhase[] {
  if (isSkipped(obj)) return [];
  if (!isHook(obj)) return ['Sync'];
  const types: readonly string[] = hookTypes(obj);
  return SYNC_PHASES.filter((phase) => types.includes(phase));
}

/**
 * A hook's delete policies: Argo's annotation, then Helm's mapped, each once; `BeforeHookCreation` when
 * neither names a valid policy (gitops-engine `hook.DeletePolicies`).
 */
export function hookDeletePolicies(obj: KubeObject): HookDeletePolicy[] {
  const argo = csv(obj, ANNOTATION_HOOK_DELETE_POLICY).filter((value) => DELETE_POLICIES.includes(value)) as HookDeletePolicy[];
  const helm = csv(obj, ANNOTATION_HELM_HOOK_DELETE_POLICY).flatMap((value) => HELM_DELETE_POLICIES[value] ?? []);
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
