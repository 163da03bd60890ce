// Diffing one resource as Argo CD does: normalise, drop ignored fields, predict the live object after an
// apply (three-way with last-applied, two-way without), compare, then mask Secret values in the output.

import type { OverrideIgnoreDiff, ResourceIgnoreDifferences, UnstructuredObject } from '@driftless/api';
import { changedPaths, mergePatch } from './changes.js';
import { isSecretObject, targetOf, toJson } from './diff-target.js';
import { applyIgnoreRules, ignoreRulesFor } from './ignore-differences.js';
import type { IgnoreRules } from './ignore-differences.js';
import { CRD_PRESERVE_UNKNOWN_FIELDS, ignoresStatus, isCrd } from './ignore-status.js';
import type { IgnoreStatusMode } from './ignore-status.js';
import { deepEqual, isObject } from './json-value.js';
import type { JsonObject } from './json-value.js';
import { ANNOTATION_LAST_APPLIED, alignQuantities, foldStringData, prepareManifest, stripServerFields } from './normalize.js';
import { maskSecretData } from './secret-mask.js';
import { predictLive, removeMapFields } from './three-way.js';

export type { IgnoreStatusMode };

/** One resource to compare. */
export interface DiffInput {
  /** The desired object; absent when the live object is no longer desired. */
  config?: UnstructuredObject | null;
  /** The live object; absent when it does not exist yet. */
  live?: UnstructuredObject | null;
  /** The application's `spec.ignoreDifferences`; entries that do not match this resource are skipped. */
  ignoreDifferences?: readonly ResourceIgnoreDifferences[];
  /** System-wide rules keyed `group/Kind`, `Kind` (core group) or `*\/*` (`resource.customizations.ignoreDifferences.*`). */
  systemIgnoreDifferences?: Readonly<Record<string, OverrideIgnoreDiff>>;
  /**
   * `ignoreResourceStatusField`: `all` ignores every `status`; `crd` only that of CustomResourceDefinition
   * objects (and their `/spec/preserveUnknownFields`); `none` compares status. @defaultValue `all` (Argo CD 3)
   */
  ignoreResourceStatusField?: IgnoreStatusMode;
}

/** The outcome of {@link diffResource}. Secret `data` values are masked in every object and path it returns. */
export interface DiffResult {
  /** Whether applying the config would change the live object (after normalisation and ignore rules). */
  modified: boolean;
  /** The live object as compared; `null` when there is none. */
  normalizedLive: JsonObject | null;
  /** The live object as an apply of the config would leave it; `null` when nothing is desired. */
  predictedLive: JsonObject | null;
  /** RFC 7386 merge patch from `normalizedLive` to `predictedLive`; present when both exist and differ. */
  patch?: JsonObject;
  /** Dotted paths that differ between `normalizedLive` and `predictedLive`, sorted. */
  changedPaths: string[];
}

/**
 * Compares a desired object with its live counterpart with Argo CD's semantics:
 * - with `kubectl.kubernetes.io/last-applied-configuration` on the live object, three-way: fields only the
 *   server set are not drift, fields the user removed from the config are (see `predictLive`);
 * - without it, two-way: only fields the config mentions are compared;
 * - server-set metadata, the tracking and last-applied annotations, `metadata.namespace` of the config and
 *   (per `ignoreResourceStatusField`) `status` never count; equal quantities compare equal;
 * - ignoreDifferences rules are removed from config, live and last-applied alike;
 * - Secret `stringData` is folded into `data` first, and `data` values are masked in the result.
 * A missing live object is always `modified`; a missing config never is (pruning decides that).
 * Rejects with InvalidInputError when a jq path expression is invalid.
 */
export async function diffResource(input: DiffInput): Promise<DiffResult> {
  const config = input.config === undefined || input.config === null ? null : toJson(input.config);
  const live = input.live === undefined || input.live === null ? null : toJson(input.live);
  const isSecret = isSecretObject(config ?? live);
  if (config === null || live === null) return oneSided(config, live, isSecret);

  const managedFields = input.live?.metadata.managedFields ?? [];
  const lastApplied = parseLastApplied(live);
  const objects = lastApplied === undefined ? [config, live] : [config, live, lastApplied];
  const dropStatus = ignoresStatus(input.ignoreResourceStatusField, live);
  for (const obj of objects) normalise(obj, obj !== live, isSecret, dropStatus);

  const rules = rulesFor(input, live);
  const [cfg, liv, orig] = await Promise.all(objects.map((obj) => applyIgnoreRules(obj, rules, managedFields))) as [JsonObject, JsonObject, JsonObject?];
  alignQuantities(cfg, liv);

  const predictedLive = orig === undefined ? cfg : predictLive(orig, cfg, liv);
  const normalizedLive = orig === undefined ? removeMapFields(cfg, liv) : liv;
  const modified = !deepEqual(normalizedLive, predictedLive);
  if (isSecret) maskSecretData(normalizedLive, predictedLive);
  const paths = changedPaths(normalizedLive, predictedLive);
  return { modified, normalizedLive, predictedLive, changedPaths: paths, ...(modified ? { patch: mergePatch(normalizedLive, predictedLive) } : {}) };
}

function oneSided(config: JsonObject | null, live: JsonObject | null, isSecret: boolean): DiffResult {
  for (const obj of [config, live]) {
    if (obj === null) continue;
    stripServerFields(obj);
    if (isSecret) foldStringData(obj);
  }
  if (isSecret) maskSecretData(live, config);
  return { modified: live === null && config !== null, normalizedLive: live, predictedLive: config, changedPaths: [] };
}

function normalise(obj: JsonObject, isManifest: boolean, isSecret: boolean, dropStatus: boolean): void {
  if (isManifest) prepareManifest(obj);
  else stripServerFields(obj);
  if (isSecret) foldStringData(obj);
  if (dropStatus) delete obj['status'];
}

/**
 * The ignore rules for the live object: the application's and the system-wide ones, plus, in `crd` status
 * mode, a CRD's `/spec/preserveUnknownFields` (Argo CD adds that rule alongside the status one).
 */
export function rulesFor(input: Pick<DiffInput, 'live' | 'ignoreDifferences' | 'systemIgnoreDifferences' | 'ignoreResourceStatusField'>, live: JsonObject): IgnoreRules {
  const rules = ignoreRulesFor(targetOf(input.live), input.ignoreDifferences, input.systemIgnoreDifferences);
  if (input.ignoreResourceStatusField === 'crd' && isCrd(live)) rules.jsonPointers.push(CRD_PRESERVE_UNKNOWN_FIELDS);
  return rules;
}

function parseLastApplied(live: JsonObject): JsonObject | undefined {
  const metadata = live['metadata'];
  const annotations = isObject(metadata) ? metadata['annotations'] : undefined;
  const raw = isObject(annotations) ? annotations[ANNOTATION_LAST_APPLIED] : undefined;
  if (typeof raw !== 'string' || raw === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    // An unreadable annotation is treated as absent: the two-way diff is the safe fallback.
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

