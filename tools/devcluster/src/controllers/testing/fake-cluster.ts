// A unit-test stand-in for the ControllerRunner: controllers reconcile against a FakeStore, are
// triggered by changes to their primary type and, through controller ownerReferences, to the types
// they own, and run to a fixed point on a fake clock that jumps from requeue to requeue.
import { cloneJson } from '../../model/json.js';
import type { KubeObject } from '../../model/kube-object.js';
import type { ClusterView, Controller, ControllerAction, ObjectKey, ResourceType } from '../controller.js';
import { controllerRefOf, namespaceOf } from '../object-meta.js';
import { FakeStore, typeKey } from './fake-store.js';
import type { Outcome, WriteRecord } from './fake-store.js';
import { RESOURCES_BY_KIND, kindOf } from './resources.js';

export type { WriteRecord } from './fake-store.js';

/** Options of a {@link FakeCluster}. */
export interface FakeClusterOptions {
  readonly controllers: readonly Controller[];
  /** Start of the fake clock. @defaultValue 2024-01-01T00:00:00Z */
  readonly now?: Date;
  /** Reconciles allowed per settle before the controllers are declared not converging. @defaultValue 5000 */
  readonly maxReconciles?: number;
  /** Called after every effective write, e.g. to check rollout invariants at each step. */
  readonly onWrite?: (cluster: FakeCluster, write: WriteRecord) => void;
}

/**
 * The fake cluster. Test writes (`create`, `edit`, `editStatus`, `remove`) behave like kubectl's and
 * settle the controllers; `advance` and `advanceUntil` move the clock. A failed controller action
 * (conflict, already exists) stops that reconcile and retries it, as the runner should.
 */
export class FakeCluster implements ClusterView {
  private clock: number;
  private readonly store: FakeStore;
  private readonly queue: { controller: Controller; key: ObjectKey }[] = [];
  private readonly queued = new Set<string>();
  private readonly timers = new Map<string, { at: number; controller: Controller; key: ObjectKey }>();
  /** Every effective write in order. */
  readonly writes: WriteRecord[] = [];
  /** Actions that failed, as "controller: reason". */
  readonly failures: string[] = [];

  constructor(private readonly options: FakeClusterOptions) {
    this.clock = (options.now ?? new Date('2024-01-01T00:00:00Z')).getTime();
    this.store = new FakeStore(() => this.clock, (type, object, write) => this.changed(type, object, write));
  }

  /** The fake clock. */
  get now(): Date {
    return new Date(this.clock);
  }

