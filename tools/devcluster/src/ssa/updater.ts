// Ownership bookkeeping and apply merging (a single-version port of structured-merge-diff merge/update.go).
//
// Update: whoever writes takes the fields it added or changed; every other manager loses them, and
// everyone loses removed fields. Apply: the config is merged into the live object, the applier's set
// becomes exactly the config's fields, fields it applied last time and dropped now are pruned unless
// someone else owns them, and other managers' fields it changes are conflicts unless forced.
import type { JsonObject } from '../model/json.js';
import { compareObjects, excludeFields } from './compare.js';
import type { Comparison } from './compare.js';
import { FieldSet } from './field-set.js';
import type { ManagerIdentity, Managers } from './managers.js';
import { mergeObjects } from './merge-walk.js';
import { removeFields } from './remove-items.js';
import type { SchemaLookup } from './schema.js';
import { collectFieldSet, fieldSetOf } from './to-field-set.js';

/** What every operation needs to know besides the objects. */
export interface UpdaterContext {
  readonly schema: SchemaLookup;
  /** The apiVersion of the request; every manager is compared at it (no conversion here). */
  readonly apiVersion: string;
  /** Paths nobody gains or loses through this endpoint (upstream reset fields, e.g. status on the main endpoint). */
  readonly ignored: FieldSet;
  /** Paths that must survive pruning whatever the sets say (server-owned metadata). */
  readonly protectedPaths: FieldSet;
}

/** Fields other managers own and the applier would change, by manager identity key. */
export type ConflictSets = Map<string, FieldSet>;

/** Result of Apply: the merged object and managers, or the conflicts that stopped it. */
export type ApplyOutcome = { ok: true; object: JsonObject; managers: Managers } | { ok: false; conflicts: ConflictSets };

/**
 * Ownership after writing `after` over `before` as `writer` (upstream Updater.Update). Returns new
 * managers; the writer's entry holds its previous set plus what it added or changed, minus removals.
 */
export function updateManagers(before: JsonObject, after: JsonObject, managers: Managers, writer: ManagerIdentity, writerKey: string, ctx: UpdaterContext): Managers {
  const { managers: next, comparison } = settle(before, after, new Map(managers), writerKey, true, ctx);
  // forced, settle always yields managers; the check only narrows the type
  if (next === undefined) return managers;
  const previous = next.get(writerKey)?.set ?? new FieldSet();
  const set = previous.union(comparison.modified).union(comparison.added).difference(comparison.removed).recursiveDifference(ctx.ignored);
  if (set.isEmpty()) next.delete(writerKey);
  else next.set(writerKey, { identity: writer, set, apiVersion: ctx.apiVersion, time: next.get(writerKey)?.time });
  return next;
}

/** Merges `config` into `live` for `applier` (upstream Updater.Apply); see the module comment. */
export function applyConfig(live: JsonObject, config: JsonObject, managers: Managers, applier: ManagerIdentity, applierKey: string, force: boolean, ctx: UpdaterContext): ApplyOutcome {
  const next: Managers = new Map(managers);
  const merged = mergeObjects(live, config, { schema: ctx.schema, strictRight: true });
  const lastSet = next.get(applierKey)?.set;
  const set = fieldSetOf(config, ctx.schema).recursiveDifference(ctx.ignored);
  next.set(applierKey, { identity: applier, set, apiVersion: ctx.apiVersion, time: next.get(applierKey)?.time });
  const pruned = lastSet === undefined || lastSet.isEmpty() ? merged : prune(merged, next, lastSet, ctx);
  const settled = settle(live, pruned, next, applierKey, force, ctx);
  if (settled.managers === undefined) return { ok: false, conflicts: settled.conflicts };
  return { ok: true, object: pruned, managers: settled.managers };
}

/**
 * Takes fields the writer changes away from the other managers (upstream update): a field another
 * manager owns and the writer adds or modifies is a conflict; unless `force`, conflicts stop here.
 */
function settle(
  before: JsonObject,
  after: JsonObject,
  managers: Managers,
  writerKey: string,
  force: boolean,
  ctx: UpdaterContext,
): { managers: Managers | undefined; conflicts: ConflictSets; comparison: Comparison } {
  const comparison = excludeFields(compareObjects(before, after, ctx.schema), ctx.ignored);
  const changed = comparison.modified.union(comparison.added);
  const conflicts: ConflictSets = new Map();
  for (const [key, state] of managers) {
    if (key === writerKey) continue;
    const clash = state.set.intersection(changed);
    if (!clash.isEmpty()) conflicts.set(key, clash);
  }
  if (!force && conflicts.size > 0) return { managers: undefined, conflicts, comparison };
  for (const [key, state] of managers) {
    if (key === writerKey) continue;
    const kept = state.set.difference(conflicts.get(key) ?? new FieldSet()).difference(comparison.removed);
    if (kept.isEmpty()) managers.delete(key);
    else managers.set(key, { ...state, set: kept });
  }
  return { managers, conflicts, comparison };
}

/**
 * Removes what the applier owned last time and no longer applies, unless another manager (or its
 * new config) owns it (upstream prune, addBackOwnedItems, addBackDanglingItems).
 *
 * Worked example: last {.data.a, .data.b}, config {data: {a: 1}}, nobody else owns .data.b.
 * Removing last (with field parents, so .data goes whole) leaves no data; adding back everything
 * someone owns restores .data.a; of what is still missing, only paths in last are removed from the
 * merged object: .data.b. Result {data: {a: 1}}.
 */
function prune(merged: JsonObject, managers: Managers, lastSet: FieldSet, ctx: UpdaterContext): JsonObject {
  const last = lastSet.withFieldParents();
  let owned = ctx.protectedPaths;
  for (const state of managers.values()) owned = owned.union(state.set);
  owned = owned.withFieldParents();
  const setOf = (object: JsonObject): FieldSet => collectFieldSet(object, ctx.schema, false).withFieldParents();
  const mergedSet = setOf(merged);

  const withoutLast = removeFields(merged, last, ctx.schema);
  const ownedBack = removeFields(merged, mergedSet.difference(setOf(withoutLast).union(owned)), ctx.schema);
  const dangling = mergedSet.difference(setOf(ownedBack)).intersection(last);
  return removeFields(merged, dangling, ctx.schema);
}

