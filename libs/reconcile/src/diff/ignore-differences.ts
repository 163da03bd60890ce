// ignoreDifferences: which rules apply to a resource (per application and system-wide) and removing the
// fields they name, by JSON pointer, jq path expression or field manager.

import { InvalidInputError } from '@driftless/api';
import type { ManagedFieldsEntry, OverrideIgnoreDiff, ResourceIgnoreDifferences } from '@driftless/api';
import { json as jq } from 'jq-wasm';
import { isObject } from './json-value.js';
import type { JsonObject, JsonValue } from './json-value.js';
import { fieldSetsOf, removeOwnedFields } from './managed-fields.js';

/** The fields to leave out of one resource's comparison, merged from every matching rule. */
export interface IgnoreRules {
  jsonPointers: string[];
  jqPathExpressions: string[];
  managedFieldsManagers: string[];
}

/** The resource a rule is matched against. `group` is `''` for the core group. */
export interface IgnoreTarget {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/**
 * Collects the rules for `target`: application rules whose group and kind match (globs with `*`; an
 * absent group means the core group) and whose name/namespace, when given, are equal; plus system-wide
 * rules from `resource.customizations.ignoreDifferences.*`, keyed `group/Kind`, `Kind` (core) or `*\/*`.
 */
export function ignoreRulesFor(
  target: IgnoreTarget,
  appRules: readonly ResourceIgnoreDifferences[] = [],
  systemRules: Readonly<Record<string, OverrideIgnoreDiff>> = {},
): IgnoreRules {
  const rules: IgnoreRules = { jsonPointers: [], jqPathExpressions: [], managedFieldsManagers: [] };
  const add = (rule: OverrideIgnoreDiff) => {
    rules.jsonPointers.push(...(rule.jsonPointers ?? []));
    rules.jqPathExpressions.push(...(rule.jqPathExpressions ?? []));
    rules.managedFieldsManagers.push(...(rule.managedFieldsManagers ?? []));
  };
  for (const [key, rule] of Object.entries(systemRules)) {
    const slash = key.lastIndexOf('/');
    const group = slash === -1 ? '' : key.slice(0, slash);
    if (glob(group, target.group) && glob(key.slice(slash + 1), target.kind)) add(rule);
  }
  for (const rule of appRules) {
    if (!glob(rule.group ?? '', target.group) || !glob(rule.kind, target.kind)) continue;
    if (rule.name !== undefined && rule.name !== '' && rule.name !== target.name) continue;
    if (rule.namespace !== undefined && rule.namespace !== '' && rule.namespace !== target.namespace) continue;
    add(rule);
  }
  return rules;
}

/** Whether `rules` ignore nothing. */
export function isEmptyRules(rules: IgnoreRules): boolean {
  return rules.jsonPointers.length + rules.jqPathExpressions.length + rules.managedFieldsManagers.length === 0;
}

/**
 * Returns `obj` without the ignored fields. Pointers and jq paths that match nothing change nothing.
 * `managedFields` are the live object's (the desired object has none). Throws InvalidInputError for a jq
 * expression jq cannot compile or run.
 */
export async function applyIgnoreRules(obj: JsonObject, rules: IgnoreRules, managedFields?: readonly ManagedFieldsEntry[]): Promise<JsonObject> {
  let result = structuredClone(obj);
  for (const pointer of rules.jsonPointers) removePointer(result, pointer);
  for (const fields of fieldSetsOf(managedFields, rules.managedFieldsManagers)) removeOwnedFields(result, fields);
  for (const expression of rules.jqPathExpressions) result = await deleteJqPath(result, expression);
  return result;
}

/** Removes the value an RFC 6901 pointer names, if present (`/metadata/labels/app.kubernetes.io~1name`). */
export function removePointer(obj: JsonObject, pointer: string): void {
  if (!pointer.startsWith('/')) return;
  const segments = pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = segments.pop();
  if (last === undefined) return;
  let node: JsonValue | undefined = obj;
  for (const segment of segments) node = step(node, segment);
  if (isObject(node)) delete node[last];
  else if (Array.isArray(node) && /^\d+$/.test(last)) node.splice(Number(last), 1);
}

function step(node: JsonValue | undefined, segment: string): JsonValue | undefined {
  if (isObject(node)) return node[segment];
  if (Array.isArray(node) && /^\d+$/.test(segment)) return node[Number(segment)];
  return undefined;
}

async function deleteJqPath(obj: JsonObject, expression: string): Promise<JsonObject> {
  // jq-wasm's Emscripten runtime records jq's exit status in process.exitCode; a bad user expression
  // must not turn into the exit status of the whole process.
  const exitCode = process.exitCode;
  try {
    const result = await jq(obj, `del(${expression})`);
    if (!isObject(result)) throw new Error('the result is not a single object');
    return result as JsonObject;
  } catch (cause) {
    throw new InvalidInputError(`ignoreDifferences jq path expression "${expression}" failed`, { cause });
  } finally {
    process.exitCode = exitCode;
  }
}

function glob(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`).test(value);
}
