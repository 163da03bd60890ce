// Sync options (`Key=Value` strings in syncPolicy.syncOptions, operations and the sync-options annotation):
// reading them, and the values Argo CD accepts for the options it knows.

import type { Path, ProblemList } from './plain.js';

const BOOLEAN = ['true', 'false'];

/** Options Argo CD documents and the values each accepts. Other keys are ignored, as Argo CD does. */
export const KNOWN_SYNC_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  Validate: BOOLEAN,
  CreateNamespace: BOOLEAN,
  PrunePropagationPolicy: ['foreground', 'background', 'orphan'],
  PruneLast: BOOLEAN,
  ApplyOutOfSyncOnly: BOOLEAN,
  Replace: BOOLEAN,
  Force: BOOLEAN,
  ServerSideApply: BOOLEAN,
  ClientSideApplyMigration: BOOLEAN,
  RespectIgnoreDifferences: BOOLEAN,
  FailOnSharedResource: BOOLEAN,
  SkipDryRunOnMissingResource: BOOLEAN,
  Prune: ['true', 'false', 'confirm'],
  Delete: ['true', 'false', 'confirm'],
};

/**
 * The value of `key` in a list of `Key=Value` options (the last one wins), or `undefined` when absent.
 * Example: `syncOptionValue(['CreateNamespace=true'], 'CreateNamespace')` → `'true'`.
 */
export function syncOptionValue(options: readonly string[] | undefined, key: string): string | undefined {
  let value: string | undefined;
  for (const option of options ?? []) {
    const at = option.indexOf('=');
    if (at > 0 && option.slice(0, at).trim() === key) value = option.slice(at + 1).trim();
  }
  return value;
}

/** True when `key=true` is among the options. */
export function hasSyncOption(options: readonly string[] | undefined, key: string): boolean {
  return syncOptionValue(options, key) === 'true';
}

/** Records a problem for each option that is not `Key=Value` or gives a known key a value it does not take. */
export function checkSyncOptions(options: unknown, path: Path, problems: ProblemList): void {
  if (!Array.isArray(options)) return;
  options.forEach((option, index) => {
    if (typeof option !== 'string') return;
    const at = option.indexOf('=');
    if (at <= 0) {
      problems.add([...path, index], 'must be Key=Value, e.g. CreateNamespace=true');
      return;
    }
    const key = option.slice(0, at).trim();
    const value = option.slice(at + 1).trim();
    const allowed = KNOWN_SYNC_OPTIONS[key];
    if (allowed !== undefined && !allowed.includes(value)) problems.add([...path, index], `${key} must be one of ${allowed.join(', ')}`);
  });
}
