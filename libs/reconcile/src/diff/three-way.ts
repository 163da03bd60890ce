// Predicting the live object after an apply: gitops-engine's three-way diff (with last-applied) and two-way
// diff (without), on plain JSON.

import { clone, deepEqual, isObject } from './json-value.js';
import type { JsonObject, JsonValue } from './json-value.js';

/** List element keys that strategic merge patch merges Kubernetes lists by (containers, env, ports, mounts). */
const MERGE_KEYS = ['name', 'containerPort', 'port', 'mountPath', 'devicePath', 'ip'];

/**
 * The live object as an apply of `config` would leave it, given the previously applied `orig`:
 * - a field in `config` takes the config value (maps merge recursively; lists of keyed objects merge by
 *   key as strategic merge patch does; other lists are replaced);
 * - a field in `orig` but not in `config` was removed by the user and is deleted;
 * - a field only in `live` was set by the server (a default) and is kept.
 * Example: orig `{replicas: 3}`, config `{}`, live `{replicas: 3, revisionHistoryLimit: 10}` →
 * `{revisionHistoryLimit: 10}`.
 */
export function predictLive(orig: JsonObject, config: JsonObject, live: JsonObject): JsonObject {
  return mergeObject(orig, config, live);
}

function merge(orig: JsonValue | undefined, config: JsonValue, live: JsonValue | undefined): JsonValue {
  if (isObject(config) && isObject(live)) return mergeObject(isObject(orig) ? orig : undefined, config, live);
  if (Array.isArray(config) && Array.isArray(live)) return mergeList(Array.isArray(orig) ? orig : undefined, config, live);
  return clone(config);
}

function mergeObject(orig: JsonObject | undefined, config: JsonObject, live: JsonObject): JsonObject {
  const result = clone(live);
  for (const [key, value] of Object.entries(config)) {
    if (value === null) delete result[key];
    else result[key] = merge(orig?.[key], value, live[key]);
  }
  for (const key of Object.keys(orig ?? {})) if (!(key in config)) delete result[key];
  return result;
}

function mergeList(orig: JsonValue[] | undefined, config: JsonValue[], live: JsonValue[]): JsonValue[] {
  const mergeKey = mergeKeyOf(config);
  // No key to merge by: the list is atomic and config replaces it.
  if (mergeKey === undefined) return clone(config);
  const find = (list: readonly JsonValue[] | undefined, id: JsonValue | undefined) => list?.find((item) => isObject(item) && item[mergeKey] === id);
  const ids = config.map((item) => (isObject(item) ? item[mergeKey] : undefined));
  const result = config.map((item, i) => {
    const liveItem = find(live, ids[i]);
    return liveItem === undefined ? clone(item) : merge(find(orig, ids[i]), item, liveItem);
  });
  // Items only live and never applied were added by someone else; strategic merge keeps them.
  for (const item of live) {
    const id = isObject(item) ? item[mergeKey] : undefined;
    if (!ids.some((known) => deepEqual(known, id)) && find(orig, id) === undefined) result.push(clone(item));
  }
  return result;
}

function mergeKeyOf(list: readonly JsonValue[]): string | undefined {
  if (list.length === 0) return undefined;
  return MERGE_KEYS.find((key) => {
    const ids = list.map((item) => (isObject(item) ? item[key] : undefined));
    const scalar = ids.every((id) => typeof id === 'string' || typeof id === 'number');
    return scalar && new Set(ids).size === ids.length;
  });
}

/**
 * gitops-engine's `RemoveMapFields` for the two-way diff: the parts of `live` that `config` mentions. Maps
 * keep only keys present in config (recursively); lists are walked by position and extra live items stay
 * so they show up as drift. Example: config `{spec: {replicas: 2}}`, live `{spec: {replicas: 3, paused:
 * false}}` → `{spec: {replicas: 3}}`.
 */
export function removeMapFields(config: JsonObject, live: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(config)) {
    const liveValue = live[key];
    if (liveValue === undefined) continue;
    result[key] = liveValue === null ? null : removeFields(value, liveValue);
  }
  return result;
}

function removeFields(config: JsonValue, live: JsonValue): JsonValue {
  if (isObject(config) && isObject(live)) return removeMapFields(config, live);
  if (Array.isArray(config) && Array.isArray(live)) {
    return live.map((item, i) => {
      const configItem = config[i];
      return configItem === undefined || item === null ? clone(item) : removeFields(configItem, item);
    });
  }
  return clone(live);
}
