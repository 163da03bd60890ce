// Metadata helpers shared by the controllers: labels, ownership, generation, RFC 3339 timestamps.
import type { JsonObject } from '../model/json.js';
import type { KubeObject, OwnerReference } from '../model/kube-object.js';
import { numberAt, objectsAt, stringAt, stringMapAt } from './json-fields.js';

/** The object's labels (empty when none). */
export function labelsOf(object: JsonObject): Record<string, string> {
  return stringMapAt(object, 'metadata', 'labels');
}

/** The object's annotations (empty when none). */
export function annotationsOf(object: JsonObject): Record<string, string> {
  return stringMapAt(object, 'metadata', 'annotations');
}

/** The object's uid ('' before the server assigned one). */
export function uidOf(object: KubeObject): string {
  return stringAt(object, 'metadata', 'uid') ?? '';
}

/** The object's namespace, undefined for cluster-scoped objects. */
export function namespaceOf(object: KubeObject): string | undefined {
  return stringAt(object, 'metadata', 'namespace');
}

/** metadata.generation, 0 when the server did not set one. */
export function generationOf(object: KubeObject): number {
  return numberAt(object, 'metadata', 'generation') ?? 0;
}

/** True once deletion has begun (metadata.deletionTimestamp is set). */
export function isBeingDeleted(object: KubeObject): boolean {
  return stringAt(object, 'metadata', 'deletionTimestamp') !== undefined;
}

/** The ownerReference with controller: true, if any. */
export function controllerRefOf(object: KubeObject): OwnerReference | undefined {
  for (const ref of objectsAt(object, 'metadata', 'ownerReferences')) {
    const { apiVersion, kind, name, uid } = ref;
    if (ref['controller'] !== true) continue;
    if (typeof apiVersion === 'string' && typeof kind === 'string' && typeof name === 'string' && typeof uid === 'string') {
      return { ...ref, apiVersion, kind, name, uid };
    }
  }
  return undefined;
}

/** True when `object`'s controller reference points at `owner` by uid (names can be reused, uids not). */
export function isControlledBy(object: KubeObject, owner: KubeObject): boolean {
  const ref = controllerRefOf(object);
  return ref !== undefined && ref.uid === uidOf(owner) && ref.uid !== '';
}

/** The controller reference a controller puts on what it creates (metav1.NewControllerRef). */
export function newControllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: uidOf(owner),
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * A metav1.Time string: RFC 3339 in UTC with whole seconds, as the API server serialises it.
 * Example: 2024-05-01T10:00:00.750Z → "2024-05-01T10:00:00Z".
 */
export function toKubeTime(at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Milliseconds since the epoch for a timestamp string, undefined when absent or unparseable. */
export function parseKubeTime(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** metadata.creationTimestamp in ms (0 when absent, so objects without one sort first). */
export function createdAtMs(object: KubeObject): number {
  return parseKubeTime(stringAt(object, 'metadata', 'creationTimestamp')) ?? 0;
}

/** Orders objects oldest first, by creation time then name (controller.ByCreationTimestamp). */
export function byCreation(a: KubeObject, b: KubeObject): number {
  return createdAtMs(a) - createdAtMs(b) || a.metadata.name.localeCompare(b.metadata.name);
}
