// Fault injection for tests of clients: latency, error responses, dropped watches, forced 410s.
import { ApiError } from '../errors/api-error.js';
import { systemClock } from '../runtime/clock.js';
import type { Clock } from '../runtime/clock.js';

/** What to inject; `set` replaces the previous settings. */
export interface FaultSettings {
  /** Delay before every resource request is handled, measured on the cluster's clock. */
  readonly latencyMs?: number;
  /** Answer this share (0..1) of resource requests with an error of this status instead. */
  readonly errorRate?: { readonly status: 429 | 500 | 503 | 409; readonly share: number };
  /** Close every watch this long after it starts (clients must resume). */
  readonly dropWatchesAfterMs?: number;
  /**
   * Compact the whole event history now and close open watches: every resume from an older
   * resourceVersion then gets 410 Expired, as after etcd compaction. One-shot.
   */
  readonly forceExpired?: true;
}

/** What the server does when a forced expiry is requested. */
export interface FaultHooks {
  forceExpired(): void;
}

/** Where {@link Faults} takes time and chance from. */
export interface FaultsOptions {
  /** Times the injected latency, so a `ManualClock` releases delayed requests on `advance()`. @defaultValue systemClock */
  readonly clock?: Clock;
  /** Decides which requests get the injected error. @defaultValue Math.random */
  readonly random?: () => number;
}

/** The fault-injection control of one dev cluster (`cluster.faults`). */
export class Faults {
  private settings: FaultSettings = {};
  private readonly clock: Clock;
  private readonly random: () => number;

  constructor(
    private readonly hooks: FaultHooks,
    options: FaultsOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
  }

  /** Replaces the active faults; `forceExpired` acts immediately and is not remembered. */
  set(settings: FaultSettings): void {
    const { forceExpired, ...rest } = settings;
    this.settings = rest;
    if (forceExpired === true) this.hooks.forceExpired();
  }

  /** Removes every fault. */
  clear(): void {
    this.settings = {};
  }

  /** The active settings. */
  current(): FaultSettings {
    return this.settings;
  }

  /** How long watches live before being dropped, if set. */
  get dropWatchesAfterMs(): number | undefined {
    return this.settings.dropWatchesAfterMs;
  }

  /** Waits the injected latency, then returns the injected error for this request, if any. */
  async beforeResourceRequest(): Promise<ApiError | undefined> {
    const latency = this.settings.latencyMs ?? 0;
    if (latency > 0) await new Promise<void>((resolve) => this.clock.schedule(latency, resolve));
    const rate = this.settings.errorRate;
    if (rate === undefined || this.random() >= rate.share) return undefined;
    return injectedError(rate.status);
  }
}

function injectedError(status: 429 | 500 | 503 | 409): ApiError {
  switch (status) {
    case 429:
      return new ApiError(429, 'TooManyRequests', 'Too many requests, please try again later. (injected fault)', { retryAfterSeconds: 1 });
    case 500:
      return new ApiError(500, 'InternalError', 'Internal error occurred: injected fault');
    case 503:
      return new ApiError(503, 'ServiceUnavailable', 'The server is currently unable to handle the request (injected fault)', { retryAfterSeconds: 1 });
    case 409:
      return new ApiError(409, 'Conflict', 'Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again (injected fault)');
  }
}
