// The ordered history of committed changes, bounded by a configurable length (etcd compaction).
import type { StoreEvent } from './store-types.js';

/**
 * Holds events with revisions in (compactedRevision, latest]. Resuming a watch or a paginated list
 * from a revision older than compactedRevision is impossible and must answer 410 Expired.
 */
export class EventLog {
  private events: StoreEvent[] = [];
  private start = 0;
  private compacted: number;

  /** @param limit how many events to keep; older ones are compacted away. */
  constructor(
    private readonly limit: number,
    initialRevision: number,
  ) {
    this.compacted = initialRevision;
  }

  /** The newest revision that is no longer replayable (watch from it is still fine, older is not). */
  get compactedRevision(): number {
    return this.compacted;
  }

  /** Records an event; events must arrive in increasing revision order. */
  append(event: StoreEvent): void {
    this.events.push(event);
    if (this.events.length - this.start > this.limit) this.dropOldest(this.events.length - this.start - this.limit);
  }

  /** Forgets every event up to and including `revision` (forced compaction, fault injection). */
  compactTo(revision: number): void {
    let drop = 0;
    while (this.start + drop < this.events.length && (this.events[this.start + drop]?.revision ?? Infinity) <= revision) drop++;
    this.dropOldest(drop);
    this.compacted = Math.max(this.compacted, revision);
  }

  /** Events after `revision` in order, or undefined when some of them were compacted. */
  since(revision: number): StoreEvent[] | undefined {
    if (revision < this.compacted) return undefined;
    let lo = this.start;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.events[mid]?.revision ?? 0) <= revision) lo = mid + 1;
      else hi = mid;
    }
    return this.events.slice(lo);
  }

  private dropOldest(count: number): void {
    if (count <= 0) return;
    const last = this.events[this.start + count - 1];
    if (last !== undefined) this.compacted = last.revision;
    this.start += count;
    // Shift the array only now and then, so appends stay O(1) amortised.
    if (this.start > 4096 && this.start * 2 > this.events.length) {
      this.events = this.events.slice(this.start);
      this.start = 0;
    }
  }
}
