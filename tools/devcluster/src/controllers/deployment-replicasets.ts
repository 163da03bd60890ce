// What a Deployment knows about its ReplicaSets (deployment/util): revisions and their annotations,
// template identity ignoring pod-template-hash, sizes, and the orders the rollout walks them in.
import { cloneJson } from '../model/json.js';
import type { JsonObject } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import { numberAt, objectAt, stringAt } from './json-fields.js';
import { annotationsOf, byCreation, createdAtMs, generationOf, namespaceOf, newControllerRef } from './object-meta.js';
import { computeHash, semanticEqual } from './template-hash.js';

/** Label that ties a ReplicaSet and its pods to one template of a Deployment. */
export const POD_TEMPLATE_HASH = 'pod-template-hash';
/** The rollout sequence number of a ReplicaSet (and, copied, of its Deployment). */
export const REVISION = 'deployment.kubernetes.io/revision';
/** Earlier revisions a ReplicaSet served before a rollback made it current again. */
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
/** spec.replicas of the Deployment when this ReplicaSet was last sized. */
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
/** replicas + maxSurge of the Deployment when this ReplicaSet was last sized. */
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';

const SKIPPED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);
const MAX_REVISION_HISTORY_CHARS = 2000;

/** spec.replicas of a ReplicaSet (API default 1). */
export function specReplicas(rs: KubeObject): number {
  return numberAt(rs, 'spec', 'replicas') ?? 1;
}

/** A counter from a ReplicaSet's status (0 when absent). */
export function statusCount(rs: KubeObject, field: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
  return numberAt(rs, 'status', field) ?? 0;
}

/** True when the ReplicaSet controller has seen the ReplicaSet's latest spec. */
export function isObserved(rs: KubeObject): boolean {
  return (numberAt(rs, 'status', 'observedGeneration') ?? 0) >= generationOf(rs);
}

/** The revision annotation as a number, 0 when absent or malformed. */
export function revisionOf(object: KubeObject): number {
  const value = annotationsOf(object)[REVISION];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : 0;
}

/** An integer annotation, undefined when absent or malformed. */
export function intAnnotation(rs: KubeObject, key: string): number | undefined {
  const value = annotationsOf(rs)[key];
  return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : undefined;
}

/** The sum of spec.replicas. */
export function sumSpecReplicas(replicaSets: readonly KubeObject[]): number {
  return replicaSets.reduce((sum, rs) => sum + specReplicas(rs), 0);
}

/** The sum of one status counter. */
export function sumStatus(replicaSets: readonly KubeObject[], field: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
  return replicaSets.reduce((sum, rs) => sum + statusCount(rs, field), 0);
}

/** Writable annotations of a working copy (created when missing). */
export function mutableAnnotations(object: KubeObject): JsonObject {
  const annotations = objectAt(object, 'metadata', 'annotations') ?? {};
  object.metadata['annotations'] = annotations;
  return annotations;
}

/** EqualIgnoreHash: the templates are the same apart from their pod-template-hash label. */
export function equalIgnoreHash(a: JsonObject | undefined, b: JsonObject | undefined): boolean {
  return semanticEqual(withoutHashLabel(a), withoutHashLabel(b));
}

function withoutHashLabel(template: JsonObject | undefined): JsonObject {
  const copy = cloneJson(template ?? {});
  const labels = objectAt(copy, 'metadata', 'labels');
  if (labels !== undefined) delete labels[POD_TEMPLATE_HASH];
  return copy;
}

/** The pod-template-hash of a Deployment's template for the given status.collisionCount. */
export function podTemplateHash(deployment: KubeObject): string {
  const template = objectAt(deployment, 'spec', 'template') ?? {};
  return computeHash(template, numberAt(deployment, 'status', 'collisionCount'));
}

/**
 * The ReplicaSet a Deployment creates for its current template: `<name>-<hash>`, template labels plus
 * pod-template-hash on the ReplicaSet, its selector and its template, a controller reference, and
 * spec.replicas 0 (the caller sizes it).
 */
