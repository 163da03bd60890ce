// The unit the ControllerRunner schedules: keys derived from store events, reconciled one at a time.
import type { StoreEvent } from '../store/store-types.js';

/** What a reconcile pass asks of the runner. */
export interface ReconcileResult {
  /** Run this key again after this many ms on the injected clock. */
  readonly requeueAfterMs?: number;
}

/**
 * A level-triggered loop (garbage collector, namespace controller, an adapted pure controller).
 * `keysFor` runs synchronously inside every store commit, so it must be cheap and must not write.
 */
export interface Reconciler {
  readonly name: string;
  /** Keys an event should (re)trigger. */
  keysFor(event: StoreEvent): readonly string[];
  /** Keys to reconcile once at start (existing state). */
  initialKeys(): readonly string[];
  /** Moves the key's state one step toward the desired state; may throw (the key is retried). */
  reconcile(key: string): ReconcileResult | void;
}
