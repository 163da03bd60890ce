// The API-server semantics the controller tests rely on, in memory: uids, resourceVersions,
// generation, the status subresource, optimistic concurrency, graceful pod deletion and background GC.
import { cloneJson } from '../../model/json.js';
import type { KubeObject } from '../../model/kube-object.js';
import type { ResourceType } from '../controller.js';
import { objectAt, objectsAt } from '../json-fields.js';
import { isBeingDeleted, labelsOf, namespaceOf, toKubeTime, uidOf } from '../object-meta.js';
import { isPodTerminal } from '../pod-state.js';
import { semanticEqual } from '../template-hash.js';

/** One write that changed the store. */
export interface WriteRecord {
  /** `terminate` is the start of a graceful deletion (deletionTimestamp set); `delete` is removal. */
  readonly verb: 'create' | 'update' | 'updateStatus' | 'terminate' | 'delete';
  readonly resource: string;
  readonly namespace: string | undefined;
  readonly name: string;
  /** Controller name, 'user' for writes made by the test, 'garbage-collector' for cascades. */
  readonly by: string;
}

/** The result of a write: applied (possibly as a no-op), or refused with the server's reason. */
export type Outcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const GENERATION_RESOURCES = new Set(['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'controllerrevisions']);

/** `group/resource`, the identity of a resource type here. */
export function typeKey(type: ResourceType): string {
  return `${type.group}/${type.resource}`;
}

function storeKey(type: ResourceType, namespace: string | undefined, name: string): string {
  return `${typeKey(type)}|${namespace ?? ''}|${name}`;
}

/**
 * An in-memory object store. Reads return deep copies. Every effective write calls `onChange` with the
 * stored object (for deletions, its last state); writes that change nothing are counted, not stored.
 */
export class FakeStore {
  private readonly objects = new Map<string, { type: ResourceType; object: KubeObject }>();
  private revision = 0;
  private uids = 0;
  /** Writes that changed nothing (wasteful but harmless; tests may assert there are none). */
  noopWrites = 0;

  constructor(
    private readonly clock: () => number,
    private readonly onChange: (type: ResourceType, object: KubeObject, write: WriteRecord) => void,
  ) {}

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const entry = this.objects.get(storeKey(type, namespace, name));
    return entry === undefined ? undefined : cloneJson(entry.object);
  }

  list(type: ResourceType, namespace?: string, matchLabels?: Readonly<Record<string, string>>): KubeObject[] {
    const result: KubeObject[] = [];
    for (const entry of this.objects.values()) {
      if (typeKey(entry.type) !== typeKey(type)) continue;
      if (namespace !== undefined && namespaceOf(entry.object) !== namespace) continue;
      const labels = labelsOf(entry.object);
      if (matchLabels !== undefined && !Object.entries(matchLabels).every(([k, v]) => labels[k] === v)) continue;
      result.push(cloneJson(entry.object));
    }
    return result.sort((a, b) => `${namespaceOf(a) ?? ''}/${a.metadata.name}`.localeCompare(`${namespaceOf(b) ?? ''}/${b.metadata.name}`));
  }

  /** POST: refuses existing names and preset resourceVersions; assigns uid, timestamps, generation. */
  create(type: ResourceType, object: KubeObject, by: string): Outcome {
    if (this.objects.has(storeKey(type, namespaceOf(object), object.metadata.name))) return { ok: false, reason: `${type.resource} "${object.metadata.name}" already exists` };
    if (object.metadata['resourceVersion'] !== undefined) return { ok: false, reason: 'resourceVersion should not be set on objects to be created' };
    this.uids += 1;
    object.metadata['uid'] = `00000000-0000-4000-8000-${String(this.uids).padStart(12, '0')}`;
    object.metadata['creationTimestamp'] = toKubeTime(this.clock());
    if (GENERATION_RESOURCES.has(type.resource)) object.metadata['generation'] = 1;
    this.store(type, object, 'create', by);
    return { ok: true };
  }

  /** PUT: keeps status and server-owned metadata; bumps generation on spec (Deployment: annotation) changes. */
  update(type: ResourceType, object: KubeObject, by: string): Outcome {
    const found = this.existing(type, object);
    if (!found.ok) return found;
    const { old } = found;
    const next: KubeObject = { ...object, metadata: { ...object.metadata, uid: old.metadata['uid'] ?? '', creationTimestamp: old.metadata['creationTimestamp'] ?? null } };
    if (old['status'] !== undefined) next['status'] = old['status'];
    else delete next['status'];
    if (old.metadata['deletionTimestamp'] !== undefined) next.metadata['deletionTimestamp'] = old.metadata['deletionTimestamp'];
    if (GENERATION_RESOURCES.has(type.resource)) {
      const specChanged = !semanticEqual(objectAt(old, 'spec'), objectAt(next, 'spec'));
      const annotationsChanged = type.resource === 'deployments' && !semanticEqual(objectAt(old, 'metadata', 'annotations'), objectAt(next, 'metadata', 'annotations'));
      const generation = Number(old.metadata['generation'] ?? 1);
      next.metadata['generation'] = specChanged || annotationsChanged ? generation + 1 : generation;
    }
    return this.commit(type, old, next, 'update', by);
  }

  /** PUT …/status: only status changes (Deployments also take annotations, as upstream's strategy). */
  updateStatus(type: ResourceType, object: KubeObject, by: string): Outcome {
    const found = this.existing(type, object);
    if (!found.ok) return found;
    const next = cloneJson(found.old);
    next['status'] = object['status'] ?? {};
    if (type.resource === 'deployments') next.metadata['annotations'] = object.metadata['annotations'] ?? {};
    return this.commit(type, found.old, next, 'updateStatus', by);
  }

  /**
   * DELETE: running pods and objects with finalizers get a deletionTimestamp (30 s grace for pods);
   * a second delete of a terminating object without finalizers removes it; removal cascades to
   * dependents by owner uid (background propagation). Missing objects are not an error.
   */
  delete(type: ResourceType, namespace: string | undefined, name: string, by: string): Outcome {
    const entry = this.objects.get(storeKey(type, namespace, name));
    if (entry === undefined) return { ok: true };
    const object = cloneJson(entry.object);
    const finalizers = Array.isArray(object.metadata['finalizers']) ? object.metadata['finalizers'].length : 0;
    const graceful = type.resource === 'pods' && typeof objectAt(object, 'spec')?.['nodeName'] === 'string' && !isPodTerminal(object);
    if (isBeingDeleted(object)) return finalizers > 0 ? { ok: true } : this.removeNow(type, object, by);
    if (!graceful && finalizers === 0) return this.removeNow(type, object, by);
    object.metadata['deletionTimestamp'] = toKubeTime(this.clock() + (graceful ? 30_000 : 0));
    if (graceful) object.metadata['deletionGracePeriodSeconds'] = 30;
    this.store(type, object, 'terminate', by);
    return { ok: true };
  }

  private existing(type: ResourceType, object: KubeObject): { readonly ok: true; readonly old: KubeObject } | { readonly ok: false; readonly reason: string } {
    const entry = this.objects.get(storeKey(type, namespaceOf(object), object.metadata.name));
    if (entry === undefined) return { ok: false, reason: `${type.resource} "${object.metadata.name}" not found` };
    const rv = object.metadata['resourceVersion'];
    if (rv !== undefined && rv !== entry.object.metadata['resourceVersion']) {
      return { ok: false, reason: `Operation cannot be fulfilled on ${type.resource} "${object.metadata.name}": the object has been modified` };
    }
    return { ok: true, old: entry.object };
  }

  private commit(type: ResourceType, old: KubeObject, next: KubeObject, verb: 'update' | 'updateStatus', by: string): Outcome {
    next.metadata['resourceVersion'] = old.metadata['resourceVersion'] ?? '';
    if (semanticEqual(old, next)) {
      this.noopWrites += 1;
      return { ok: true };
    }
    this.store(type, next, verb, by);
    return { ok: true };
  }

  private store(type: ResourceType, object: KubeObject, verb: WriteRecord['verb'], by: string): void {
    this.revision += 1;
    object.metadata['resourceVersion'] = String(this.revision);
    this.objects.set(storeKey(type, namespaceOf(object), object.metadata.name), { type, object });
    this.onChange(type, object, { verb, resource: type.resource, namespace: namespaceOf(object), name: object.metadata.name, by });
  }

  private removeNow(type: ResourceType, object: KubeObject, by: string): Outcome {
    this.objects.delete(storeKey(type, namespaceOf(object), object.metadata.name));
    this.onChange(type, object, { verb: 'delete', resource: type.resource, namespace: namespaceOf(object), name: object.metadata.name, by });
    const uid = uidOf(object);
    for (const entry of [...this.objects.values()]) {
      const owned = objectsAt(entry.object, 'metadata', 'ownerReferences').some((ref) => ref['uid'] === uid);
      if (owned) this.delete(entry.type, namespaceOf(entry.object), entry.object.metadata.name, 'garbage-collector');
    }
    return { ok: true };
  }
}
