// Pairs an application's desired objects with live objects by key, finds what to prune and what other apps own.

import { ANNOTATION_COMPARE_OPTIONS } from '@driftless/api';
import type { KubeObject } from '@driftless/api';
import { isResourceHook, isIgnoredHook } from './hooks.js';
import { desiredKeyOf, formatKey, keyOf } from './resource-key.js';
import type { IsNamespaced, ResourceKey } from './resource-key.js';
import { trackingAppName } from './tracking-id.js';
import type { TrackingOptions } from './tracking-id.js';

/** What matching needs to know about the application and the installation. */
export interface MatchOptions extends TrackingOptions {
  /** The application's name as tracking ids carry it. */
  appName: string;
  /** `spec.destination.namespace`; namespaced objects without a namespace land here. @defaultValue `default` */
  destinationNamespace?: string;
  /** Discovery's answer to "is this kind namespaced?". @defaultValue every kind is namespaced */
  isNamespaced?: IsNamespaced;
}

/** One resource of the application: desired, live, or both. */
export interface ResourcePair<T extends KubeObject = KubeObject> {
  key: ResourceKey;
  /** The desired object from Git; absent for extraneous live objects. */
  target?: T;
  /** The object in the cluster; absent when it does not exist yet. */
  live?: T;
  /** Live, tracked by this application, no longer desired and not marked `IgnoreExtraneous`. */
  requiresPruning: boolean;
  /** Extraneous but marked `argocd.argoproj.io/compare-options: IgnoreExtraneous`: neither pruned nor OutOfSync. */
  ignoreExtraneous: boolean;
  /** For a live object at the key of a desired hook: that hook (hooks are never targets; its sync wave is shown). */
  hook?: T;
}

/** A desired object that exists live but is tracked by another application. */
export interface SharedResourceWarning {
  key: ResourceKey;
  otherApp: string;
  /** Argo's wording: `Deployment/web is part of applications guestbook and other`. */
  message: string;
}

/** The outcome of {@link matchResources}. */
export interface MatchResult<T extends KubeObject = KubeObject> {
  pairs: ResourcePair<T>[];
  /** Desired hooks, kept out of the pairs (gitops-engine `splitHooks`), in input order; the sync runs them. */
  hooks: T[];
  warnings: SharedResourceWarning[];
}

/**
 * Matches desired objects against live ones, as gitops-engine's `Reconcile`. Desired hooks (see `isResourceHook`)
 * are set aside in `hooks` and hook annotations without a valid type are dropped (`ignore.Ignore`); neither
 * is paired. Every other desired object yields a pair (with the live object at its key, whoever tracks it)
 * in input order; then every live object tracked by this application that is not desired yields a pair
 * without a target, sorted by key — a live hook among them, so it is listed (and, like Argo CD, flagged
 * requiresPruning; the sync never prunes hooks). Live objects with owner references are never extraneous:
 * their owner manages them. A desired key whose live object another application tracks yields a
 * {@link SharedResourceWarning}. Duplicated desired keys keep the first object.
 */
export function matchResources<T extends KubeObject>(allDesired: readonly T[], live: readonly T[], options: MatchOptions): MatchResult<T> {
  const isNamespaced = options.isNamespaced ?? (() => true);
  const destinationNamespace = options.destinationNamespace ?? 'default';
  const liveByKey = new Map<string, T>();
  for (const obj of live) liveByKey.set(formatKey(keyOf(obj)), obj);
  const hooks = allDesired.filter((obj) => isResourceHook(obj) && !isIgnoredHook(obj));
  const desired = allDesired.filter((obj) => !isResourceHook(obj));
  const hookByKey = new Map<string, T>();
  for (const hook of hooks) if (hook.metadata.name) hookByKey.set(formatKey(desiredKeyOf(hook, isNamespaced, destinationNamespace)), hook);

  const pairs: ResourcePair<T>[] = [];
  const warnings: SharedResourceWarning[] = [];
  const desiredKeys = new Set<string>();
  for (const target of desired) {
    const key = desiredKeyOf(target, isNamespaced, destinationNamespace);
    const id = formatKey(key);
    if (desiredKeys.has(id)) continue;
    desiredKeys.add(id);
    const liveObj = liveByKey.get(id);
    if (liveObj !== undefined) {
      const owner = trackingAppName(liveObj, options);
      if (owner !== undefined && owner !== options.appName) warnings.push(sharedWarning(key, options.appName, owner));
    }
    pairs.push({ key, target, ...(liveObj === undefined ? {} : { live: liveObj }), requiresPruning: false, ignoreExtraneous: false });
  }

  const extraneous = live
    .filter((obj) => !desiredKeys.has(formatKey(keyOf(obj))))
    .filter((obj) => (obj.metadata.ownerReferences ?? []).length === 0)
    .filter((obj) => trackingAppName(obj, options) === options.appName)
    .map((obj) => ({ key: keyOf(obj), obj }))
    .sort((a, b) => formatKey(a.key).localeCompare(formatKey(b.key)));
  for (const { key, obj } of extraneous) {
    const ignore = hasCompareOption(obj, 'IgnoreExtraneous');
    const hook = hookByKey.get(formatKey(key));
    pairs.push({ key, live: obj, requiresPruning: !ignore, ignoreExtraneous: ignore, ...(hook === undefined ? {} : { hook }) });
  }
  return { pairs, hooks, warnings };
}

/** Whether the object's `argocd.argoproj.io/compare-options` comma list holds `option`. */
export function hasCompareOption(obj: KubeObject, option: string): boolean {
  const raw = obj.metadata.annotations?.[ANNOTATION_COMPARE_OPTIONS] ?? '';
  return raw.split(',').some((entry) => entry.trim() === option);
}

function sharedWarning(key: ResourceKey, appName: string, otherApp: string): SharedResourceWarning {
  return { key, otherApp, message: `${key.kind}/${key.name} is part of applications ${appName} and ${otherApp}` };
}
