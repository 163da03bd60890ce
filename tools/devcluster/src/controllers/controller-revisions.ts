// ControllerRevisions: the template history of StatefulSets and DaemonSets (controller/history),
// used for revision hashes on pods, partitioned rollouts, and `kubectl rollout undo`.
import { cloneJson } from '../model/json.js';
import type { JsonObject } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import type { ControllerAction } from './controller.js';
import { numberAt, objectAt, stringMapAt } from './json-fields.js';
import { namespaceOf, newControllerRef } from './object-meta.js';
import { CONTROLLER_REVISIONS } from './resource-types.js';
import { computeHash, semanticEqual } from './template-hash.js';

/** Label on pods and revisions naming the template revision they come from. */
export const CONTROLLER_REVISION_HASH = 'controller-revision-hash';

/** The revision to roll out, the writes that record it, and its hash. */
export interface RevisionSync {
  /** The ControllerRevision of the current template (possibly just being created). */
  readonly update: KubeObject;
  /** Its hash (the name is `<owner>-<hash>`). */
  readonly hash: string;
  readonly actions: ControllerAction[];
}

/** What a revision stores: a strategic-merge patch replacing the whole pod template. */
function revisionData(template: JsonObject | undefined): JsonObject {
  return { spec: { template: { ...cloneJson(template ?? {}), $patch: 'replace' } } };
}

/** The pod template a revision recorded, undefined for revisions in another shape. */
export function templateOf(revision: KubeObject | undefined): JsonObject | undefined {
  const template = objectAt(revision, 'data', 'spec', 'template');
  if (template === undefined) return undefined;
  const copy = cloneJson(template);
  delete copy['$patch'];
  return copy;
}

/** revision (number) of a ControllerRevision. */
function revisionNumber(revision: KubeObject): number {
  return numberAt(revision, 'revision') ?? 0;
}

/**
 * Finds or records the revision of `owner`'s current template. A revision with equal data is reused and,
 * if it is not the newest, renumbered max + 1 (a rollback); otherwise `<owner>-<hash>` is created as
 * max + 1. Example: revisions 1 (image a) and 2 (image b), template back to a → revision 1 becomes 3.
 */
export function syncRevisions(owner: KubeObject, revisions: readonly KubeObject[]): RevisionSync {
  const data = revisionData(objectAt(owner, 'spec', 'template'));
  const hash = computeHash(data, numberAt(owner, 'status', 'collisionCount'));
  const max = Math.max(0, ...revisions.map(revisionNumber));
  const equal = revisions.find((r) => semanticEqual(r['data'], data));
  if (equal !== undefined) {
    if (revisionNumber(equal) === max) return { update: equal, hash: revisionHash(equal, hash), actions: [] };
    const renumbered = { ...equal, revision: max + 1 };
    return { update: renumbered, hash: revisionHash(equal, hash), actions: [{ type: 'update', resource: CONTROLLER_REVISIONS, object: renumbered }] };
  }
  const labels = { ...stringMapAt(owner, 'spec', 'template', 'metadata', 'labels'), [CONTROLLER_REVISION_HASH]: hash };
  const metadata: KubeObject['metadata'] = { name: `${owner.metadata.name}-${hash}`, labels, ownerReferences: [newControllerRef(owner)] };
  const namespace = namespaceOf(owner);
  if (namespace !== undefined) metadata['namespace'] = namespace;
  const created: KubeObject = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata, data, revision: max + 1 };
  return { update: created, hash, actions: [{ type: 'create', resource: CONTROLLER_REVISIONS, object: created }] };
}

function revisionHash(revision: KubeObject, fallback: string): string {
  return stringMapAt(revision, 'metadata', 'labels')[CONTROLLER_REVISION_HASH] ?? fallback;
}

/**
 * Deletes the oldest revisions beyond `limit` (revisionHistoryLimit, default 10) that no live pod or
 * status field still names (`live` holds revision names).
 */
export function trimRevisions(revisions: readonly KubeObject[], live: ReadonlySet<string>, limit: number): ControllerAction[] {
  const dead = revisions.filter((r) => !live.has(r.metadata.name)).sort((a, b) => revisionNumber(a) - revisionNumber(b));
  const excess = dead.length - limit;
  return dead.slice(0, Math.max(excess, 0)).map((r) => ({ type: 'delete', resource: CONTROLLER_REVISIONS, namespace: namespaceOf(r), name: r.metadata.name }));
}
