// The sync wave of an object as gitops-engine computes it (`syncwaves.Wave`): Argo's annotation, else
// Helm's hook weight, else 0.
import { ANNOTATION_HELM_HOOK_WEIGHT, ANNOTATION_SYNC_WAVE } from '@driftless/api';
import type { KubeObject } from '@driftless/api';

/** Go's `strconv.Atoi`: optional sign, decimal digits, nothing else (no spaces), in range. */
function atoi(text: string | undefined): number | undefined {
  if (text === undefined || !/^[+-]?\d+$/.test(text)) return undefined;
  const value = Number.parseInt(text, 10);
  return Number.isSafeInteger(value) ? value : undefined;
}

/**
 * The wave of an object: `argocd.argoproj.io/sync-wave` when it parses as an integer (negatives allowed),
 * else `helm.sh/hook-weight` when that does — for any object, hook or not, as gitops-engine reads it — else 0.
 */
export function waveOf(obj: KubeObject): number {
  const annotations = obj.metadata.annotations ?? {};
  return atoi(annotations[ANNOTATION_SYNC_WAVE]) ?? atoi(annotations[ANNOTATION_HELM_HOOK_WEIGHT]) ?? 0;
}
