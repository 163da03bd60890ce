// One Deployment sync in progress: working copies of the Deployment and its ReplicaSets that the
// rollout steps change in memory, turned at the end into at most one write per object.
import { cloneJson } from '../model/json.js';
import type { JsonObject } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import type { ControllerAction } from './controller.js';
import { objectAt } from './json-fields.js';
import { maxSurgeOf, readRolloutSpec } from './deployment-math.js';
import type { RolloutSpec } from './deployment-math.js';
import { specReplicas, setReplicasAnnotations } from './deployment-replicasets.js';
import { annotationsOf, namespaceOf } from './object-meta.js';
import { DEPLOYMENTS, REPLICASETS } from './resource-types.js';
import { semanticEqual } from './template-hash.js';

/**
 * The state of one sync. Steps read and change working copies (like kube's controller, which keeps
 * using the objects its API calls returned); {@link DeploymentSync.actions} then emits creates, one
 * update per changed ReplicaSet, deletes, and one status write for the Deployment.
 */
export class DeploymentSync {
  /** Working copy of the Deployment; steps change its status and revision annotation. */
  readonly deployment: KubeObject;
  readonly spec: RolloutSpec;
  private readonly originals = new Map<string, KubeObject>();
  private readonly working = new Map<string, KubeObject>();
  private readonly created = new Set<string>();
  private readonly deleted = new Set<string>();
  private requeueMs: number | undefined;

  constructor(
    private readonly original: KubeObject,
    replicaSets: readonly KubeObject[],
    readonly now: Date,
  ) {
    this.deployment = cloneJson(original);
    if (objectAt(this.deployment, 'status') === undefined) this.deployment['status'] = {};
    this.spec = readRolloutSpec(original);
    for (const rs of replicaSets) {
      this.originals.set(rs.metadata.name, rs);
      this.working.set(rs.metadata.name, cloneJson(rs));
    }
  }

  /** The Deployment's working status object. */
  get status(): JsonObject {
    return objectAt(this.deployment, 'status') ?? {};
  }

  /** Replaces the working status. */
  setStatus(status: JsonObject): void {
    this.deployment['status'] = status;
  }

  /** The working copy of a ReplicaSet; throws for names the sync does not know (a bug, not input). */
  rs(name: string): KubeObject {
    const found = this.working.get(name);
    if (found === undefined) throw new Error(`deployment sync: unknown ReplicaSet ${name}`);
    return found;
  }

  /** Working copies for names, skipping undefined. */
  list(names: readonly (string | undefined)[]): KubeObject[] {
    return names.filter((name): name is string => name !== undefined).map((name) => this.rs(name));
  }

  /** Names of all ReplicaSets still present (not deleted in this sync). */
  names(): string[] {
    return [...this.working.keys()].filter((name) => !this.deleted.has(name));
  }

  /** Adds a ReplicaSet to be created. */
  create(rs: KubeObject): void {
    this.working.set(rs.metadata.name, rs);
    this.created.add(rs.metadata.name);
  }

  /** Marks a ReplicaSet for deletion. */
  remove(name: string): void {
    this.deleted.add(name);
  }

  /** Asks to be synced again after `ms` (the earliest request wins). */
  requeue(ms: number): void {
    this.requeueMs = Math.min(this.requeueMs ?? Infinity, ms);
  }

  /**
   * scaleReplicaSet: sets spec.replicas and the desired/max-replicas annotations on the working copy.
   * Returns true when the size changed (annotation-only changes are written but are not "scaling").
   */
  scale(name: string, size: number): boolean {
    const rs = this.rs(name);
    const sizeChanged = specReplicas(rs) !== size;
    const annotationsChanged = setReplicasAnnotations(rs, this.spec.replicas, this.spec.replicas + maxSurgeOf(this.spec));
    if (sizeChanged || annotationsChanged) {
      const spec = objectAt(rs, 'spec') ?? {};
      spec['replicas'] = size;
      rs['spec'] = spec;
    }
    return sizeChanged;
  }

  /** scaleReplicaSetAndRecordEvent: no-op when the size is already `size`. */
  scaleIfNeeded(name: string, size: number): boolean {
    return specReplicas(this.rs(name)) !== size && this.scale(name, size);
  }

  /** The writes that bring the cluster to the working state, in a safe order. */
  actions(): ControllerAction[] {
    const actions: ControllerAction[] = [];
    for (const name of this.created) {
      if (!this.deleted.has(name)) actions.push({ type: 'create', resource: REPLICASETS, object: this.rs(name) });
    }
    for (const [name, original] of this.originals) {
      if (this.deleted.has(name)) continue;
      const rs = this.rs(name);
      if (!semanticEqual(rs, original)) actions.push({ type: 'update', resource: REPLICASETS, object: rs });
    }
    for (const name of this.deleted) {
      if (this.originals.has(name)) actions.push({ type: 'delete', resource: REPLICASETS, namespace: namespaceOf(this.original), name });
    }
    const statusChanged = !semanticEqual(objectAt(this.original, 'status') ?? {}, this.status);
    const annotationsChanged = !semanticEqual(annotationsOf(this.original), annotationsOf(this.deployment));
    // Revision annotations travel with the status write, as upstream: deployments/status keeps
    // metadata.annotations from the request, and a main-resource write would bump the generation.
    if (statusChanged || annotationsChanged) actions.push({ type: 'updateStatus', resource: DEPLOYMENTS, object: this.deployment });
    if (this.requeueMs !== undefined) actions.push({ type: 'requeueAfter', delayMs: this.requeueMs });
    return actions;
  }
}
