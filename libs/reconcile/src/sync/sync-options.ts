// Sync options as the planner needs them: the application's `syncPolicy.syncOptions` parsed into a typed
// record, and the per-resource `argocd.argoproj.io/sync-options` annotation read the way gitops-engine does.
import { ANNOTATION_SYNC_OPTIONS, KNOWN_SYNC_OPTIONS, syncOptionValue } from '@driftless/api';
import type { KubeObject } from '@driftless/api';

/** How pruned objects are deleted (`PrunePropagationPolicy`); Kubernetes' `propagationPolicy`. */
export type PrunePropagationPolicy = 'foreground' | 'background' | 'orphan';
/** Value of the `Prune` and `Delete` options: `false` keeps the object, `confirm` waits for approval. */
export type ConfirmableOption = 'true' | 'false' | 'confirm';

/** The application-level sync options, typed. Absent or malformed options take Argo CD's defaults. */
export interface AppSyncOptions {
  createNamespace: boolean;
  pruneLast: boolean;
  /** Default `Prune` for every resource; a resource's own annotation wins. */
  prune?: ConfirmableOption;
  /** Default `Delete` (application deletion) for every resource; a resource's own annotation wins. */
  delete?: ConfirmableOption;
  applyOutOfSyncOnly: boolean;
  replace: boolean;
  serverSideApply: boolean;
  /** `Validate=false` turns validation off for every resource. */
  validate: boolean;
  respectIgnoreDifferences: boolean;
  failOnSharedResource: boolean;
  /** @defaultValue `foreground` */
  prunePropagationPolicy: PrunePropagationPolicy;
  skipDryRunOnMissingResource: boolean;
  /** `ClientSideApplyMigration=false` turns the migration off; on by default. */
  clientSideApplyMigration: boolean;
}

/** A known option's value when Argo CD accepts it, else `undefined` (unknown values are ignored, as Argo does). */
function knownValue(options: readonly string[] | undefined, key: string): string | undefined {
  const value = syncOptionValue(options, key);
  return value !== undefined && (KNOWN_SYNC_OPTIONS[key] ?? []).includes(value) ? value : undefined;
}

function flag(options: readonly string[] | undefined, key: string, fallback: boolean): boolean {
  const value = knownValue(options, key);
  return value === undefined ? fallback : value === 'true';
}

/**
 * Parses `syncPolicy.syncOptions` (or an operation's `syncOptions`): `Key=Value` strings, the last occurrence
 * of a key winning. Unknown keys and values outside what Argo CD accepts are ignored.
 */
export function parseSyncOptions(options: readonly string[] | undefined): AppSyncOptions {
  const prune = knownValue(options, 'Prune') as ConfirmableOption | undefined;
  const del = knownValue(options, 'Delete') as ConfirmableOption | undefined;
  return {
    createNamespace: flag(options, 'CreateNamespace', false),
    pruneLast: flag(options, 'PruneLast', false),
    ...(prune === undefined ? {} : { prune }),
    ...(del === undefined ? {} : { delete: del }),
    applyOutOfSyncOnly: flag(options, 'ApplyOutOfSyncOnly', false),
    replace: flag(options, 'Replace', false),
    serverSideApply: flag(options, 'ServerSideApply', false),
    validate: flag(options, 'Validate', true),
    respectIgnoreDifferences: flag(options, 'RespectIgnoreDifferences', false),
    failOnSharedResource: flag(options, 'FailOnSharedResource', false),
    prunePropagationPolicy: (knownValue(options, 'PrunePropagationPolicy') as PrunePropagationPolicy | undefined) ?? 'foreground',
    skipDryRunOnMissingResource: flag(options, 'SkipDryRunOnMissingResource', false),
    clientSideApplyMigration: flag(options, 'ClientSideApplyMigration', true),
  };
}

/**
 * The entries of an object's `argocd.argoproj.io/sync-options` annotation: comma-separated, trimmed, empty
 * entries dropped, duplicates kept once (gitops-engine `GetAnnotationCSVs`).
 */
export function annotationSyncOptions(obj: KubeObject | undefined): string[] {
  const raw = obj?.metadata.annotations?.[ANNOTATION_SYNC_OPTIONS] ?? '';
  const entries = raw.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  return [...new Set(entries)];
}

/**
 * The value an object's annotation gives `key`, or `undefined`. The first `Key=` entry wins, as in
 * gitops-engine's `GetAnnotationOptionValue`.
 */
export function resourceOptionValue(obj: KubeObject | undefined, key: string): string | undefined {
  const prefix = `${key}=`;
  const entry = annotationSyncOptions(obj).find((option) => option.startsWith(prefix));
  return entry?.slice(prefix.length);
}

/** Whether the annotation holds exactly `Key=Value` (gitops-engine `HasAnnotationOption`). */
export function hasResourceOption(obj: KubeObject | undefined, option: string): boolean {
  return annotationSyncOptions(obj).includes(option);
}
