// Which watch event (if any) a store event becomes for one watcher: scope, selectors, transitions.
import type { JsonObject } from '../model/json.js';
import { bucketId } from '../model/object-ref.js';
import type { ResourceDescriptor } from '../registry/descriptor.js';
import { matchesSelectors } from '../api/read.js';
import type { FieldSelector } from '../selectors/field-selector.js';
import type { LabelSelector } from '../selectors/label-selector.js';
import type { StoreEvent } from '../store/store-types.js';

/** A watch event before rendering. The object is shared: never mutate it. */
export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: JsonObject;
}

/** What a watcher selects. */
export interface WatchScope {
  readonly desc: ResourceDescriptor;
  readonly namespace: string | undefined;
  readonly labelSelector: LabelSelector;
  readonly fieldSelector: FieldSelector;
}

/**
 * Converts a store event for one watcher, as upstream's cacheWatcher does: an object that starts
 * matching the selectors is ADDED, one that stops matching is DELETED (with its previous state).
 */
export function toWatchEvent(scope: WatchScope, event: StoreEvent): WatchEvent | undefined {
  if (event.bucket !== bucketId(scope.desc)) return undefined;
  if (scope.namespace !== undefined && event.ref.namespace !== scope.namespace) return undefined;
  const matches = (obj: JsonObject | undefined): boolean => obj !== undefined && matchesSelectors(scope.desc, obj, scope.labelSelector, scope.fieldSelector);
  if (event.type === 'ADDED') return matches(event.object()) ? { type: 'ADDED', object: event.object() } : undefined;
  if (event.type === 'DELETED') return matches(event.object()) ? { type: 'DELETED', object: event.object() } : undefined;
  const now = matches(event.object());
  const before = matches(event.prevObject());
  if (now && before) return { type: 'MODIFIED', object: event.object() };
  if (now) return { type: 'ADDED', object: event.object() };
  const prev = event.prevObject();
  if (before && prev !== undefined) return { type: 'DELETED', object: prev };
  return undefined;
}
