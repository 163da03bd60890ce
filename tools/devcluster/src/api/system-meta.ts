// The metadata the server owns: uid, timestamps, generation, and what an update may not change.
import { canonicalJson } from '../model/canonical.js';
import { cloneJson, isJsonObject } from '../model/json.js';
import type { JsonObject } from '../model/json.js';
import { metaOf } from '../model/meta.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import { formatTime } from '../runtime/clock.js';
import type { ApiDeps } from './api-context.js';

/** Which endpoint a write came through. */
export type WriteTarget = 'main' | 'status' | 'finalize';

const SERVER_OWNED = ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const;

/** Sets uid, creationTimestamp and generation on a new object; clears fields clients may not set. */
export function stampCreate(deps: ApiDeps, desc: ResourceDescriptor, obj: JsonObject): void {
  const meta = metaOf(obj);
  for (const field of [...SERVER_OWNED, 'selfLink', 'resourceVersion', 'managedFields']) delete meta[field];
  meta['uid'] = deps.newUid();
  meta['creationTimestamp'] = formatTime(deps.clock.now());
  if (desc.usesGeneration) meta['generation'] = 1;
}

/**
 * Builds the object an update stores from what the client sent: the status subresource keeps
 * the old spec and old metadata except the kind's `statusMetadata` fields (D18), the main endpoint
 * keeps the old status (when /status exists), /finalize changes only spec.finalizers; server-owned
 * metadata always comes from `old`.
 */
export function carryOver(desc: ResourceDescriptor, old: JsonObject, incoming: JsonObject, target: WriteTarget, statusMetadata: readonly string[] = []): JsonObject {
  let next: JsonObject;
  if (target === 'status') {
    next = cloneJson(old);
    if (incoming['status'] === undefined) delete next['status'];
    else next['status'] = incoming['status'];
    const meta = metaOf(next);
    const incomingMeta = isJsonObject(incoming['metadata']) ? incoming['metadata'] : {};
    for (const field of statusMetadata) {
      if (incomingMeta[field] === undefined) delete meta[field];
      else meta[field] = cloneJson(incomingMeta[field]);
    }
  } else if (target === 'finalize') {
    next = cloneJson(old);
    const spec = isJsonObject(next['spec']) ? next['spec'] : (next['spec'] = {});
    const incomingSpec = incoming['spec'];
    spec['finalizers'] = isJsonObject(incomingSpec) && Array.isArray(incomingSpec['finalizers']) ? incomingSpec['finalizers'] : [];
  } else {
    next = incoming;
    if (desc.statusSubresource) {
      if (old['status'] === undefined) delete next['status'];
      else next['status'] = cloneJson(old['status']);
    }
  }
  const meta = metaOf(next);
  const oldMeta = metaOf(old);
  for (const field of SERVER_OWNED) {
    if (oldMeta[field] === undefined) delete meta[field];
    else meta[field] = oldMeta[field];
  }
  delete meta['selfLink'];
  meta['name'] = oldMeta['name'] ?? '';
  if (oldMeta['namespace'] !== undefined) meta['namespace'] = oldMeta['namespace'];
  return next;
}

function withoutMeta(obj: JsonObject, dropStatus: boolean): string {
  const rest: JsonObject = {};
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'metadata' || (dropStatus && key === 'status')) continue;
    rest[key] = value;
  }
  return canonicalJson(rest);
}

/**
 * Bumps metadata.generation when the spec changed: every non-metadata field except status for
 * kinds with /status (custom resources without it count status too); Deployment also counts
 * annotations. Writes through /status never bump it (D17).
 */
export function bumpGeneration(desc: ResourceDescriptor, old: JsonObject, next: JsonObject, target: WriteTarget): void {
  if (!desc.usesGeneration || target !== 'main') return;
  const meta = metaOf(next);
  const current = typeof meta['generation'] === 'number' ? meta['generation'] : 1;
  let changed = withoutMeta(old, desc.statusSubresource) !== withoutMeta(next, desc.statusSubresource);
  if (desc.generationOnAnnotations) changed ||= canonicalJson(metaOf(old)['annotations'] ?? {}) !== canonicalJson(meta['annotations'] ?? {});
  meta['generation'] = changed ? current + 1 : current;
}

function volatileFree(obj: JsonObject): string {
  const meta = isJsonObject(obj['metadata']) ? obj['metadata'] : {};
  const { resourceVersion: _rv, managedFields, ...rest } = meta;
  // managedFields count, their timestamps do not (upstream's no-op detection).
  const entries = Array.isArray(managedFields) ? managedFields.map((e) => (isJsonObject(e) ? { ...e, time: null } : e)) : managedFields;
  return canonicalJson({ ...obj, metadata: entries === undefined ? rest : { ...rest, managedFields: entries } });
}

/** True when an update changes nothing but resourceVersion and managedFields times: it must not be written. */
export function sameContent(old: JsonObject, next: JsonObject): boolean {
  return volatileFree(old) === volatileFree(next);
}
