// When a destination cluster's watches work again, the apps whose last refresh could not read a cluster
// (a ComparisonError) are refreshed at once instead of at their next period: a resumed watch reports no
// change for objects that did not change, so nothing else would tell them.
import type { Application } from '@driftless/api';
import type { AppKey } from '../applications/app-writer.js';

/** Options of {@link createRecoveryRefresh}. */
export interface RecoveryRefreshOptions {
  /** The watched Applications. */
  readonly apps: () => readonly Application[];
  readonly refresh: (key: AppKey) => void;
  /** Kinds recover one by one within moments of each other: one pass after they settle. @defaultValue 500 */
  readonly settleMs?: number;
}

/** The debounced pass. */
export interface RecoveryRefresh {
  /** A kind of some cluster is watched again. */
  clusterRecovered(): void;
  stop(): void;
}

export function createRecoveryRefresh(options: RecoveryRefreshOptions): RecoveryRefresh {
  let timer: NodeJS.Timeout | undefined;
  const pass = () => {
    timer = undefined;
    for (const app of options.apps()) {
      const failed = app.status?.conditions?.some((condition) => condition.type === 'ComparisonError') === true;
      if (failed && app.metadata.namespace !== undefined && app.metadata.name !== undefined) options.refresh({ namespace: app.metadata.namespace, name: app.metadata.name });
    }
  };
  return {
    clusterRecovered() {
      timer ??= setTimeout(pass, options.settleMs ?? 500);
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
