// The input of one sync step: the application rendered at the operation's revision and matched against the
// live state, as Argo CD's `SyncAppState` gets it from `CompareAppState` before every sync.
import { applicationSources, formatProblems, hasMultipleSources, validateApplication } from '@driftless/api';
import type { Application, ApplicationCondition, ApplicationSpec } from '@driftless/api';
import type { PlanResource } from '../sync/index.js';
import { compareLive, loadAppTarget } from './compare-app.js';
import { stageError } from './conditions.js';
import type { EngineOptions, PrepareSyncOptions, PrepareSyncResult } from './engine-types.js';

/** The spec the operation syncs: its `sync.sources` or `sync.source` replace the spec's (rollbacks). */
function syncedSpec(spec: ApplicationSpec, options: PrepareSyncOptions): ApplicationSpec {
  const { source: _source, sources: _sources, ...rest } = spec;
  if (options.sources !== undefined && options.sources.length > 0) return { ...rest, sources: options.sources };
  if (options.source !== undefined) return { ...rest, source: options.source };
  return spec;
}

// Argo CD fails the sync with every error condition of the comparison, not only the first.
function refused(conditions: readonly ApplicationCondition[]): PrepareSyncResult {
  return { ok: false, message: conditions.map((c) => c.message).join('; ') };
}

/**
 * Prepares one step of `app`'s sync operation (see `Engine.prepareSync`). The revision of a single-source
 * render is `options.revision`, of a multi-source one `options.revisions`; either falls back to each
 * source's `targetRevision`. Rejects only for an unexpected bug, which the engine reports as `{ ok: false }`.
 */
export async function prepareSync(app: Application, options: EngineOptions, now: string, syncOptions: PrepareSyncOptions): Promise<PrepareSyncResult> {
  const synced: Application = app.spec === undefined ? app : { ...app, spec: syncedSpec(app.spec, syncOptions) };
  const problems = validateApplication(synced);
  if (problems.length > 0) return { ok: false, message: formatProblems(problems) };

  const multi = hasMultipleSources(synced.spec);
  const revisions = multi ? syncOptions.revisions : [syncOptions.revision];
  const { hard, revisionMaxAgeMs } = syncOptions;
  const caching = { ...(hard === undefined ? {} : { hard }), ...(revisionMaxAgeMs === undefined ? {} : { revisionMaxAgeMs }) };
  const target = await loadAppTarget({ app: synced, sources: applicationSources(synced.spec), ...(revisions === undefined ? {} : { revisions }), now, ...caching }, options);
  if (target.loaded.conditions.length > 0) return refused(target.loaded.conditions);
  const comparison = await compareLive(synced, target.objects, options, now);
  if (!comparison.ok) return refused([comparison.error]);
  const { matched, compared } = comparison;
  if (compared.errors.length > 0) return refused(compared.errors.map((message) => stageError('compare', message, now)));

  // compareResources keeps pair order, one status per pair.
  const resources = matched.pairs.map((pair, index): PlanResource => {
    const status = compared.resources[index]?.status;
    return status === undefined ? pair : { ...pair, status };
  });
  const { revisions: resolved } = target.loaded;
  return { ok: true, resources, hooks: matched.hooks, revision: resolved[0] ?? '', ...(multi ? { revisions: resolved } : {}), sharedResourceWarnings: matched.warnings };
}
