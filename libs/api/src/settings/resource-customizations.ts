// Resource customizations from argocd-cm: health checks (Lua), actions, ignoreDifferences,
// ignoreResourceUpdates and knownTypeFields per group/kind, from the split keys
// `resource.customizations.<type>.<group_kind>` and the legacy `resource.customizations` block.

import type { ConfigMapReader } from './config-map-reader.js';
import { YamlText } from './yaml-text.js';
import type { YamlCursor } from './yaml-text.js';

/** Fields to ignore for every resource of a group/kind. */
export interface OverrideIgnoreDiff {
  jsonPointers?: string[];
  jqPathExpressions?: string[];
  managedFieldsManagers?: string[];
}

/** One custom action: a Lua script that returns the modified object. */
export interface ResourceActionDefinition {
  name: string;
  actionLua: string;
}

/** Custom actions of a group/kind: a Lua script listing the available actions and their definitions. */
export interface ResourceActions {
  discoveryLua?: string;
  definitions: ResourceActionDefinition[];
  mergeBuiltinActions?: boolean;
}

/** A field whose type the diff must know to normalise it (e.g. a `core/v1/PodSpec` inside a CRD). */
export interface KnownTypeField {
  field: string;
  type: string;
}

/** Every customization for one group/kind. */
export interface ResourceOverride {
  healthLua?: string;
  useOpenLibs?: boolean;
  actions?: ResourceActions;
  ignoreDifferences?: OverrideIgnoreDiff;
  ignoreResourceUpdates?: OverrideIgnoreDiff;
  knownTypeFields?: KnownTypeField[];
}

const PREFIX = 'resource.customizations.';

/**
 * Converts the `<group_kind>` part of a key into Argo's override key: `apps_Deployment` → `apps/Deployment`,
 * `Service` → `Service` (core group), `all` → `*\/*`. Returns `undefined` for malformed parts.
 */
export function overrideKeyOf(groupKind: string): string | undefined {
  if (groupKind === 'all') return '*/*';
  const parts = groupKind.split('_');
  if (parts.length === 2 && parts[0] !== '' && parts[1] !== '') return `${parts[0]}/${parts[1]}`;
  if (parts.length === 1 && groupKind !== '') return groupKind;
  return undefined;
}

/**
 * Reads all resource customizations, keyed by Argo's override key (`group/Kind`, `Kind` for the core
 * group, `*\/*` for `.all`). Split keys override the legacy block field by field.
 */
export function readResourceCustomizations(reader: ConfigMapReader): Record<string, ResourceOverride> {
  const overrides: Record<string, ResourceOverride> = {};
  reader.yaml('resource.customizations', (root) => {
    for (const key of root.keys()) overrides[key] = readLegacyOverride(root.at(key));
  });
  for (const key of reader.keysWithPrefix(PREFIX)) {
    const [type, ...rest] = key.slice(PREFIX.length).split('.');
    const overrideKey = overrideKeyOf(rest.join('.'));
    if (type === undefined || overrideKey === undefined) {
      reader.problem(key, 'want resource.customizations.<type>.<group_kind>');
      continue;
    }
    const override = (overrides[overrideKey] ??= {});
    applySplitKey(reader, key, type, override);
  }
  return overrides;
}

function applySplitKey(reader: ConfigMapReader, key: string, type: string, override: ResourceOverride): void {
  switch (type) {
    case 'health':
      override.healthLua = reader.data[key];
      return;
    case 'useOpenLibs':
      override.useOpenLibs = reader.bool(key, false);
      return;
    case 'actions':
      override.actions = reader.yaml(key, readActions);
      return;
    case 'ignoreDifferences':
      override.ignoreDifferences = reader.yaml(key, readIgnoreDiff);
      return;
    case 'ignoreResourceUpdates':
      override.ignoreResourceUpdates = reader.yaml(key, readIgnoreDiff);
      return;
    case 'knownTypeFields':
      override.knownTypeFields = reader.yaml(key, readKnownTypeFields);
      return;
    default:
      reader.problem(key, `unknown customization type ${JSON.stringify(type)} (want health, useOpenLibs, actions, ignoreDifferences, ignoreResourceUpdates or knownTypeFields)`);
  }
}

// Legacy block values hold nested YAML strings (`ignoreDifferences: |`): parse those too, naming the field.
function readLegacyOverride(entry: YamlCursor): ResourceOverride {
  const override: ResourceOverride = {};
  const nested = <T>(field: string, read: (root: YamlCursor) => T): T | undefined => {
    const text = entry.at(field).string();
    if (text === undefined) return undefined;
    const parsed = YamlText.parse(text);
    if (!parsed.ok) {
      entry.at(field).problem(parsed.message);
      return undefined;
    }
    return read(parsed.yaml.cursor((message) => entry.at(field).problem(`nested ${message}`)));
  };
  override.healthLua = entry.at('health.lua').string();
  override.useOpenLibs = entry.at('health.lua.useOpenLibs').boolean();
  override.actions = nested('actions', readActions);
  override.ignoreDifferences = nested('ignoreDifferences', readIgnoreDiff);
  override.ignoreResourceUpdates = nested('ignoreResourceUpdates', readIgnoreDiff);
  override.knownTypeFields = entry.at('knownTypeFields').missing ? undefined : readKnownTypeFields(entry.at('knownTypeFields'));
  return Object.fromEntries(Object.entries(override).filter(([, v]) => v !== undefined));
}

function readIgnoreDiff(root: YamlCursor): OverrideIgnoreDiff {
  root.keys();
  const result: OverrideIgnoreDiff = {};
  const jsonPointers = root.at('jsonPointers').stringList();
  const jqPathExpressions = root.at('jqPathExpressions').stringList();
  const managedFieldsManagers = root.at('managedFieldsManagers').stringList();
  if (jsonPointers) result.jsonPointers = jsonPointers;
  if (jqPathExpressions) result.jqPathExpressions = jqPathExpressions;
  if (managedFieldsManagers) result.managedFieldsManagers = managedFieldsManagers;
  return result;
}

function readActions(root: YamlCursor): ResourceActions {
  root.keys();
  const definitions = root.at('definitions').items().map((item) => ({
    name: item.at('name').string({ required: true }) ?? '',
    actionLua: item.at('action.lua').string({ required: true }) ?? '',
  }));
  const result: ResourceActions = { definitions };
  const discoveryLua = root.at('discovery.lua').string();
  const merge = root.at('mergeBuiltinActions').boolean();
  if (discoveryLua !== undefined) result.discoveryLua = discoveryLua;
  if (merge !== undefined) result.mergeBuiltinActions = merge;
  return result;
}

function readKnownTypeFields(root: YamlCursor): KnownTypeField[] {
  return root.items().map((item) => ({
    field: item.at('field').string({ required: true }) ?? '',
    type: item.at('type').string({ required: true }) ?? '',
  }));
}