  /** Writes that changed nothing. */
  get noopWrites(): number {
    return this.store.noopWrites;
  }

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.store.get(type, namespace, name);
  }

  list(type: ResourceType, namespace?: string, matchLabels?: Readonly<Record<string, string>>): KubeObject[] {
    return this.store.list(type, namespace, matchLabels);
  }

  /** Creates objects as `kubectl create` would (type from kind), then settles. */
  create(...objects: KubeObject[]): void {
    for (const object of objects) this.must(this.store.create(kindOf(object), cloneJson(object), 'user'));
    this.settle();
  }

  /** Changes an object's spec/metadata as `kubectl edit` would (generation bumps), then settles. */
  edit(type: ResourceType, namespace: string | undefined, name: string, mutate: (object: KubeObject) => void): void {
    const object = this.mustGet(type, namespace, name);
    mutate(object);
    this.must(this.store.update(type, object, 'user'));
    this.settle();
  }

  /** Changes an object's status (e.g. a readiness gate condition), then settles. */
  editStatus(type: ResourceType, namespace: string | undefined, name: string, mutate: (object: KubeObject) => void): void {
    const object = this.mustGet(type, namespace, name);
    mutate(object);
    this.must(this.store.updateStatus(type, object, 'user'));
    this.settle();
  }

  /** Deletes as `kubectl delete` would, then settles. */
  remove(type: ResourceType, namespace: string | undefined, name: string): void {
    this.must(this.store.delete(type, namespace, name, 'user'));
    this.settle();
  }

  /** Runs queued reconciles until none is left; throws when the controllers do not converge. */
  settle(): void {
    const limit = this.options.maxReconciles ?? 5000;
    for (let steps = 0; this.queue.length > 0; steps += 1) {
      const item = this.queue.shift();
      if (item === undefined) break;
      this.queued.delete(this.itemKey(item.controller, item.key));
      if (steps >= limit) throw new Error(`controllers did not settle after ${limit} reconciles (last: ${item.controller.name} ${item.key.namespace ?? ''}/${item.key.name})`);
      this.run(item.controller, item.key);
    }
  }

  /** Moves the clock forward by `ms`, firing due requeues in time order and settling after each. */
  advance(ms: number): void {
    const target = this.clock + ms;
    this.settle();
    for (let next = this.nextTimer(); next !== undefined && next <= target; next = this.nextTimer()) {
      this.clock = next;
      this.fireDue();
      this.settle();
    }
    this.clock = target;
    this.settle();
  }

  /**
   * Jumps from requeue to requeue until `predicate` holds and returns the elapsed ms; throws when it
   * does not hold within `limitMs` or nothing is left to wait for.
   */
  advanceUntil(predicate: () => boolean, limitMs = 3_600_000): number {
    const start = this.clock;
    this.settle();
    while (!predicate()) {
      const next = this.nextTimer();
      if (next === undefined || next - start > limitMs) throw new Error(`condition not reached within ${limitMs} ms (${next === undefined ? 'no requeue pending' : 'next requeue too late'})`);
      this.clock = Math.max(next, this.clock);
      this.fireDue();
      this.settle();
    }
    return this.clock - start;
  }

  private mustGet(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const object = this.get(type, namespace, name);
    if (object === undefined) throw new Error(`${type.resource} ${namespace ?? ''}/${name} not found`);
    return object;
  }

  private must(outcome: Outcome): void {
    if (!outcome.ok) throw new Error(outcome.reason);
  }

  private itemKey(controller: Controller, key: ObjectKey): string {
    return `${controller.name}|${key.namespace ?? ''}|${key.name}`;
  }

  private enqueue(controller: Controller, key: ObjectKey): void {
    const id = this.itemKey(controller, key);
    if (this.queued.has(id)) return;
    this.queued.add(id);
    this.queue.push({ controller, key });
  }

  private nextTimer(): number | undefined {
    let next: number | undefined;
    for (const timer of this.timers.values()) next = Math.min(next ?? Infinity, timer.at);
    return next;
  }

  private fireDue(): void {
    for (const [id, timer] of this.timers) {
      if (timer.at > this.clock) continue;
      this.timers.delete(id);
      this.enqueue(timer.controller, timer.key);
    }
  }

  /** Triggers: the object's own key for its type's controllers, its controller's key for owners. */
  private changed(type: ResourceType, object: KubeObject, write: WriteRecord): void {
    this.writes.push(write);
    const ref = controllerRefOf(object);
    for (const controller of this.options.controllers) {
      if (typeKey(controller.primary) === typeKey(type)) this.enqueue(controller, { namespace: namespaceOf(object), name: object.metadata.name });
      const owns = controller.owns.some((owned) => typeKey(owned) === typeKey(type));
      if (owns && ref !== undefined && RESOURCES_BY_KIND[ref.kind]?.resource === controller.primary.resource) {
        this.enqueue(controller, { namespace: namespaceOf(object), name: ref.name });
      }
    }
    this.options.onWrite?.(this, write);
  }

  private run(controller: Controller, key: ObjectKey): void {
    for (const action of controller.reconcile(key, this, this.now)) {
      if (action.type === 'requeueAfter') {
        const id = this.itemKey(controller, key);
        const at = this.clock + action.delayMs;
        const current = this.timers.get(id);
        if (current === undefined || at < current.at) this.timers.set(id, { at, controller, key });
        continue;
      }
      const outcome = this.apply(action, controller.name);
      if (!outcome.ok) {
        this.failures.push(`${controller.name}: ${outcome.reason}`);
        this.enqueue(controller, key);
        return;
      }
    }
  }

  private apply(action: Exclude<ControllerAction, { type: 'requeueAfter' }>, by: string): Outcome {
    switch (action.type) {
      case 'create':
        return this.store.create(action.resource, cloneJson(action.object), by);
      case 'update':
        return this.store.update(action.resource, cloneJson(action.object), by);
      case 'updateStatus':
        return this.store.updateStatus(action.resource, cloneJson(action.object), by);
      case 'delete':
        return this.store.delete(action.resource, action.namespace, action.name, by);
    }
  }
}
