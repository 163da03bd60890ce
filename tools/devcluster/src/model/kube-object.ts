// The shape of a Kubernetes object as the dev cluster handles it: typed metadata, free-form rest.
import type { JsonObject } from './json.js';

/** An owner reference (metadata.ownerReferences[]). */
export interface OwnerReference extends JsonObject {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
}

/** The metadata fields the server reads and writes; others pass through. */
export interface ObjectMeta extends JsonObject {
  name: string;
}

/** A Kubernetes object: apiVersion, kind, metadata, and anything else (spec, status, data...). */
export interface KubeObject extends JsonObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}
