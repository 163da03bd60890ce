// Parses the general settings ConfigMap `argocd-cm`: reconciliation timing, resource tracking, local
// accounts, resource customizations and resource filters, with Argo CD's defaults.

import { ARGOCD_CM, LABEL_APP_INSTANCE } from '../constants.js';
import type { ConfigMap } from '../types/kube-object.js';
import { ConfigMapReader } from './config-map-reader.js';
import { readResourceCustomizations } from './resource-customizations.js';
import type { ResourceOverride } from './resource-customizations.js';
import type { YamlCursor } from './yaml-text.js';

/** How the platform marks the resources an application owns. */
export type TrackingMethod = 'annotation' | 'label' | 'annotation+label';

/** A capability of a local account. */
export type AccountCapability = 'apiKey' | 'login';

/** A local account declared as `accounts.<name>`. */
export interface LocalAccount {
  capabilities: AccountCapability[];
  /** `accounts.<name>.enabled`, default true. */
  enabled: boolean;
}

/** A resource filter of `resource.exclusions` / `resource.inclusions`; empty lists match everything. */
export interface FilteredResource {
  apiGroups: string[];
  kinds: string[];
  clusters: string[];
}

/** `resource.compareoptions`; unset fields keep the diff engine's defaults. */
export interface CompareOptions {
  ignoreAggregatedRoles?: boolean;
  ignoreResourceStatusField?: 'crd' | 'all' | 'none';
  ignoreDifferencesOnResourceUpdates?: boolean;
}

/** The parsed `argocd-cm`. */
export interface ArgoCdSettings {
  /** External base URL of the UI/API (`url`). */
  url?: string;
  /** `timeout.reconciliation`: period of the scheduled refresh; 0 disables it. @defaultValue 180000 */
  reconciliationTimeoutMs: number;
  /** `timeout.reconciliation.jitter`: random extra delay added to each period, up to this. @defaultValue 0 */
  reconciliationJitterMs: number;
  /** `timeout.hard.reconciliation`: period of hard refreshes (cache bypass); 0 disables. @defaultValue 0 */
  hardReconciliationTimeoutMs: number;
  /** `application.instanceLabelKey`. @defaultValue `app.kubernetes.io/instance` */
  instanceLabelKey: string;
  /** `application.resourceTrackingMethod`. @defaultValue `annotation` (Argo CD 3) */
  trackingMethod: TrackingMethod;
  /** `admin.enabled`. @defaultValue true */
  adminEnabled: boolean;
  /** `users.anonymous.enabled`. @defaultValue false */
  anonymousEnabled: boolean;
  accounts: Record<string, LocalAccount>;
  /** Customizations keyed `group/Kind` (`Kind` for the core group, `*\/*` for all). */
  resourceOverrides: Record<string, ResourceOverride>;
  resourceExclusions: FilteredResource[];
  resourceInclusions: FilteredResource[];
  compareOptions: CompareOptions;
  /** Every key as given, for settings not modelled here. */
  data: Readonly<Record<string, string>>;
}

/** `timeout.reconciliation` when unset: Argo CD's 180 s. */
export const DEFAULT_RECONCILIATION_TIMEOUT_MS = 180_000;
/** `timeout.reconciliation.jitter` when unset: 0, as Argo CD documents it ("Disabled when the value is 0, defaults to 0"). */
export const DEFAULT_RECONCILIATION_JITTER_MS = 0;

const TRACKING_METHODS: readonly TrackingMethod[] = ['annotation', 'label', 'annotation+label'];
const CAPABILITIES: readonly AccountCapability[] = ['apiKey', 'login'];

/**
 * Parses `argocd-cm`. Absent keys take Argo CD's defaults. Throws InvalidInputError naming the ConfigMap and
 * every bad key (`configmap argocd/argocd-cm: timeout.reconciliation: invalid duration "3 minutes" ...`);
 * YAML problems also name the line.
 */
