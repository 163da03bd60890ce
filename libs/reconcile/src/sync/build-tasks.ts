// Turns managed resources, hooks and CreateNamespace into unordered task drafts (gitops-engine
// `getSyncTasks` before sorting): one apply or prune per resource, one hook task per hook phase.
import type { KubeObject, ManagedNamespaceMetadata, SyncOperationResource, UnstructuredObject } from '@driftless/api';
import type { ResourceKey } from '../match/index.js';
import { hookTypesOf, isResourceHook } from '../match/hooks.js';
import { hookDeletePolicies, hookName, syncPhasesOf } from './hooks.js';
import type { PlanKey, PlanResource } from './plan-types.js';
import { applyOptionsFor, pruneDecision, pruneOptionsFor } from './resource-options.js';
import type { AppSyncOptions } from './sync-options.js';
import type { Draft } from './task-order.js';
import { waveOf } from './waves.js';

/** What building drafts needs besides the objects. */
export interface DraftContext {
  app: AppSyncOptions;
  prune: boolean;
  force: boolean;
  destinationNamespace: string;
  revision: string;
  startedAt?: string;
  /** `group/kind` of every CRD the sync carries: their objects may skip the dry run. */
  crdKinds: ReadonlySet<string>;
}

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** `group/kind` of the kind a CRD defines, or `undefined` for any other object. */
export function crdKindOf(obj: UnstructuredObject): string | undefined {
  if (obj.kind !== 'CustomResourceDefinition' || splitApiVersion(obj.apiVersion).group !== 'apiextensions.k8s.io') return undefined;
  const spec = obj['spec'] as { group?: unknown; names?: { kind?: unknown } } | undefined;
  return typeof spec?.group === 'string' && typeof spec.names?.kind === 'string' ? `${spec.group}/${spec.names.kind}` : undefined;
}

/**
 * Whether `key` is one of the selective-sync resources: same group, kind and name, and same namespace when
 * the selection names one (Argo CD `SyncOperationResource.HasIdentity`).
 */
export function isSelected(key: ResourceKey, selected: readonly SyncOperationResource[]): boolean {
  return selected.some(
    (r) => (r.group ?? '') === key.group && r.kind === key.kind && r.name === key.name && (r.namespace === undefined || r.namespace === '' || r.namespace === key.namespace),
  );
}

function planKey(key: ResourceKey, obj: KubeObject): PlanKey {
  return { ...key, version: splitApiVersion(obj.apiVersion).version };
}

/**
 * Drafts for managed resources: a desired object is applied in the Sync phase; an extraneous one that
 * requires pruning gets a prune (or prune-skipped) task at its live wave. Hooks, `Skip` objects and
 * `IgnoreExtraneous` leftovers get none.
 */
export function resourceDrafts(resources: readonly PlanResource[], ctx: DraftContext): Draft[] {
  const drafts: Draft[] = [];
  for (const pair of resources) {
    const obj = pair.target ?? pair.live;
    if (obj === undefined || isResourceHook(obj) || syncPhasesOf(obj).length === 0) continue;
    const key = planKey(pair.key, obj);
    const wave = waveOf(obj);
    if (pair.target !== undefined) {
      const options = applyOptionsFor(pair.target, pair.live, ctx.app, ctx.force, ctx.crdKinds.has(`${key.group}/${key.kind}`));
      const synced = pair.live !== undefined && pair.status === 'Synced';
      drafts.push({ task: { phase: 'Sync', wave, action: 'apply', key, options }, target: pair.target, ...(synced ? { synced } : {}) });
    } else if (pair.live !== undefined && pair.requiresPruning) {
      const { action, reason, requiresConfirmation } = pruneDecision(pair.live, ctx.app, ctx.prune);
      const task = { phase: 'Sync' as const, wave, action, key, options: pruneOptionsFor(pair.live, ctx.app) };
      drafts.push({ task: { ...task, ...(reason === undefined ? {} : { reason }), ...(requiresConfirmation === true ? { requiresConfirmation } : {}) } });
    }
  }
  return drafts;
}

/** Drafts for hooks: one per sync phase, named for this operation, in the destination namespace if unset. */
export function hookDrafts(hooks: readonly UnstructuredObject[], ctx: DraftContext): Draft[] {
  return hooks.flatMap((hook) =>
    syncPhasesOf(hook).map((phase): Draft => {
      const { group, version } = splitApiVersion(hook.apiVersion);
      const generateName = hook.metadata.name ? undefined : hook.metadata.generateName;
      const key: PlanKey = {
        group,
        version,
        kind: hook.kind,
        namespace: hook.metadata.namespace || ctx.destinationNamespace,
        name: hookName(hook, phase, ctx.revision, ctx.startedAt) ?? '',
        ...(generateName === undefined ? {} : { generateName }),
      };
      const options = applyOptionsFor(hook, undefined, ctx.app, ctx.force, ctx.crdKinds.has(`${group}/${hook.kind}`));
      const info = { types: hookTypesOf(hook), deletePolicies: hookDeletePolicies(hook) };
      return { task: { phase, wave: waveOf(hook), action: 'create-hook', key, hook: info, options }, target: hook };
    }),
  );
}

/** The CreateNamespace draft: the destination namespace, created in PreSync wave 0 with its managed metadata. */
export function namespaceDraft(ctx: DraftContext, managedNamespaceMetadata: ManagedNamespaceMetadata | undefined): Draft {
  const target: UnstructuredObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ctx.destinationNamespace } };
  const key: PlanKey = { group: '', version: 'v1', kind: 'Namespace', namespace: '', name: ctx.destinationNamespace };
  const options = applyOptionsFor(target, undefined, ctx.app, ctx.force, false);
  return { task: { phase: 'PreSync', wave: 0, action: 'create-namespace', key, options, ...(managedNamespaceMetadata === undefined ? {} : { managedNamespaceMetadata }) }, target };
}

