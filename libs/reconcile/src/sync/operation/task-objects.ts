// Finds the rendered object a task acts on and prepares what is sent to the cluster: namespace and
// hook name from the task's key, and the resource tracking metadata every applied object carries.
import type { UnstructuredObject } from '@driftless/api';
import { formatKey, groupOf, withTracking } from '../../match/index.js';
import type { ResourceKey, TrackingOptions } from '../../match/index.js';
import type { PlanResource, SyncTask } from '../plan-types.js';

/** Rendered objects by key, and the hooks, for looking tasks up. */
export interface TaskObjects {
  targets: ReadonlyMap<string, UnstructuredObject>;
  lives: ReadonlyMap<string, UnstructuredObject>;
  hooks: readonly UnstructuredObject[];
}

/** Indexes the step input: desired and live objects by key, hooks (given apart or as pair targets). */
export function indexObjects(resources: readonly PlanResource[], hooks: readonly UnstructuredObject[] = []): TaskObjects {
  const targets = new Map<string, UnstructuredObject>();
  const lives = new Map<string, UnstructuredObject>();
  for (const pair of resources) {
    if (pair.target !== undefined) targets.set(formatKey(pair.key), pair.target);
    if (pair.live !== undefined) lives.set(formatKey(pair.key), pair.live);
  }
  return { targets, lives, hooks: [...hooks, ...resources.flatMap((pair) => (pair.target === undefined ? [] : [pair.target]))] };
}

function isTaskHook(task: SyncTask, obj: UnstructuredObject, destinationNamespace: string): boolean {
  if (groupOf(obj.apiVersion) !== task.key.group || obj.kind !== task.key.kind) return false;
  if ((obj.metadata.namespace || destinationNamespace) !== task.key.namespace) return false;
  const name = obj.metadata.name ?? '';
  return name !== '' ? name === task.key.name : task.key.generateName !== undefined && obj.metadata.generateName === task.key.generateName;
}

/**
 * The rendered object of a task: the desired object at its key, the hook it names (by name, or by
 * `generateName` for generated hooks), or the namespace a create-namespace task builds. `undefined` for
 * prunes and when the object is gone from the input.
 */
export function targetOf(task: SyncTask, objects: TaskObjects, destinationNamespace: string): UnstructuredObject | undefined {
  switch (task.action) {
    case 'apply':
      return objects.targets.get(formatKey(task.key));
    case 'create-hook':
      return objects.hooks.find((obj) => isTaskHook(task, obj, destinationNamespace));
    case 'create-namespace': {
      const { labels, annotations } = task.managedNamespaceMetadata ?? {};
      return {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: task.key.name, ...(labels === undefined ? {} : { labels: { ...labels } }), ...(annotations === undefined ? {} : { annotations: { ...annotations } }) },
      };
    }
    default:
      return undefined;
  }
}

/** The live object a prune (or a re-applied resource) was planned against, from the input. */
export function liveOf(task: SyncTask, objects: TaskObjects): UnstructuredObject | undefined {
  return objects.lives.get(formatKey(task.key));
}

/** How applied objects are tracked. */
export interface Tracking {
  appName: string;
  options: TrackingOptions;
}

/**
 * The object to send for a task: namespace and name from the task's key (a `generateName` hook gets its
 * deterministic name so a resumed step finds it), and the tracking metadata Argo CD's `SetAppInstance`
 * writes. The namespace CreateNamespace makes is not tracked: Argo CD leaves it out so it is never pruned.
 */
export function prepareObject(task: SyncTask, target: UnstructuredObject, tracking: Tracking): UnstructuredObject {
  const metadata = { ...target.metadata, name: task.key.name };
  if (task.key.namespace !== '') metadata.namespace = task.key.namespace;
  if (task.action === 'create-hook') delete metadata.generateName;
  const obj: UnstructuredObject = { ...target, metadata };
  if (task.action === 'create-namespace') return obj;
  const key: ResourceKey = { group: task.key.group, kind: task.key.kind, namespace: task.key.namespace, name: task.key.name };
  return withTracking(obj, tracking.appName, key, tracking.options);
}
