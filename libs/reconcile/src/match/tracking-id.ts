// Argo CD resource tracking: the `<app>:<group>/<kind>:<namespace>/<name>` annotation and the instance label.

import { ANNOTATION_TRACKING_ID, LABEL_APP_INSTANCE } from '@driftless/api';
import type { KubeObject, TrackingMethod } from '@driftless/api';
import { keyOf, sameKey } from './resource-key.js';
import type { ResourceKey } from './resource-key.js';

/** A parsed tracking id: the owning application and the object it was written for. */
export interface TrackingId extends ResourceKey {
  /** Application name; `<namespace>_<name>` for applications outside the control namespace. */
  appName: string;
}

/** How an installation tracks resources (`application.resourceTrackingMethod`, `application.instanceLabelKey`). */
export interface TrackingOptions {
  /** @defaultValue `annotation` */
  trackingMethod?: TrackingMethod;
  /** @defaultValue `app.kubernetes.io/instance` */
  instanceLabelKey?: string;
}

/**
 * Builds the tracking id Argo CD writes: `guestbook:apps/Deployment:default/web`; the core group is empty
 * (`guestbook:/ConfigMap:default/cm`) and so is a cluster-scoped namespace (`guestbook:/Namespace:/team-a`).
 */
export function formatTrackingId(id: TrackingId): string {
  return `${id.appName}:${id.group}/${id.kind}:${id.namespace}/${id.name}`;
}

/**
 * Parses a tracking id as Argo CD's `ParseAppInstanceValue` does: exactly three `:` parts, the last two each
 * exactly one `/`. Returns `undefined` for anything else (never throws).
 */
export function parseTrackingId(value: string): TrackingId | undefined {
  const parts = value.split(':');
  if (parts.length !== 3) return undefined;
  const [appName, groupKind, namespaceName] = parts as [string, string, string];
  const gk = groupKind.split('/');
  const nn = namespaceName.split('/');
  if (gk.length !== 2 || nn.length !== 2) return undefined;
  return { appName, group: gk[0] ?? '', kind: gk[1] ?? '', namespace: nn[0] ?? '', name: nn[1] ?? '' };
}

/**
 * The application that tracks `obj`, or `undefined`. With `label` the instance label's value; with
 * `annotation` and `annotation+label` the tracking id's application, but only when the id names the object
 * itself: controllers copy annotations into the objects they create, and those copies are not tracked.
 */
export function trackingAppName(obj: KubeObject, options: TrackingOptions = {}): string | undefined {
  const method = options.trackingMethod ?? 'annotation';
  if (method === 'label') {
    const value = obj.metadata.labels?.[options.instanceLabelKey ?? LABEL_APP_INSTANCE];
    return value === undefined || value === '' ? undefined : value;
  }
  const raw = obj.metadata.annotations?.[ANNOTATION_TRACKING_ID];
  if (raw === undefined) return undefined;
  const id = parseTrackingId(raw);
  if (id === undefined) return undefined;
  return isSelfReference(id, keyOf(obj)) ? id.appName : undefined;
}

/** Argo's `isSelfReferencedObj`: the id names this object; a cluster-scoped id matches any namespace. */
function isSelfReference(id: TrackingId, key: ResourceKey): boolean {
  if (id.namespace === '') return id.group === key.group && id.kind === key.kind && id.name === key.name;
  return sameKey(id, key);
}

/** Kubernetes' limit on a label value; Argo CD truncates the instance label to it. */
const LABEL_VALUE_MAX = 63;

/**
 * A copy of `obj` carrying the tracking metadata a sync writes for the object at `key` (Argo's
 * `SetAppInstance`): the tracking-id annotation for `annotation` and `annotation+label`, the instance label
 * (`appName`, cut to 63 characters) for `label` and `annotation+label`. `obj` is not changed.
 */
export function withTracking<T extends KubeObject>(obj: T, appName: string, key: ResourceKey, options: TrackingOptions = {}): T {
  const method = options.trackingMethod ?? 'annotation';
  const metadata = { ...obj.metadata };
  if (method !== 'label') metadata.annotations = { ...metadata.annotations, [ANNOTATION_TRACKING_ID]: formatTrackingId({ appName, ...key }) };
  if (method !== 'annotation') metadata.labels = { ...metadata.labels, [options.instanceLabelKey ?? LABEL_APP_INSTANCE]: appName.slice(0, LABEL_VALUE_MAX) };
  return { ...obj, metadata };
}
