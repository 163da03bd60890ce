// The comparison refresh and prepareSync share (Argo CD's `CompareAppState`): load the desired objects,
// list the live ones, match and compare them. Callers turn the outcome into a status or a sync's input.
import { DEFAULT_CONTROL_NAMESPACE, isExcludedResource } from '@driftless/api';
import type { Application, ApplicationCondition, ApplicationSource, UnstructuredObject } from '@driftless/api';
import { desiredKeyOf, groupOf, matchResources } from '../match/index.js';
import type { MatchResult } from '../match/index.js';
import { compareResources } from './compare-resources.js';
import type { ComparedResources } from './compare-resources.js';
import { condition, stageError } from './conditions.js';
import type { EngineOptions } from './engine-types.js';
import { loadTarget } from './load-target.js';
import type { LoadedTarget } from './load-target.js';

/**
 * The name tracking ids carry: the app's name, or `<namespace>_<name>` for an application outside the
 * control namespace (Argo CD's "apps in any namespace").
 */
export function trackingName(app: Pick<Application, 'metadata'>, controlNamespace = DEFAULT_CONTROL_NAMESPACE): string {
  const name = app.metadata.name ?? '';
  const namespace = app.metadata.namespace;
  return namespace === undefined || namespace === '' || namespace === controlNamespace ? name : `${namespace}_${name}`;
}

/** What {@link loadAppTarget} loads: an already validated application's sources, at which revisions, how cached. */
export interface AppTargetInput {
  app: Application;
  /** The sources to render: the spec's, or those of a sync operation that replace them (rollbacks). */
  sources: readonly ApplicationSource[];
  /** Per source, the revision to resolve instead of its `targetRevision` (see `LoadTargetInput.revisions`). */
  revisions?: readonly (string | undefined)[];
  now: string;
  /** Reuse a fetch younger than this many ms. @defaultValue 0: fetch */
  revisionMaxAgeMs?: number;
  /** Fetch, and render without reading the render cache. @defaultValue false */
  hard?: boolean;
}

/** The desired state of an application. */
export interface AppTarget {
  loaded: LoadedTarget;
  /** The objects to compare: none when any source failed to load, kinds excluded in the settings dropped. */
  objects: UnstructuredObject[];
  /** One `ExcludedResourceWarning` per dropped object. */
  exclusionWarnings: ApplicationCondition[];
}

/**
 * Loads the desired objects (`loadTarget`: resolve, render cache, checkout, render) and drops the kinds
 * argocd-cm's `resource.exclusions`/`resource.inclusions` exclude, as Argo CD does, with a warning each.
 * A failed source leaves `objects` empty: nothing is then known to be desired. Never rejects for a port.
 */
export async function loadAppTarget(input: AppTargetInput, options: EngineOptions): Promise<AppTarget> {
  const { app, sources, now } = input;
  const destination = app.spec.destination;
  const hard = input.hard === true;
  const caching = { revisionMaxAgeMs: hard ? 0 : (input.revisionMaxAgeMs ?? 0), bypassRenderCache: hard };
  const revisions = input.revisions === undefined ? {} : { revisions: input.revisions };
  const loaded = await loadTarget({ sources, ...revisions, appName: app.metadata.name ?? '', destination, now, ...caching }, options);
  if (loaded.conditions.length > 0) return { loaded, objects: [], exclusionWarnings: [] };
  const filter = { resourceExclusions: options.settings?.resourceExclusions ?? [], resourceInclusions: options.settings?.resourceInclusions ?? [] };
  const excluded = (obj: UnstructuredObject): boolean => isExcludedResource(filter, groupOf(obj.apiVersion), obj.kind, destination.server ?? '');
  return {
    loaded,
    objects: loaded.objects.filter((obj) => !excluded(obj)),
    exclusionWarnings: loaded.objects.filter(excluded).map((obj) => condition('ExcludedResourceWarning', `Resource ${groupOf(obj.apiVersion)}/${obj.kind} ${obj.metadata.name ?? ''} is excluded in the settings`, now)),
  };
}

/** The desired objects against the live state: every live object listed, the pairs and their comparison. */
export type LiveComparison =
  | { ok: true; live: UnstructuredObject[]; matched: MatchResult<UnstructuredObject>; compared: ComparedResources }
  | { ok: false; error: ApplicationCondition };

// managedFieldsManagers rules read live managedFields, which live-state caches usually drop to save memory.
function usesManagedFields(app: Application, options: EngineOptions): boolean {
  const appRules = app.spec.ignoreDifferences ?? [];
  const systemRules = Object.values(options.settings?.resourceOverrides ?? {}).map((o) => o.ignoreDifferences ?? {});
  return [...appRules, ...systemRules].some((rule) => (rule.managedFieldsManagers ?? []).length > 0);
}

/**
 * Lists the live objects (`LiveState.listManaged`), matches `objects` against them (`matchResources`:
 * hooks set aside, shared resources warned about) and compares every pair (`compareResources`). The pairs
 * hold the live objects exactly as the port returned them. A failed listing → `{ ok: false }` with the
 * "Failed to load live state: <cause>" condition; other port failures reject.
 */
export async function compareLive(app: Application, objects: readonly UnstructuredObject[], options: EngineOptions, now: string): Promise<LiveComparison> {
  const destination = app.spec.destination;
  const appName = trackingName(app, options.controlNamespace);
  const isNamespaced = options.live.isNamespaced ?? (() => true);
  const destinationNamespace = destination.namespace === undefined || destination.namespace === '' ? undefined : destination.namespace;
  const desired = objects.map((obj) => desiredKeyOf(obj, isNamespaced, destinationNamespace ?? 'default'));
  let live: UnstructuredObject[];
  try {
    live = await options.live.listManaged({ appName, destination, desired, ...(usesManagedFields(app, options) ? { withManagedFields: true } : {}) });
  } catch (error) {
    return { ok: false, error: stageError('live', error, now) };
  }
  const tracking = { trackingMethod: options.trackingMethod, instanceLabelKey: options.instanceLabelKey };
  const matched = matchResources(objects, live, { appName, isNamespaced, ...tracking, ...(destinationNamespace === undefined ? {} : { destinationNamespace }) });
  const compared = await compareResources(matched.pairs, { app, appName, ...tracking, settings: options.settings, live: options.live, liveObjects: live });
  return { ok: true, live, matched, compared };
}
