// Per-resource sync status, health and sync wave of matched desired/live pairs, and their roll-up to the app.
import { ANNOTATION_SYNC_WAVE, ARGOPROJ_GROUP } from '@driftless/api';
import type { ResourceIgnoreDifferences, ResourceStatus, SyncStatusCode, UnstructuredObject } from '@driftless/api';
import { diffResource } from '../diff/index.js';
import { BUILTIN_HEALTH_CHECKS, aggregateHealth, groupKindKey, resourceHealth } from '../health/index.js';
import type { HealthStatus, PlainObject } from '../health/index.js';
import type { ResourcePair } from '../match/index.js';
import { errorMessage } from './conditions.js';

/** The outcome of {@link compareResources}. */
export interface ComparedResources {
  resources: ResourceStatus[];
  /** Synced when every counted resource is; extraneous `IgnoreExtraneous` objects do not count. */
  sync: Exclude<SyncStatusCode, 'Unknown'>;
  health: HealthStatus;
  /** One message per resource whose diff failed (e.g. an invalid jq expression). */
  errors: string[];
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

/**
 * Health of one pair: Missing when desired but not live; else the live object's health (undefined for
 * kinds without a check, e.g. ConfigMap).
 */
function pairHealth(pair: ResourcePair<UnstructuredObject>): HealthStatus | undefined {
  if (pair.live === undefined) return { status: 'Missing' };
  const health = resourceHealth(pair.live as PlainObject);
  return health === undefined ? undefined : { status: health.status, ...(health.message === undefined ? {} : { message: health.message }) };
}

/**
 * Whether a resource's health counts for the application's, as Argo CD's `setApplicationHealth` decides:
 * Missing counts only for kinds with a health check (a missing ConfigMap does not make the app Missing),
 * and a child Application's Missing or Unknown never counts.
 */
function countsForApp(pair: ResourcePair<UnstructuredObject>, health: HealthStatus): boolean {
  const obj = (pair.target ?? pair.live) as PlainObject;
  if (health.status === 'Missing' && !BUILTIN_HEALTH_CHECKS.has(groupKindKey(obj))) return false;
  const childApp = pair.key.group === ARGOPROJ_GROUP && pair.key.kind === 'Application';
  return !(childApp && (health.status === 'Missing' || health.status === 'Unknown'));
}

/**
 * Compares every pair: a desired object not live, or live and different after normalisation (see
 * `diffResource`), is OutOfSync; so is an extraneous object (requiresPruning, or IgnoreExtraneous — which
 * still shows OutOfSync but leaves the application Synced, as in Argo CD). Resources keep pair order.
 */
export async function compareResources(pairs: readonly ResourcePair<UnstructuredObject>[], ignoreDifferences: readonly ResourceIgnoreDifferences[] = []): Promise<ComparedResources> {
  const resources: ResourceStatus[] = [];
  const counted: HealthStatus[] = [];
  const errors: string[] = [];
  let sync: ComparedResources['sync'] = 'Synced';
  for (const pair of pairs) {
    const obj = pair.target ?? pair.live;
    let status: SyncStatusCode = 'OutOfSync';
    if (pair.target !== undefined && pair.live !== undefined) {
      try {
        status = (await diffResource({ config: pair.target, live: pair.live, ignoreDifferences })).modified ? 'OutOfSync' : 'Synced';
      } catch (error) {
        status = 'Unknown';
        errors.push(`${pair.key.kind}/${pair.key.name}: ${errorMessage(error)}`);
      }
    }
    if (status === 'OutOfSync' && !pair.ignoreExtraneous) sync = 'OutOfSync';
    const health = pairHealth(pair);
    if (health !== undefined && countsForApp(pair, health)) counted.push(health);
    resources.push({
      group: pair.key.group,
      version: versionOf(obj?.apiVersion ?? ''),
      kind: pair.key.kind,
      namespace: pair.key.namespace,
      name: pair.key.name,
      status,
      ...(health === undefined ? {} : { health }),
      ...(pair.requiresPruning ? { requiresPruning: true } : {}),
      syncWave: syncWaveOf(pair.target ?? pair.live),
    });
  }
  return { resources, sync, health: aggregateHealth(counted), errors };
}
