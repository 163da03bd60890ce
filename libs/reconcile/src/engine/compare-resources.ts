// Per-resource sync status, health and sync wave of matched desired/live pairs, their roll-up to the app,
// and the resource tree: Argo CD's `CompareAppState` after reconciliation.
import { ANNOTATION_SYNC_WAVE, ARGOPROJ_GROUP } from '@driftless/api';
import type { Application, OverrideIgnoreDiff, ResourceStatus, SyncStatusCode, UnstructuredObject } from '@driftless/api';
import { diffResource, serverSideDiff } from '../diff/index.js';
import { aggregateHealth, createLuaHealthRunner, hasHealthCheck, resourceHealthWithOverrides } from '../health/index.js';
import type { HealthOverrides, HealthStatus, LuaHealthRunner, PlainObject } from '../health/index.js';
import { hasCompareOption, isResourceHook, isSkippedResource, withTracking } from '../match/index.js';
import type { ResourcePair, TrackingOptions } from '../match/index.js';
import { applicationTree } from '../tree/index.js';
import type { ApplicationTree } from '../tree/index.js';
import type { CompareSettings } from './compare-settings.js';
import { serverSideDiffEnabled } from './compare-settings.js';
import { errorMessage } from './conditions.js';
import type { LiveState } from './engine-types.js';

/** What {@link compareResources} needs besides the pairs. */
export interface CompareResourcesOptions extends TrackingOptions {
  /** The application: its `spec.ignoreDifferences`, destination and compare-options annotation are read. */
  app: Application;
  /** The name tracking ids carry (`trackingName`); dry-run objects get this application's tracking. */
  appName: string;
  /** @defaultValue Argo CD's defaults */
  settings?: CompareSettings;
  /** The live-state port: its optional `dryRunApply` serves server-side diffs. */
  live?: Pick<LiveState, 'dryRunApply'>;
  /** Every live object listed, owned children included: the tree is built from them. @defaultValue the pairs' */
  liveObjects?: readonly UnstructuredObject[];
  /** Runs custom Lua health checks. @defaultValue one runner per process, created on the first custom check */
  healthRunner?: Pick<LuaHealthRunner, 'check'>;
}

/** The outcome of {@link compareResources}. */
export interface ComparedResources {
  resources: ResourceStatus[];
  /** Synced when every counted resource is; hooks, `Skip` and extraneous `IgnoreExtraneous` objects do not count. */
  sync: Exclude<SyncStatusCode, 'Unknown'>;
  health: HealthStatus;
  /** One message per resource whose diff failed (an invalid jq expression, a failed dry run). */
  errors: string[];
  /** The managed live resources and what they own, each with its health. */
  tree: ApplicationTree;
}

/** The `argocd.argoproj.io/sync-wave` of an object: an integer, 0 when absent or malformed. */
export function syncWaveOf(obj: UnstructuredObject | undefined): number {
  const raw = obj?.metadata.annotations?.[ANNOTATION_SYNC_WAVE]?.trim() ?? '';
  return /^[+-]?\d+$/.test(raw) ? Number.parseInt(raw, 10) : 0;
}

function versionOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
}

// The WebAssembly module is loaded once per process, and only when some kind has a custom check.
let processRunner: LuaHealthRunner | undefined;
const lazyRunner: Pick<LuaHealthRunner, 'check'> = { check: (script, obj) => (processRunner ??= createLuaHealthRunner()).check(script, obj) };

/** What one comparison shares across its resources. */
interface Context {
  options: CompareResourcesOptions;
  systemIgnore: Record<string, OverrideIgnoreDiff>;
  serverSide: boolean;
  healthOf: (obj: UnstructuredObject) => HealthStatus | undefined;
}

/**
 * Compares every pair as Argo CD does, keeping pair order:
 * - hooks (a live or desired object with a hook annotation, see `isResourceHook`) and `hook: Skip` objects
 *   are listed without sync status or health and count for neither; a hook is marked `hook: true`;
 * - a desired object not live, or live and different after normalisation and ignore rules (the
 *   application's `spec.ignoreDifferences` plus argocd-cm's `resource.customizations.ignoreDifferences`),
 *   is OutOfSync; so is an extraneous object (requiresPruning, or IgnoreExtraneous — which still shows
 *   OutOfSync but leaves the application Synced);
 * - server-side (see `serverSideDiffEnabled`) with a `dryRunApply` port, a pair present on both sides is
 *   diffed against the dry run (`serverSideDiff`); a failed dry run leaves it Unknown with an error;
 *   without the port the client-side diff is used (Argo CD always has a dry runner);
 * - health: Missing when not live, else the live object's (argocd-cm Lua checks first, exact key then
 *   wildcards); the application's is the worst of its resources' own health — never rolled up from the
 *   objects they own, as Argo CD's `setApplicationHealth` — where Missing counts only for kinds with a
 *   check (built-in or customized) and a child Application's Missing or Unknown never counts.
 */
