// Keeps track of open watches so the server can close them all (stop, fault injection).
import type { ActiveWatch } from './watcher.js';

/** The set of running watches. */
export class WatchHub {
  private readonly active = new Set<ActiveWatch>();

  /** Registers a watch; returns the function to call when it ends. */
  add(watch: ActiveWatch): () => void {
    this.active.add(watch);
    return () => this.active.delete(watch);
  }

  /** Ends every open watch (clients see the stream close and resume). */
  closeAll(): void {
    for (const watch of [...this.active]) watch.stop();
    this.active.clear();
  }

  /** How many watches are open. */
  get size(): number {
    return this.active.size;
  }
}
