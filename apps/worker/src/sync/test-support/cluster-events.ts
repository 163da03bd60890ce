// Test support: the dev cluster's store commits, in revision order, so tests can prove in which order
// objects were created, changed and deleted (one global revision orders every write).
import type { DevCluster, JsonObject } from '@driftless/devcluster';

/** One committed write to the store. */
export interface ClusterEvent {
  readonly revision: number;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** The plural resource, e.g. `deployments`. */
  readonly resource: string;
  readonly namespace: string;
  readonly name: string;
  /** The object after the write (its last state for DELETED). */
  readonly object: () => JsonObject;
}

/** What was written to one cluster since {@link recordEvents}; `stop` unsubscribes. */
export interface EventLog {
  readonly events: ClusterEvent[];
  stop(): void;
}

/** Records every store commit of `cluster` from now on. */
export function recordEvents(cluster: DevCluster): EventLog {
  const events: ClusterEvent[] = [];
  const stop = cluster.store.subscribe((event) => {
    events.push({ revision: event.revision, type: event.type, resource: event.ref.resource, namespace: event.ref.namespace, name: event.ref.name, object: () => event.object() });
  });
  return { events, stop };
}

function find(log: EventLog, predicate: (event: ClusterEvent) => boolean, what: string): number {
  const event = log.events.find(predicate);
  if (event === undefined) throw new Error(`no event: ${what}`);
  return event.revision;
}

/** The revision at which the object was first created. */
export function createdAt(log: EventLog, resource: string, namespace: string, name: string): number {
  return find(log, (e) => e.type === 'ADDED' && e.resource === resource && e.namespace === namespace && e.name === name, `${resource} ${namespace}/${name} created`);
}

/** Every revision at which an object with this name was created (several after a re-creation). */
export function creations(log: EventLog, resource: string, namespace: string, name: string): number[] {
  return log.events.filter((e) => e.type === 'ADDED' && e.resource === resource && e.namespace === namespace && e.name === name).map((e) => e.revision);
}

/** The revision at which the object was deleted from the store. */
export function deletedAt(log: EventLog, resource: string, namespace: string, name: string): number {
  return find(log, (e) => e.type === 'DELETED' && e.resource === resource && e.namespace === namespace && e.name === name, `${resource} ${namespace}/${name} deleted`);
}

/** Whether the object's status carries condition `type` with status True. */
export function hasCondition(obj: JsonObject, type: string): boolean {
  const status = obj['status'];
  if (typeof status !== 'object' || status === null || Array.isArray(status)) return false;
  const conditions = (status as JsonObject)['conditions'];
  if (!Array.isArray(conditions)) return false;
  return conditions.some((c) => typeof c === 'object' && c !== null && !Array.isArray(c) && c['type'] === type && c['status'] === 'True');
}

/** The revision at which the object first carried condition `type` (a Job's Complete or Failed). */
export function conditionAt(log: EventLog, resource: string, namespace: string, name: string, type: string): number {
  return find(log, (e) => e.type !== 'DELETED' && e.resource === resource && e.namespace === namespace && e.name === name && hasCondition(e.object(), type), `${resource} ${namespace}/${name} ${type}`);
}

/** The revision at which a Deployment first reported all its replicas available. */
export function availableAt(log: EventLog, namespace: string, name: string): number {
  return find(
    log,
    (e) => {
      if (e.type === 'DELETED' || e.resource !== 'deployments' || e.namespace !== namespace || e.name !== name) return false;
      const obj = e.object();
      const spec = obj['spec'] as JsonObject | undefined;
      const status = obj['status'] as JsonObject | undefined;
      return status !== undefined && typeof status['availableReplicas'] === 'number' && status['availableReplicas'] === (spec?.['replicas'] ?? 1);
    },
    `deployments ${namespace}/${name} available`,
  );
}
