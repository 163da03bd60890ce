// Builders for the planner's tests: Kubernetes objects and matched pairs in a few words.
import type { SyncStatusCode, UnstructuredObject } from '@driftless/api';
import { keyOf } from '../match/index.js';
import type { PlanResource } from './plan-types.js';

/** Object fields a test sets: namespace, annotations, generateName, spec. */
export interface ObjectFields {
  namespace?: string;
  annotations?: Record<string, string>;
  generateName?: string;
  spec?: Record<string, unknown>;
}

/** An object; `name` `''` leaves the name out (for `generateName` hooks). */
export function object(apiVersion: string, kind: string, name: string, fields: ObjectFields = {}): UnstructuredObject {
  const { namespace, annotations, generateName, spec } = fields;
  return {
    apiVersion,
    kind,
    metadata: {
      ...(name === '' ? {} : { name }),
      ...(generateName === undefined ? {} : { generateName }),
      ...(namespace === undefined ? {} : { namespace }),
      ...(annotations === undefined ? {} : { annotations }),
    },
    ...(spec === undefined ? {} : { spec }),
  };
}

/** A desired object, live too when `live` is given (Synced unless a status says otherwise). */
export function desired(target: UnstructuredObject, live?: UnstructuredObject, status?: SyncStatusCode): PlanResource {
  return {
    key: keyOf(target),
    target,
    ...(live === undefined ? {} : { live }),
    requiresPruning: false,
    ignoreExtraneous: false,
    ...(status === undefined ? {} : { status }),
  };
}

/** A live object this application tracks but no longer renders. */
export function extraneous(live: UnstructuredObject): PlanResource {
  return { key: keyOf(live), live, requiresPruning: true, ignoreExtraneous: false, status: 'OutOfSync' };
}
