// What every request-pipeline operation needs: its dependencies and the per-request options.
import type { Registry } from '../registry/registry.js';
import type { Clock } from '../runtime/clock.js';
import type { Store } from '../store/store.js';
import type { Patcher } from './patcher.js';

/** The pipeline's collaborators, passed in once (composition root: server/start-dev-cluster.ts). */
export interface ApiDeps {
  readonly store: Store;
  readonly registry: Registry;
  readonly clock: Clock;
  readonly patcher: Patcher;
  /** New object UIDs (RFC 4122); injectable for deterministic tests. */
  readonly newUid: () => string;
  /** Data of every namespace's kube-root-ca.crt ConfigMap. */
  readonly rootCaPem: string;
}

/** How unknown fields are treated (the fieldValidation query parameter). */
export type FieldValidation = 'Ignore' | 'Warn' | 'Strict';

/** Per-request write options and the warnings the response will carry. */
export interface RequestContext {
  /** dryRun=All: run the whole pipeline, store nothing. */
  readonly dryRun: boolean;
  /** The manager recorded in managedFields. */
  readonly fieldManager: string;
  readonly fieldValidation: FieldValidation;
  /** Messages sent back as `Warning: 299 - "..."` headers. */
  readonly warnings: string[];
}

/** A context for internal writers (controllers): no dry run, strict, their own manager name. */
export function internalContext(fieldManager: string): RequestContext {
  return { dryRun: false, fieldManager, fieldValidation: 'Strict', warnings: [] };
}
