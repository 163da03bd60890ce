// Refresh: the comparison of an application's Git state with its live state, reported as Argo CD's
// status fields (sync, resources, health, conditions, summary).
import { applicationSources, formatProblems, hasMultipleSources, validateApplication } from '@driftless/api';
import type { Application, ApplicationCondition, ComparedTo, ResourceStatus, SyncStatus } from '@driftless/api';
import { compareLive, loadAppTarget } from './compare-app.js';
import { condition, stageError } from './conditions.js';
import type { EngineOptions, RefreshOptions, RefreshResult } from './engine-types.js';
import { collectImages } from './images.js';

function comparedTo(app: Application): ComparedTo | undefined {
  const spec = app.spec;
  if (spec?.destination === undefined) return undefined;
  const sources = hasMultipleSources(spec) ? { sources: spec.sources } : spec.source === undefined ? {} : { source: spec.source };
  const ignore = spec.ignoreDifferences === undefined || spec.ignoreDifferences.length === 0 ? {} : { ignoreDifferences: spec.ignoreDifferences };
  return { destination: spec.destination, ...sources, ...ignore };
}

function syncStatus(app: Application, status: SyncStatus['status'], revisions: readonly string[]): SyncStatus {
  const compared = comparedTo(app);
  const revision = hasMultipleSources(app.spec ?? {}) ? { revisions: [...revisions] } : revisions[0] ? { revision: revisions[0] } : {};
  return { status, ...revision, ...(compared === undefined ? {} : { comparedTo: compared }) };
}

// Without a target state nothing is known to be in sync or to need pruning.
function unknownSync(resource: ResourceStatus): ResourceStatus {
  const { requiresPruning: _unknown, ...rest } = resource;
  return { ...rest, status: 'Unknown' };
}

/** A refresh that could not compare: sync and health Unknown, nothing listed. */
export function failedRefresh(app: Application, now: string, conditions: ApplicationCondition[], revisions: readonly string[] = []): RefreshResult {
  return { sync: syncStatus(app, 'Unknown', revisions), health: { status: 'Unknown' }, resources: [], conditions, summary: {}, reconciledAt: now };
}

/**
 * Refreshes `app` at `now` (see `createEngine`). Rejects only for an unexpected bug, which the engine turns
 * into an `UnknownError` condition.
 */
export async function refresh(app: Application, options: EngineOptions, now: string, refreshOptions: RefreshOptions): Promise<RefreshResult> {
  const problems = validateApplication(app);
  if (problems.length > 0) return failedRefresh(app, now, [condition('InvalidSpecError', formatProblems(problems), now)]);

  const target = await loadAppTarget({ app, sources: applicationSources(app.spec), now, ...refreshOptions }, options);
  const { loaded } = target;
  const comparison = await compareLive(app, target.objects, options, now);
  if (!comparison.ok) return failedRefresh(app, now, [...loaded.conditions, comparison.error], loaded.revisions);
  const { compared, matched } = comparison;
  // Without a target state the live resources are still reported, for their health, with sync Unknown.
  if (loaded.conditions.length > 0) {
    const result = failedRefresh(app, now, loaded.conditions, loaded.revisions);
    return compared.resources.length === 0 ? result : { ...result, health: compared.health, resources: compared.resources.map(unknownSync), tree: compared.tree };
  }
  const conditions = [
    ...target.exclusionWarnings,
    ...compared.errors.map((message) => stageError('compare', message, now)),
    ...matched.warnings.map((warning) => condition('SharedResourceWarning', warning.message, now)),
  ];
  const multi = hasMultipleSources(app.spec);
  return {
    sync: syncStatus(app, compared.errors.length > 0 ? 'Unknown' : compared.sync, loaded.revisions),
    health: compared.health,
    resources: compared.resources,
    tree: compared.tree,
    conditions,
    ...(multi ? { sourceTypes: loaded.sourceTypes } : loaded.sourceTypes[0] === undefined ? {} : { sourceType: loaded.sourceTypes[0] }),
    summary: { images: collectImages(loaded.objects) },
    reconciledAt: now,
  };
}
