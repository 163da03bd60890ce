// The Applications of the control namespace, watched: the scheduler reads them from memory, and every
// change is handed over with the version seen before it, so triggers compare old and new.
import type * as k8s from '@kubernetes/client-node';
import type { Application } from '@driftless/api';
import { createLiveStateCache } from '@driftless/kube';
import type { Discovery, LiveStateCache, RetryOptions } from '@driftless/kube';
import { APPLICATION_GVK } from './app-writer.js';

/** A change: `current` undefined when the Application was deleted. */
export type AppChangeListener = (previous: Application | undefined, current: Application | undefined) => void;

/** Options of {@link createAppWatch}. */
export interface AppWatchOptions {
  readonly kc: k8s.KubeConfig;
  readonly discovery: Discovery;
  readonly namespace: string;
  readonly onChange: AppChangeListener;
  readonly retry?: RetryOptions;
}

/** The watched Applications. */
export interface AppWatch {
  /** Starts the watch; resolves when it runs (not when listed: see `synced`). */
  start(): Promise<void>;
  /** Resolves once the Applications have been listed. */
  readonly synced: Promise<void>;
  /** The cached Application, undefined when absent (or not listed yet). */
  get(name: string): Application | undefined;
  /** Every cached Application. */
  list(): Application[];
  stop(): Promise<void>;
}

/** Watches `argoproj.io/v1alpha1` Applications in one namespace. */
export function createAppWatch(options: AppWatchOptions): AppWatch {
  const seen = new Map<string, Application>();
  const cache: LiveStateCache = createLiveStateCache({
    kc: options.kc,
    discovery: options.discovery,
    kinds: [APPLICATION_GVK],
    namespaces: [options.namespace],
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    onChange: (event) => {
      const name = event.object.metadata.name ?? '';
      const previous = seen.get(name);
      const current = event.type === 'deleted' ? undefined : (event.object as unknown as Application);
      if (current === undefined) seen.delete(name);
      else seen.set(name, current);
      options.onChange(previous, current);
    },
  });
  return {
    start: () => cache.start(),
    synced: cache.synced,
    get: (name) => seen.get(name),
    list: () => [...seen.values()],
    stop: () => cache.stop(),
  };
}
