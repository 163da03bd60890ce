// Server-side diff (Argo CD 2.10+ `ServerSideDiff=true`): compare the live object with what a server-side
// apply dry run of the desired object returned, instead of predicting the apply locally.
import type { UnstructuredObject } from '@driftless/api';
import { changedPaths, mergePatch } from './changes.js';
import type { DiffInput, DiffResult } from './diff-resource.js';
import { rulesFor } from './diff-resource.js';
import { isSecretObject, toJson } from './diff-target.js';
import { applyIgnoreRules } from './ignore-differences.js';
import { ignoresStatus } from './ignore-status.js';
import { deepEqual } from './json-value.js';
import type { JsonObject } from './json-value.js';
import { foldStringData, stripServerFields } from './normalize.js';
import { maskSecretData } from './secret-mask.js';
import { removeWebhookMutations } from './webhook-mutation.js';

/** The field manager Argo CD applies (and dry-runs) as: gitops-engine's `common.ArgoCDSSAManager`. */
export const ARGOCD_SSA_MANAGER = 'argocd-controller';

/** One resource to compare server-side. */
export interface ServerSideDiffInput extends Pick<DiffInput, 'ignoreDifferences' | 'systemIgnoreDifferences' | 'ignoreResourceStatusField'> {
  /** The object a server-side apply dry run of the desired object (as {@link ARGOCD_SSA_MANAGER}) returned. */
  predictedLive: UnstructuredObject;
  live: UnstructuredObject;
  /**
   * Drop changes of mutating webhooks: only the fields the dry run's `managedFields` give to `manager` are
   * taken from the dry run, everything else from live (the Application annotation
   * `argocd.argoproj.io/compare-options: IncludeMutationWebhook=true` turns this off).
   * @defaultValue true
   */
  ignoreMutationWebhook?: boolean;
  /** @defaultValue {@link ARGOCD_SSA_MANAGER} */
  manager?: string;
}

/**
 * Compares `live` with the dry-run result as gitops-engine's `serverSideDiff` does: webhook mutations are
 * removed from the prediction (see `ignoreMutationWebhook`), both sides lose `managedFields` and the other
 * server bookkeeping (uid, resourceVersion, generation, creationTimestamp, selfLink), the tracking and
 * last-applied annotations, `status` per `ignoreResourceStatusField`, and every ignoreDifferences field;
 * then everything left is compared (no three-way prediction: the server already merged). Secret values are
 * masked in the result. Rejects with InvalidInputError when a jq path expression is invalid.
 */
export async function serverSideDiff(input: ServerSideDiffInput): Promise<DiffResult> {
  const live = toJson(input.live);
  const dryRun = toJson(input.predictedLive);
  const manager = input.manager ?? ARGOCD_SSA_MANAGER;
  const predicted = input.ignoreMutationWebhook === false ? dryRun : removeWebhookMutations(dryRun, live, manager);
  const isSecret = isSecretObject(live);
  const dropStatus = ignoresStatus(input.ignoreResourceStatusField, live);
  for (const obj of [predicted, live]) {
    stripServerFields(obj);
    if (isSecret) foldStringData(obj);
    if (dropStatus) delete obj['status'];
  }
  const rules = rulesFor({ ...input, live: input.live }, live);
  const managedFields = input.live.metadata.managedFields ?? [];
  const [normalizedLive, predictedLive] = (await Promise.all([live, predicted].map((obj) => applyIgnoreRules(obj, rules, managedFields)))) as [JsonObject, JsonObject];
  const modified = !deepEqual(normalizedLive, predictedLive);
  if (isSecret) maskSecretData(normalizedLive, predictedLive);
  const paths = changedPaths(normalizedLive, predictedLive);
  return { modified, normalizedLive, predictedLive, changedPaths: paths, ...(modified ? { patch: mergePatch(normalizedLive, predictedLive) } : {}) };
}
