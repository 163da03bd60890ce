// Everything the HTTP handlers share, assembled once by the server.
import type { ApiDeps } from '../api/api-context.js';
import type { Faults } from '../faults/faults.js';
import type { WatchHub } from '../watch/watch-hub.js';

/** Handler-side settings. */
export interface HandlerSettings {
  /** Interval between BOOKMARK events when a watch allows them. @defaultValue 60000 */
  readonly bookmarkIntervalMs: number;
  /** Watch lifetime without timeoutSeconds. @defaultValue 1800000 */
  readonly defaultWatchTimeoutMs: number;
  /** host:port announced in /api serverAddressByClientCIDRs. */
  readonly serverAddress: string;
}

/** The composition the handlers run against. */
export interface ServerContext {
  readonly deps: ApiDeps;
  readonly watchHub: WatchHub;
  readonly faults: Faults;
  readonly settings: HandlerSettings;
}
