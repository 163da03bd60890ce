// Which desired objects are resource hooks, and so are kept out of the comparison (gitops-engine
// `hook.IsHook`/`hook.Skip`/`ignore.Ignore`, Argo CD 3's PreDelete/PostDelete hooks).
import { ANNOTATION_HELM_HOOK, ANNOTATION_HOOK } from '@driftless/api';
import type { HookType, KubeObject } from '@driftless/api';

const ARGO_HOOK_TYPES: readonly string[] = ['PreSync', 'Sync', 'PostSync', 'SyncFail', 'Skip', 'PreDelete', 'PostDelete'];

/** Helm hooks Argo CD maps (gitops-engine `hook/helm/type.go`, Argo CD 3's `controller/hook.go` for deletion). */
export const HELM_HOOK_TYPES: Readonly<Record<string, HookType>> = {
  'pre-install': 'PreSync',
  'pre-upgrade': 'PreSync',
  'post-install': 'PostSync',
  'post-upgrade': 'PostSync',
  'pre-delete': 'PreDelete',
  'post-delete': 'PostDelete',
};

/** Helm's old marker for CRDs, which are not hooks. */
const HELM_CRD_INSTALL = 'crd-install';

/** Comma-separated annotation values, trimmed, without empties, each once (gitops-engine `GetAnnotationCSVs`). */
export function annotationCsv(obj: KubeObject, key: string): string[] {
  const raw = obj.metadata.annotations?.[key] ?? '';
  return [...new Set(raw.split(',').map((item) => item.trim()).filter((item) => item !== ''))];
}

/**
 * The hook types of an object: the valid values of `argocd.argoproj.io/hook`, or when there are none the
 * mapped values of `helm.sh/hook` (Argo's annotation wins). `Unknown,Sync` → [Sync]; `test` (Helm) → [].
 */
export function hookTypesOf(obj: KubeObject): HookType[] {
  const argo = annotationCsv(obj, ANNOTATION_HOOK).filter((value) => ARGO_HOOK_TYPES.includes(value)) as HookType[];
  if (argo.length > 0) return argo;
  return [...new Set(annotationCsv(obj, ANNOTATION_HELM_HOOK).flatMap((value) => HELM_HOOK_TYPES[value] ?? []))];
}

/**
 * `argocd.argoproj.io/hook: Skip` and no other type (gitops-engine `hook.Skip`): an ordinary resource that
 * is never applied; Argo CD lists it without sync status or health.
 */
export function isSkippedResource(obj: KubeObject): boolean {
  const types = hookTypesOf(obj);
  return types.length === 1 && types[0] === 'Skip';
}

/**
 * Whether the object is a hook (gitops-engine `hook.IsHook`): any `argocd.argoproj.io/hook` annotation but
 * a lone `Skip`, else any `helm.sh/hook` annotation but `crd-install`. Hooks are not compared: desired
 * hooks never make the application OutOfSync or Missing, and live ones carry `hook: true` in its status.
 */
export function isResourceHook(obj: KubeObject): boolean {
  const annotations = obj.metadata.annotations ?? {};
  if (annotations[ANNOTATION_HOOK] !== undefined) return !isSkippedResource(obj);
  const helm = annotations[ANNOTATION_HELM_HOOK];
  return helm !== undefined && helm !== HELM_CRD_INSTALL;
}

/**
 * A hook annotation without any valid type (`argocd.argoproj.io/hook: Bogus`, `helm.sh/hook: test`):
 * gitops-engine's `ignore.Ignore` drops such desired objects altogether, neither compared nor run.
 */
export function isIgnoredHook(obj: KubeObject): boolean {
  return isResourceHook(obj) && hookTypesOf(obj).length === 0;
}
