// The contract between simulated controllers (pure decisions) and the runner that feeds them store
// events and applies their actions through the API handler pipeline (so writes get RVs and events).
import type { KubeObject } from '../model/kube-object.js';

/** Identifies a resource type the way the registry does. */
export interface ResourceType {
  readonly group: string; // '' for core
  readonly version: string;
  readonly resource: string; // plural, e.g. 'deployments'
}

/** A read-only view of the cluster at one moment (copies; mutating them changes nothing). */
export interface ClusterView {
  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined;
  /** Objects of a type, optionally in one namespace and matching equality labels. */
  list(type: ResourceType, namespace?: string, matchLabels?: Readonly<Record<string, string>>): KubeObject[];
}

/** What a controller wants done; the runner executes actions in order and stops at the first failure. */
export type ControllerAction =
  | { readonly type: 'create'; readonly resource: ResourceType; readonly object: KubeObject }
  /** Replaces the main resource (spec/metadata); carries metadata.resourceVersion for optimistic concurrency. */
  | { readonly type: 'update'; readonly resource: ResourceType; readonly object: KubeObject }
  /** Writes through the /status subresource. */
  | { readonly type: 'updateStatus'; readonly resource: ResourceType; readonly object: KubeObject }
  | {
      readonly type: 'delete';
      readonly resource: ResourceType;
      readonly namespace: string | undefined;
      readonly name: string;
      readonly propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
    }
  /** Ask to be called again for the same key after a delay on the injected clock (e.g. pod readiness). */
  | { readonly type: 'requeueAfter'; readonly delayMs: number };

/** The key of the object a controller reconciles. */
export interface ObjectKey {
  readonly namespace: string | undefined;
  readonly name: string;
}

/**
 * A level-triggered controller: given the key of a primary object and a view of the cluster, it
 * returns the actions that move the cluster toward the desired state. It must be a pure function
 * of (key, view, now): no I/O, no hidden state, so it is unit-tested with plain data.
 */
export interface Controller {
  readonly name: string;
  /** The primary resource type this controller reconciles. */
  readonly primary: ResourceType;
  /**
   * Other types whose changes should re-trigger the owner (e.g. ReplicaSets for Deployments):
   * the runner maps an event on such an object to its controlling ownerReference's key.
   */
  readonly owns: readonly ResourceType[];
  reconcile(key: ObjectKey, view: ClusterView, now: Date): ControllerAction[];
}
