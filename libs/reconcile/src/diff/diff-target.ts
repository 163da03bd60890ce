// Plain-JSON copies of the objects a diff compares, and what ignore rules are matched against.
import type { UnstructuredObject } from '@driftless/api';
import type { IgnoreTarget } from './ignore-differences.js';
import type { JsonObject } from './json-value.js';

/** A deep, JSON-only copy of `obj` that the diff may change freely. */
export function toJson(obj: UnstructuredObject): JsonObject {
  return JSON.parse(JSON.stringify(obj)) as JsonObject;
}

/** The API group of an object (`''` for the core group) from its apiVersion. */
export function apiGroup(obj: JsonObject | null): string {
  const apiVersion = obj?.['apiVersion'];
  if (typeof apiVersion !== 'string' || !apiVersion.includes('/')) return '';
  return apiVersion.slice(0, apiVersion.indexOf('/'));
}

/** Whether `obj` is a core Secret, whose values a diff masks. */
export function isSecretObject(obj: JsonObject | null): boolean {
  return obj?.['kind'] === 'Secret' && apiGroup(obj) === '';
}

/** The resource ignore rules are matched against; the live object carries the real namespace. */
export function targetOf(obj: UnstructuredObject | null | undefined): IgnoreTarget {
  const group = obj === null || obj === undefined ? '' : apiGroup(obj as unknown as JsonObject);
  return { group, kind: obj?.kind ?? '', namespace: obj?.metadata.namespace ?? '', name: obj?.metadata.name ?? '' };
}