export function parseArgoCdConfigMap(configMap: ConfigMap): ArgoCdSettings {
  const reader = new ConfigMapReader(configMap, ARGOCD_CM);
  const tracking = reader.string('application.resourceTrackingMethod') ?? 'annotation';
  const trackingMethod = TRACKING_METHODS.find((m) => m === tracking);
  if (trackingMethod === undefined) reader.problem('application.resourceTrackingMethod', 'must be one of annotation, label, annotation+label');
  const settings: ArgoCdSettings = {
    reconciliationTimeoutMs: reader.duration('timeout.reconciliation', DEFAULT_RECONCILIATION_TIMEOUT_MS),
    reconciliationJitterMs: reader.duration('timeout.reconciliation.jitter', DEFAULT_RECONCILIATION_JITTER_MS),
    hardReconciliationTimeoutMs: reader.duration('timeout.hard.reconciliation', 0),
    instanceLabelKey: reader.string('application.instanceLabelKey') ?? LABEL_APP_INSTANCE,
    trackingMethod: trackingMethod ?? 'annotation',
    adminEnabled: reader.bool('admin.enabled', true),
    anonymousEnabled: reader.bool('users.anonymous.enabled', false),
    accounts: readAccounts(reader),
    resourceOverrides: readResourceCustomizations(reader),
    resourceExclusions: reader.yaml('resource.exclusions', readFilters) ?? [],
    resourceInclusions: reader.yaml('resource.inclusions', readFilters) ?? [],
    compareOptions: reader.yaml('resource.compareoptions', readCompareOptions) ?? {},
    data: reader.data,
  };
  const url = reader.string('url');
  if (url !== undefined) {
    if (URL.canParse(url)) settings.url = url;
    else reader.problem('url', 'must be an absolute URL');
  }
  reader.finish();
  return settings;
}

function readAccounts(reader: ConfigMapReader): Record<string, LocalAccount> {
  const accounts: Record<string, LocalAccount> = {};
  const keys = reader.keysWithPrefix('accounts.');
  for (const key of keys) {
    const name = key.slice('accounts.'.length);
    // `.enabled` and `.tokens` are attributes of an account, not accounts.
    if (name.endsWith('.enabled') || name.endsWith('.tokens') || name === '') continue;
    const capabilities: AccountCapability[] = [];
    for (const word of (reader.data[key] ?? '').split(',').map((w) => w.trim()).filter((w) => w !== '')) {
      const capability = CAPABILITIES.find((c) => c === word);
      if (capability === undefined) reader.problem(key, `unknown capability ${JSON.stringify(word)} (want apiKey, login)`);
      else if (!capabilities.includes(capability)) capabilities.push(capability);
    }
    accounts[name] = { capabilities, enabled: reader.bool(`${key}.enabled`, true) };
  }
  return accounts;
}

function readFilters(root: YamlCursor): FilteredResource[] {
  return root.items().map((item) => {
    item.keys();
    return {
      apiGroups: item.at('apiGroups').stringList() ?? [],
      kinds: item.at('kinds').stringList() ?? [],
      clusters: item.at('clusters').stringList() ?? [],
    };
  });
}

function readCompareOptions(root: YamlCursor): CompareOptions {
  root.keys();
  const options: CompareOptions = {};
  const aggregated = root.at('ignoreAggregatedRoles').boolean();
  const onUpdates = root.at('ignoreDifferencesOnResourceUpdates').boolean();
  const statusField = root.at('ignoreResourceStatusField').string();
  if (aggregated !== undefined) options.ignoreAggregatedRoles = aggregated;
  if (onUpdates !== undefined) options.ignoreDifferencesOnResourceUpdates = onUpdates;
  if (statusField !== undefined) {
    if (statusField === 'crd' || statusField === 'all' || statusField === 'none') options.ignoreResourceStatusField = statusField;
    else root.at('ignoreResourceStatusField').problem('must be one of crd, all, none');
  }
  return options;
}
