// An in-memory cluster for the executor's tests: objects by key, every call recorded, failures injected
// per verb and object name, and helpers that play the controllers (Job done, Deployment rolled out).
import type { UnstructuredObject } from '@driftless/api';
import { formatKey, keyOf } from '../../match/index.js';
import type { ApplyOptions, PlanKey } from '../plan-types.js';
import type { SyncClock, SyncPorts } from './operation-types.js';

/** The port calls the fake records. */
export type Verb = 'dryRun' | 'apply' | 'createHook' | 'delete' | 'get' | 'refreshDiscovery';

interface Failure {
  verb: Verb;
  name: string;
  error: unknown;
  times: number;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A fake cluster implementing every port; `calls` reads `verb Kind/name` (delete adds its propagation). */
export class FakeCluster implements SyncPorts {
  readonly objects = new Map<string, UnstructuredObject>();
  readonly calls: string[] = [];
  readonly sleeps: number[] = [];
  /** Deletes mark the object (deletionTimestamp) instead of removing it; `finishDeletes` removes them. */
  slowDeletes = false;
  nowMs = Date.parse('2026-03-01T10:00:00Z');
  private readonly failures: Failure[] = [];
  readonly clock: SyncClock = {
    now: () => new Date(this.nowMs),
    sleep: async (ms) => {
      this.sleeps.push(ms);
    },
    random: () => 0.5,
  };

  /** Makes the next `times` calls of `verb` on objects named `name` throw `error`. */
  failNext(verb: Verb, name: string, error: unknown, times = 1): void {
    this.failures.push({ verb, name, error, times });
  }

  /** Seeds a live object. */
  put(obj: UnstructuredObject): void {
    this.objects.set(formatKey(keyOf(obj)), copy(obj));
  }

  /** The live object named `name` (first match). */
  byName(name: string): UnstructuredObject | undefined {
    return [...this.objects.values()].find((obj) => obj.metadata.name === name);
  }

  /** How many recorded calls read `verb Kind/name`. */
  count(verb: Verb, name: string): number {
    return this.calls.filter((call) => call.startsWith(`${verb} `) && call.split(' ')[1]?.endsWith(`/${name}`)).length;
  }

  /** Sets a Job's condition (`Complete` or `Failed`), as the Job controller would. */
  finishJob(name: string, outcome: 'Complete' | 'Failed'): void {
    const job = this.require(name);
    job['status'] = { conditions: [{ type: outcome, status: 'True', message: `job ${outcome.toLowerCase()}` }] };
  }

  /** Marks a Deployment rolled out (observed generation, all replicas available). */
  rollOut(name: string): void {
    const deploy = this.require(name);
    deploy['status'] = { observedGeneration: deploy.metadata.generation ?? 1, replicas: 1, updatedReplicas: 1, availableReplicas: 1 };
  }

  /** Removes objects that were marked for deletion. */
  finishDeletes(): void {
    for (const [key, obj] of this.objects) if (obj.metadata.deletionTimestamp !== undefined) this.objects.delete(key);
  }

  async dryRun(obj: UnstructuredObject, _options: ApplyOptions): Promise<void> {
    this.record('dryRun', obj.kind, obj.metadata.name ?? '');
  }

  async apply(obj: UnstructuredObject, _options: ApplyOptions): Promise<UnstructuredObject> {
    this.record('apply', obj.kind, obj.metadata.name ?? '');
    return this.store(obj);
  }

  async createHook(obj: UnstructuredObject, _options: ApplyOptions): Promise<UnstructuredObject> {
    this.record('createHook', obj.kind, obj.metadata.name ?? '');
    return this.store(obj);
  }

  async delete(key: PlanKey, options: { propagationPolicy: string }): Promise<void> {
    this.record('delete', key.kind, key.name, ` (${options.propagationPolicy})`);
    const id = formatKey(key);
    const obj = this.objects.get(id);
    if (obj === undefined) throw Object.assign(new Error(`${key.kind} "${key.name}" not found`), { code: 404 });
    if (this.slowDeletes) obj.metadata.deletionTimestamp = new Date(this.nowMs).toISOString();
    else this.objects.delete(id);
  }

  async get(key: PlanKey): Promise<UnstructuredObject | undefined> {
    this.record('get', key.kind, key.name);
    const obj = this.objects.get(formatKey(key));
    return obj === undefined ? undefined : copy(obj);
  }

  async refreshDiscovery(): Promise<void> {
    this.record('refreshDiscovery', '', '');
  }

  private record(verb: Verb, kind: string, name: string, suffix = ''): void {
    this.calls.push(`${verb} ${kind}/${name}${suffix}`);
    const failure = this.failures.find((f) => f.verb === verb && f.name === name && f.times > 0);
    if (failure === undefined) return;
    failure.times -= 1;
    throw failure.error;
  }

  private store(obj: UnstructuredObject): UnstructuredObject {
    const id = formatKey(keyOf(obj));
    const previous = this.objects.get(id);
    const stored = copy(obj);
    stored.metadata.generation = (previous?.metadata.generation ?? 0) + 1;
    if (previous?.['status'] !== undefined) stored['status'] = previous['status'];
    this.objects.set(id, stored);
    return copy(stored);
  }

  private require(name: string): UnstructuredObject {
    const obj = this.byName(name);
    if (obj === undefined) throw new Error(`no object named ${name}`);
    return obj;
  }
}