export async function compareResources(pairs: readonly ResourcePair<UnstructuredObject>[], options: CompareResourcesOptions): Promise<ComparedResources> {
  const overrides: HealthOverrides = options.settings?.resourceOverrides ?? {};
  const runner = options.healthRunner ?? lazyRunner;
  const managed = pairs.flatMap((pair) => (pair.live === undefined ? [] : [pair.live]));
  const liveObjects = options.liveObjects ?? managed;
  const health = new Map<UnstructuredObject, HealthStatus | undefined>();
  await Promise.all([...new Set([...managed, ...liveObjects])].map(async (obj) => health.set(obj, await resourceHealthWithOverrides(obj as PlainObject, { overrides, runner }))));
  const context: Context = {
    options,
    systemIgnore: systemIgnoreDifferences(options.settings),
    serverSide: serverSideDiffEnabled(options.app, options.settings),
    healthOf: (obj) => health.get(obj),
  };

  const resources: ResourceStatus[] = [];
  const counted: HealthStatus[] = [];
  const errors: string[] = [];
  let sync: ComparedResources['sync'] = 'Synced';
  for (const pair of pairs) {
    const obj = pair.live ?? pair.target;
    const hook = obj !== undefined && isResourceHook(obj);
    const skipped = pair.target !== undefined && isSkippedResource(pair.target);
    const base: ResourceStatus = {
      group: pair.key.group,
      version: versionOf(obj?.apiVersion ?? ''),
      kind: pair.key.kind,
      namespace: pair.key.namespace,
      name: pair.key.name,
      ...(hook ? { hook: true } : {}),
      ...(pair.requiresPruning ? { requiresPruning: true } : {}),
      syncWave: syncWaveOf(pair.target ?? pair.hook ?? pair.live),
    };
    // Argo CD stores neither sync status nor health for hooks and skipped objects.
    if (hook || skipped) {
      resources.push(base);
      continue;
    }
    const compared = await syncStatusOf(pair, context);
    if (compared.error !== undefined) errors.push(compared.error);
    if (compared.status === 'OutOfSync' && !pair.ignoreExtraneous) sync = 'OutOfSync';
    const resourceHealth = pair.live === undefined ? { status: 'Missing' as const } : context.healthOf(pair.live);
    if (resourceHealth !== undefined && countsForApp(pair, resourceHealth, overrides)) counted.push(resourceHealth);
    resources.push({ ...base, status: compared.status, ...(resourceHealth === undefined ? {} : { health: statusOnly(resourceHealth) }) });
  }
  const tree = applicationTree(managed, liveObjects, (obj) => {
    const known = context.healthOf(obj);
    return known === undefined ? undefined : statusOnly(known);
  });
  return { resources, sync, health: aggregateHealth(counted), errors, tree };
}

function statusOnly(health: HealthStatus): HealthStatus {
  return { status: health.status, ...(health.message === undefined ? {} : { message: health.message }) };
}

/** argocd-cm `resource.customizations.ignoreDifferences.*`, keyed as `ignoreRulesFor` reads them. */
function systemIgnoreDifferences(settings: CompareSettings | undefined): Record<string, OverrideIgnoreDiff> {
  const rules: Record<string, OverrideIgnoreDiff> = {};
  for (const [key, override] of Object.entries(settings?.resourceOverrides ?? {})) {
    if (override.ignoreDifferences !== undefined) rules[key] = override.ignoreDifferences;
  }
  return rules;
}

/** Sync status of one non-hook pair, with the error that made it Unknown. */
async function syncStatusOf(pair: ResourcePair<UnstructuredObject>, context: Context): Promise<{ status: SyncStatusCode; error?: string }> {
  if (pair.target === undefined || pair.live === undefined) return { status: 'OutOfSync' };
  const { options } = context;
  const ignore = {
    ignoreDifferences: options.app.spec.ignoreDifferences ?? [],
    systemIgnoreDifferences: context.systemIgnore,
    ...(options.settings?.compareOptions?.ignoreResourceStatusField === undefined ? {} : { ignoreResourceStatusField: options.settings.compareOptions.ignoreResourceStatusField }),
  };
  const dryRunApply = options.live?.dryRunApply?.bind(options.live);
  try {
    if (context.serverSide && dryRunApply !== undefined) {
      let predictedLive: UnstructuredObject;
      try {
        predictedLive = await dryRunApply(readyToApply(pair, pair.target, options), options.app.spec.destination);
      } catch (error) {
        throw new Error(`error running server side apply in dry run mode: ${errorMessage(error)}`);
      }
      const ignoreMutationWebhook = !hasCompareOption(options.app, 'IncludeMutationWebhook=true');
      const result = await serverSideDiff({ predictedLive, live: pair.live, ignoreMutationWebhook, ...ignore });
      return { status: result.modified ? 'OutOfSync' : 'Synced' };
    }
    const result = await diffResource({ config: pair.target, live: pair.live, ...ignore });
    return { status: result.modified ? 'OutOfSync' : 'Synced' };
  } catch (error) {
    return { status: 'Unknown', error: `${pair.key.kind}/${pair.key.name}: ${errorMessage(error)}` };
  }
}

/** The desired object as a sync would apply it: namespace as matched (none when cluster-scoped), tracked. */
function readyToApply(pair: ResourcePair<UnstructuredObject>, target: UnstructuredObject, options: CompareResourcesOptions): UnstructuredObject {
  const { namespace: _given, ...metadata } = target.metadata;
  const placed: UnstructuredObject = { ...structuredClone(target), metadata: { ...structuredClone(metadata), ...(pair.key.namespace === '' ? {} : { namespace: pair.key.namespace }) } };
  return withTracking(placed, options.appName, pair.key, options);
}

/**
 * Whether a resource's health counts for the application's, as Argo CD's `setApplicationHealth` decides:
 * Missing counts only for kinds with a health check or an argocd-cm customization under their exact key
 * (a missing ConfigMap does not make the app Missing), and a child Application's Missing or Unknown never
 * counts.
 */
function countsForApp(pair: ResourcePair<UnstructuredObject>, health: HealthStatus, overrides: HealthOverrides): boolean {
  const obj = (pair.target ?? pair.live) as PlainObject;
  if (health.status === 'Missing' && !hasHealthCheck(obj, overrides)) return false;
  const childApp = pair.key.group === ARGOPROJ_GROUP && pair.key.kind === 'Application';
  return !(childApp && (health.status === 'Missing' || health.status === 'Unknown'));
}
