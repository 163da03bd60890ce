// Normalisation before comparing: drops fields the server or Argo itself sets, folds Secret stringData into
// data and aligns equal resource quantities written differently ("1000m" vs "1").

import { ANNOTATION_TRACKING_ID } from '@driftless/api';
import { deleteAndPrune, isObject } from './json-value.js';
import type { JsonObject, JsonValue } from './json-value.js';

/** The annotation `kubectl apply` and Argo CD keep the last applied manifest in. */
export const ANNOTATION_LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink'];
const TOOL_ANNOTATIONS = [ANNOTATION_TRACKING_ID, ANNOTATION_LAST_APPLIED];

/**
 * Removes in place what never counts as drift: server-set metadata (uid, resourceVersion, generation,
 * creationTimestamp, managedFields, selfLink) and the tracking and last-applied annotations. An annotations
 * map left empty is removed too.
 */
export function stripServerFields(obj: JsonObject): void {
  const metadata = obj['metadata'];
  if (!isObject(metadata)) return;
  for (const field of SERVER_METADATA) delete metadata[field];
  for (const annotation of TOOL_ANNOTATIONS) deleteAndPrune(metadata, 'annotations', annotation);
}

/**
 * Prepares a manifest (desired object or last-applied configuration) as gitops-engine's
 * `removeNamespaceAnnotation` does: matching has placed it already, so `metadata.namespace` is dropped;
 * server fields go as in {@link stripServerFields}.
 */
export function prepareManifest(obj: JsonObject): void {
  stripServerFields(obj);
  const metadata = obj['metadata'];
  if (isObject(metadata)) delete metadata['namespace'];
}

/**
 * Folds a Secret's `stringData` into `data` in place, base64-encoding each value (stringData wins, as on
 * the API server). Example: `stringData: {a: x}` → `data: {a: eA==}`.
 */
export function foldStringData(secret: JsonObject): void {
  const stringData = secret['stringData'];
  if (!isObject(stringData)) return;
  const data = isObject(secret['data']) ? secret['data'] : {};
  for (const [key, value] of Object.entries(stringData)) {
    data[key] = Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64');
  }
  secret['data'] = data;
  delete secret['stringData'];
}

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;
const SUFFIX: Record<string, number> = {
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The value of a Kubernetes quantity (`500m` → 0.5, `1Gi` → 1073741824), or `undefined` if it is not one. */
export function parseQuantity(value: JsonValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value.trim());
  if (match === null) return undefined;
  const [, digits = '', suffix = ''] = match;
  const multiplier = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX[suffix];
  return multiplier === undefined ? undefined : Number(digits) * multiplier;
}

function sameQuantity(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  if (x === undefined || y === undefined) return false;
  return Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y), 1);
}

/**
 * Rewrites, in place, every quantity under a `resources.limits` / `resources.requests` map of `config` that
 * equals the live one into the live spelling, so `cpu: 1000m` against a live `cpu: "1"` is not drift.
 * Lists are walked pairwise by position or by `name`.
 */
export function alignQuantities(config: JsonValue, live: JsonValue | undefined, path: readonly string[] = []): void {
  if (Array.isArray(config) && Array.isArray(live)) {
    config.forEach((item, i) => alignQuantities(item, matchingItem(item, live, i), path));
    return;
  }
  if (!isObject(config) || !isObject(live)) return;
  const inQuantities = path.length >= 2 && path[path.length - 2] === 'resources' && ['limits', 'requests'].includes(path[path.length - 1] ?? '');
  for (const [key, value] of Object.entries(config)) {
    const liveValue = live[key];
    if (inQuantities && liveValue !== undefined && value !== liveValue && sameQuantity(value, liveValue)) config[key] = liveValue;
    else alignQuantities(value, liveValue, [...path, key]);
  }
}

function matchingItem(item: JsonValue, live: JsonValue[], index: number): JsonValue | undefined {
  if (isObject(item) && typeof item['name'] === 'string') return live.find((l) => isObject(l) && l['name'] === item['name']);
  return live[index];
}