export function newReplicaSetFor(deployment: KubeObject, hash: string): KubeObject {
  const template = cloneJson(objectAt(deployment, 'spec', 'template') ?? {});
  const templateMeta = objectAt(template, 'metadata') ?? {};
  const labels = { ...(objectAt(templateMeta, 'labels') ?? {}), [POD_TEMPLATE_HASH]: hash };
  template['metadata'] = { ...templateMeta, labels };
  const selector = cloneJson(objectAt(deployment, 'spec', 'selector') ?? {});
  selector['matchLabels'] = { ...(objectAt(selector, 'matchLabels') ?? {}), [POD_TEMPLATE_HASH]: hash };
  const metadata: KubeObject['metadata'] = { name: `${deployment.metadata.name}-${hash}`, labels: { ...labels }, ownerReferences: [newControllerRef(deployment)] };
  const namespace = namespaceOf(deployment);
  if (namespace !== undefined) metadata['namespace'] = namespace;
  const spec: JsonObject = { replicas: 0, selector, template };
  const minReadySeconds = numberAt(deployment, 'spec', 'minReadySeconds') ?? 0;
  if (minReadySeconds > 0) spec['minReadySeconds'] = minReadySeconds;
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata, spec };
}

/** SetReplicasAnnotations on a working copy; true when something changed. */
export function setReplicasAnnotations(rs: KubeObject, desired: number, max: number): boolean {
  const annotations = mutableAnnotations(rs);
  const changed = annotations[DESIRED_REPLICAS] !== String(desired) || annotations[MAX_REPLICAS] !== String(max);
  annotations[DESIRED_REPLICAS] = String(desired);
  annotations[MAX_REPLICAS] = String(max);
  return changed;
}

/**
 * SetNewReplicaSetAnnotations on a working copy: copies the Deployment's own annotations (not the
 * revision bookkeeping), raises the revision to `newRevision` if it is lower (a reused ReplicaSet keeps
 * its former revisions in revision-history), and for a ReplicaSet being created records the sizes.
 * Example: rollback to the ReplicaSet of revision 1 while revision 2 is newest → revision "3",
 * revision-history "1". Returns true when something changed.
 */
export function setNewReplicaSetAnnotations(deployment: KubeObject, rs: KubeObject, newRevision: number, exists: boolean, desired: number, max: number): boolean {
  const annotations = mutableAnnotations(rs);
  let changed = false;
  for (const [key, value] of Object.entries(annotationsOf(deployment))) {
    if (SKIPPED_ANNOTATIONS.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  const oldRevision = stringAt(annotations, REVISION);
  // A revision that is not a number is someone else's doing; kube leaves such a ReplicaSet alone.
  if (oldRevision !== undefined && oldRevision !== '' && !/^\d+$/.test(oldRevision)) return false;
  const oldNumber = oldRevision === undefined || oldRevision === '' ? 0 : Number(oldRevision);
  if (oldNumber < newRevision) {
    annotations[REVISION] = String(newRevision);
    changed = true;
    if (oldRevision !== undefined) {
      const history = stringAt(annotations, REVISION_HISTORY);
      let next = history === undefined || history === '' ? oldRevision : `${history},${oldRevision}`;
      while (next.length > MAX_REVISION_HISTORY_CHARS && next.includes(',')) next = next.slice(next.indexOf(',') + 1);
      annotations[REVISION_HISTORY] = next;
    }
  }
  if (!exists && setReplicasAnnotations(rs, desired, max)) changed = true;
  return changed;
}

/** controller.FilterActiveReplicaSets: those with spec.replicas > 0. */
export function activeReplicaSets(replicaSets: readonly KubeObject[]): KubeObject[] {
  return replicaSets.filter((rs) => specReplicas(rs) > 0);
}

/** Larger first, then newer first (ReplicaSetsBySizeNewer): scale-ups favour the newest. */
export function bySizeNewer(a: KubeObject, b: KubeObject): number {
  return specReplicas(b) - specReplicas(a) || byCreation(b, a);
}

/** Larger first, then older first (ReplicaSetsBySizeOlder): scale-downs hit the oldest. */
export function bySizeOlder(a: KubeObject, b: KubeObject): number {
  return specReplicas(b) - specReplicas(a) || byCreation(a, b);
}

/** Lowest revision first, then oldest (ReplicaSetsByRevision): history cleanup order. */
export function byRevision(a: KubeObject, b: KubeObject): number {
  return revisionOf(a) - revisionOf(b) || createdAtMs(a) - createdAtMs(b) || a.metadata.name.localeCompare(b.metadata.name);
}
