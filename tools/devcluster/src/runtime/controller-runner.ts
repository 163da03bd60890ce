// Feeds store events to reconcilers, runs their passes off the request path, and reports idleness.
import { ApiError } from '../errors/api-error.js';
import type { Logger } from '../server/logger.js';
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';
import type { Reconciler } from './reconciler.js';

/** Options of {@link ControllerRunner}. */
export interface ControllerRunnerOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Delay before retrying a key whose pass failed (not a conflict). @defaultValue 1000 */
  readonly retryDelayMs?: number;
  /** Passes per event-loop turn, so HTTP requests keep being served. @defaultValue 50 */
  readonly batchSize?: number;
}

interface Work {
  readonly reconciler: Reconciler;
  readonly key: string;
}

const MAX_IMMEDIATE_CONFLICT_RETRIES = 5;

/**
 * The controller loop. Every store commit is offered to every reconciler; the keys they return
 * are de-duplicated in a FIFO queue and reconciled asynchronously, in batches. A 409 retries the
 * key at once (a few times), other failures after `retryDelayMs` on the injected clock.
 */
export class ControllerRunner {
  private readonly reconcilers: Reconciler[] = [];
  private readonly queue = new Map<string, Work>();
  private readonly conflicts = new Map<string, number>();
  private scheduled = false;
  private running = false;
  private unsubscribe: (() => void) | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: ControllerRunnerOptions) {}

  /** Adds a reconciler; when the runner is running its initial keys are queued at once. */
  register(reconciler: Reconciler): void {
    this.reconcilers.push(reconciler);
    if (this.unsubscribe !== undefined) for (const key of reconciler.initialKeys()) this.enqueue(reconciler, key);
  }

  /** Subscribes to the store and queues every reconciler's initial keys. */
  start(): void {
    if (this.unsubscribe !== undefined) return;
    this.unsubscribe = this.options.store.subscribe((event) => {
      for (const r of this.reconcilers) {
        let keys: readonly string[];
        try {
          keys = r.keysFor(event);
        } catch (err) {
          this.options.logger.error({ err, controller: r.name }, 'keysFor failed');
          continue;
        }
        for (const key of keys) this.enqueue(r, key);
      }
    });
    for (const r of this.reconcilers) for (const key of r.initialKeys()) this.enqueue(r, key);
  }

  /** Stops reacting to events; queued work is dropped. */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.queue.clear();
    this.releaseIdle();
  }

  /** Queues `key` for `reconciler` (no-op if already queued). */
  enqueue(reconciler: Reconciler, key: string): void {
    const id = `${reconciler.name}\u0000${key}`;
    if (!this.queue.has(id)) this.queue.set(id, { reconciler, key });
    this.schedule();
  }

  /** Resolves once no pass is queued or running (delayed requeues on the clock do not count). */
  waitForIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.queue.size === 0 && !this.running && !this.scheduled;
  }

  private schedule(): void {
    if (this.scheduled || this.unsubscribe === undefined) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    this.running = true;
    const batch = this.options.batchSize ?? 50;
    for (let i = 0; i < batch && this.queue.size > 0; i++) {
      const [id, work] = this.queue.entries().next().value as [string, Work];
      this.queue.delete(id);
      this.runOne(id, work);
    }
    this.running = false;
    if (this.queue.size > 0) this.schedule();
    else this.releaseIdle();
  }

  private runOne(id: string, work: Work): void {
    try {
      const result = work.reconciler.reconcile(work.key);
      this.conflicts.delete(id);
      if (result?.requeueAfterMs !== undefined) this.later(work, result.requeueAfterMs);
    } catch (err) {
      const attempts = (this.conflicts.get(id) ?? 0) + 1;
      if (err instanceof ApiError && err.code === 409 && attempts <= MAX_IMMEDIATE_CONFLICT_RETRIES) {
        this.conflicts.set(id, attempts);
        this.enqueue(work.reconciler, work.key);
        return;
      }
      this.conflicts.delete(id);
      this.options.logger.warn({ err, controller: work.reconciler.name, key: work.key }, 'reconcile failed; retrying');
      this.later(work, this.options.retryDelayMs ?? 1000);
    }
  }

  private later(work: Work, delayMs: number): void {
    this.options.clock.schedule(delayMs, () => {
      if (this.unsubscribe !== undefined) this.enqueue(work.reconciler, work.key);
    });
  }

  private releaseIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
