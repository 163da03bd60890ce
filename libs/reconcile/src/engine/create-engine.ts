// The engine: wires source → render → match → diff → health into Argo CD's refresh (`CompareAppState`).
import { DEFAULT_CONTROL_NAMESPACE, applicationSources, formatProblems, hasMultipleSources, isExcludedResource, validateApplication } from '@driftless/api';
import type { Application, ApplicationCondition, ComparedTo, ResourceStatus, SyncStatus, UnstructuredObject } from '@driftless/api';
import { desiredKeyOf, groupOf, matchResources } from '../match/index.js';
import { compareResources } from './compare-resources.js';
import { condition, errorMessage, stageError } from './conditions.js';
import type { Engine, EngineOptions, RefreshOptions, RefreshResult } from './engine-types.js';
import { collectImages } from './images.js';
import { loadTarget } from './load-target.js';

/** RFC 3339 without fractions, as Kubernetes serialises times: `2024-05-01T12:00:00Z`. */
export function formatTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

/**
 * The name tracking ids carry: the app's name, or `<namespace>_<name>` for an application outside the
 * control namespace (Argo CD's "apps in any namespace").
 */
export function trackingName(app: Pick<Application, 'metadata'>, controlNamespace = DEFAULT_CONTROL_NAMESPACE): string {
  const name = app.metadata.name ?? '';
  const namespace = app.metadata.namespace;
  return namespace === undefined || namespace === '' || namespace === controlNamespace ? name : `${namespace}_${name}`;
}

// managedFieldsManagers rules read live managedFields, which live-state caches usually drop to save memory.
function usesManagedFields(app: Application, options: EngineOptions): boolean {
  const appRules = app.spec.ignoreDifferences ?? [];
  const systemRules = Object.values(options.settings?.resourceOverrides ?? {}).map((o) => o.ignoreDifferences ?? {});
  return [...appRules, ...systemRules].some((rule) => (rule.managedFieldsManagers ?? []).length > 0);
}

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

// A refresh that could not compare: sync and health Unknown, nothing listed.
function failed(app: Application, now: string, conditions: ApplicationCondition[], revisions: readonly string[] = []): RefreshResult {
  return { sync: syncStatus(app, 'Unknown', revisions), health: { status: 'Unknown' }, resources: [], conditions, summary: {}, reconciledAt: now };
}

/**
 * Creates the engine over its ports. `refresh(app)`:
 * 1. validates the Application (`validateApplication`); problems → `InvalidSpecError` listing them all;
 * 2. loads the target state (`loadTarget`): resolve, check out into a fresh temp dir, render; failures →
 *    `ComparisonError` "Failed to load target state: <cause>" (unreachable repo, missing revision, render
 *    error with file and line); the tracked live resources are then still listed with their health and
 *    sync Unknown (nothing is marked for pruning), and the app's health is theirs (Unknown without any);
 * 3. lists live objects (`LiveState.listManaged`); failure → "Failed to load live state: <cause>";
 * 4. matches desired and live (`matchResources`); objects another app tracks → `SharedResourceWarning`;
 * 5. diffs and assesses each resource (`compareResources`), rolls sync and health up, collects images.
 * Any failing step leaves `sync.status` Unknown. The result never rejects; an unexpected bug is an
 * `UnknownError` condition.
 */
export function createEngine(options: EngineOptions): Engine {
  const clock = options.clock ?? (() => new Date());
  return {
    refresh: async (app, refreshOptions = {}) => {
      const now = formatTimestamp(clock());
      try {
        return await refresh(app, options, now, refreshOptions);
      } catch (error) {
        return failed(app, now, [condition('UnknownError', errorMessage(error), now)]);
      }
    },
  };
}

async function refresh(app: Application, options: EngineOptions, now: string, refreshOptions: RefreshOptions): Promise<RefreshResult> {
  const problems = validateApplication(app);
  if (problems.length > 0) return failed(app, now, [condition('InvalidSpecError', formatProblems(problems), now)]);

  const destination = app.spec.destination;
  const caching = { revisionMaxAgeMs: refreshOptions.hard === true ? 0 : (refreshOptions.revisionMaxAgeMs ?? 0), bypassRenderCache: refreshOptions.hard === true };
  const target = await loadTarget({ sources: applicationSources(app.spec), appName: app.metadata.name ?? '', destination, now, ...caching }, options);
  // Without a target state the live resources are still reported, for their health, with sync Unknown.
  const targetFailed = target.conditions.length > 0;
  // Argo drops kinds excluded by resource.exclusions/inclusions from the target, with a warning each.
  const filter = { resourceExclusions: options.settings?.resourceExclusions ?? [], resourceInclusions: options.settings?.resourceInclusions ?? [] };
  const excluded = (obj: UnstructuredObject): boolean => isExcludedResource(filter, groupOf(obj.apiVersion), obj.kind, destination.server ?? '');
  const objects = targetFailed ? [] : target.objects.filter((obj) => !excluded(obj));
  const exclusionWarnings = targetFailed ? [] : target.objects.filter(excluded).map((obj) => condition('ExcludedResourceWarning', `Resource ${groupOf(obj.apiVersion)}/${obj.kind} ${obj.metadata.name ?? ''} is excluded in the settings`, now));

  const appName = trackingName(app, options.controlNamespace);
  const isNamespaced = options.live.isNamespaced ?? (() => true);
  const destinationNamespace = destination.namespace === undefined || destination.namespace === '' ? undefined : destination.namespace;
  const desired = objects.map((obj) => desiredKeyOf(obj, isNamespaced, destinationNamespace ?? 'default'));
  let live: UnstructuredObject[];
  try {
    live = await options.live.listManaged({ appName, destination, desired, ...(usesManagedFields(app, options) ? { withManagedFields: true } : {}) });
  } catch (error) {
    return failed(app, now, [...target.conditions, stageError('live', error, now)], target.revisions);
  }

  const tracking = { trackingMethod: options.trackingMethod, instanceLabelKey: options.instanceLabelKey };
  const matched = matchResources(objects, live, { appName, isNamespaced, ...tracking, ...(destinationNamespace === undefined ? {} : { destinationNamespace }) });
  const compared = await compareResources(matched.pairs, { app, appName, ...tracking, settings: options.settings, live: options.live, liveObjects: live });
  if (targetFailed) {
    const result = failed(app, now, target.conditions, target.revisions);
    return compared.resources.length === 0 ? result : { ...result, health: compared.health, resources: compared.resources.map(unknownSync), tree: compared.tree };
  }
  const conditions = [
    ...exclusionWarnings,
    ...compared.errors.map((message) => stageError('compare', message, now)),
    ...matched.warnings.map((warning) => condition('SharedResourceWarning', warning.message, now)),
  ];
  const multi = hasMultipleSources(app.spec);
  return {
    sync: syncStatus(app, compared.errors.length > 0 ? 'Unknown' : compared.sync, target.revisions),
    health: compared.health,
    resources: compared.resources,
    tree: compared.tree,
    conditions,
    ...(multi ? { sourceTypes: target.sourceTypes } : target.sourceTypes[0] === undefined ? {} : { sourceType: target.sourceTypes[0] }),
    summary: { images: collectImages(target.objects) },
    reconciledAt: now,
  };
}
