// One watch stream: initial state or replay from a resourceVersion, then live events, bookmarks, timeout (D16).
import type { JsonObject } from '../model/json.js';
import { apiVersionOf } from '../registry/descriptor.js';
import type { Store } from '../store/store.js';
import { matchesSelectors } from '../api/read.js';
import { toWatchEvent } from './watch-filter.js';
import type { WatchEvent, WatchScope } from './watch-filter.js';

/** Where a watcher writes: one JSON line per event. */
export interface WatchSink {
  /** Writes one line; returns false when the client is too slow and the watch must end. */
  write(line: string): boolean;
  end(): void;
}

/** Watch parameters beyond the scope. */
export interface WatchOptions {
  /** '' / '0' / undefined: start with the current state as ADDED events; N: replay after N. */
  readonly resourceVersion: string | undefined;
  readonly allowBookmarks: boolean;
  readonly bookmarkIntervalMs: number;
  /** Close after this long (timeoutSeconds, or the server default). */
  readonly timeoutMs: number;
  /** Renders an event's object for the wire (version, Table); must not mutate its input. */
  readonly render: (obj: JsonObject) => JsonObject;
}

/** A running watch. */
export interface ActiveWatch {
  /** Ends the stream (idempotent). */
  stop(): void;
}

/** The ERROR event upstream's cacher sends for a compacted resourceVersion. */
export function expiredEvent(requested: number, oldest: number): string {
  const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${requested} (${oldest})`, reason: 'Expired', code: 410 };
  return JSON.stringify({ type: 'ERROR', object: status });
}

/** Starts a watch; everything up to the subscription happens synchronously, so no event is missed. */
export function startWatch(store: Store, scope: WatchScope, options: WatchOptions, sink: WatchSink): ActiveWatch {
  let stopped = false;
  let unsubscribe: () => void = () => undefined;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    for (const t of timers) clearTimeout(t);
    sink.end();
  };
  const send = (event: WatchEvent): void => {
    if (stopped) return;
    if (!sink.write(JSON.stringify({ type: event.type, object: options.render(event.object) }))) stop();
  };
  const rv = options.resourceVersion ?? '';
  if (rv === '' || rv === '0') {
    for (const s of store.list({ group: scope.desc.group, resource: scope.desc.resource }, scope.namespace)) {
      if (matchesSelectors(scope.desc, s.object, scope.labelSelector, scope.fieldSelector)) send({ type: 'ADDED', object: s.object });
    }
  } else {
    const from = Number(rv);
    const history = Number.isInteger(from) ? store.eventsSince(from) : undefined;
    if (history === undefined) {
      sink.write(expiredEvent(Number.isInteger(from) ? from : 0, store.compactedRevision));
      stop();
      return { stop };
    }
    for (const e of history) {
      const converted = toWatchEvent(scope, e);
      if (converted !== undefined) send(converted);
    }
  }
  if (stopped) return { stop };
  unsubscribe = store.subscribe((e) => {
    const converted = toWatchEvent(scope, e);
    if (converted !== undefined) send(converted);
  });
  if (options.allowBookmarks) {
    const bookmark = (): void => {
      if (stopped) return;
      const object = { kind: scope.desc.kind, apiVersion: apiVersionOf(scope.desc), metadata: { resourceVersion: String(store.revision) } };
      if (!sink.write(JSON.stringify({ type: 'BOOKMARK', object }))) stop();
      else later(options.bookmarkIntervalMs, bookmark);
    };
    later(options.bookmarkIntervalMs, bookmark);
  }
  later(options.timeoutMs, stop);
  return { stop };
}
