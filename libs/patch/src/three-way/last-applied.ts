// The kubectl.kubernetes.io/last-applied-configuration annotation: what client-side apply records
// as "the previous config" and reads back as the original of the next three-way patch.
import { cloneJson, isJsonObject } from '../json.js';
import type { JsonObject } from '../json.js';
import { encodeGoJson } from './go-json.js';

/** The annotation kubectl apply (client side) keeps the applied config in. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The desired object as kubectl apply sends it (upstream GetModifiedConfiguration): a copy of
 * `desired` whose annotation {@link LAST_APPLIED_ANNOTATION} holds `desired` itself without that
 * annotation, encoded as Go does (sorted keys, compact, trailing newline). Like kubectl, the
 * recorded config has `metadata.annotations: {}` when the object had no other annotations.
 */
export function withLastAppliedConfiguration(desired: JsonObject): { modified: JsonObject; lastApplied: string } {
  const config = cloneJson(desired);
  const metadata = isJsonObject(config['metadata']) ? config['metadata'] : {};
  const annotations = isJsonObject(metadata['annotations']) ? metadata['annotations'] : {};
  delete annotations[LAST_APPLIED_ANNOTATION];
  config['metadata'] = { ...metadata, annotations };
  const lastApplied = encodeGoJson(config);
  const modified = cloneJson(config);
  (modified['metadata'] as JsonObject)['annotations'] = { ...annotations, [LAST_APPLIED_ANNOTATION]: lastApplied };
  return { modified, lastApplied };
}

/**
 * The config recorded on a live object, parsed; `undefined` when the annotation is missing, empty
 * or not a JSON object (kubectl then diffs without deletions).
 */
export function readLastAppliedConfiguration(live: JsonObject): JsonObject | undefined {
  const metadata = live['metadata'];
  const annotations = isJsonObject(metadata) ? metadata['annotations'] : undefined;
  const text = isJsonObject(annotations) ? annotations[LAST_APPLIED_ANNOTATION] : undefined;
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed) ? (parsed as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}
