// What the server knows about one served resource (one group/version/plural), built-in or from a CRD.
import type { JsonObject, JsonValue } from '../model/json.js';

/** The rule metadata.name must satisfy (upstream's per-kind name validators). */
export type NameRule = 'subdomain' | 'label' | 'dns1035' | 'path-segment';

/** A Table column beyond Name: computed from the object. */
export interface PrinterColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  readonly format: string;
  readonly description: string;
  readonly priority: number;
  /** Cell value; for `date` columns the ISO timestamp, rendered as an age by the table builder. */
  readonly cell: (obj: JsonObject) => JsonValue;
}

/** The scale subresource's mapping onto the object (JSON paths as in CRD subresources.scale). */
export interface ScaleSubresource {
  readonly specReplicasPath: string;
  readonly statusReplicasPath: string;
  readonly labelSelectorPath?: string;
}

/** Extra field selectors a resource supports besides metadata.name and metadata.namespace. */
export type FieldSelectorGetters = Readonly<Record<string, (obj: JsonObject) => string>>;

/**
 * One served resource. Every flag here mirrors an upstream strategy hook (research §4 "registry"),
 * so handlers branch on data, never on the kind's name.
 */
export interface ResourceDescriptor {
  readonly group: string;
  readonly version: string;
  /** The version objects are stored in (CRDs with several versions; built-ins: `version`). */
  readonly storageVersion: string;
  readonly resource: string;
  readonly singular: string;
  readonly kind: string;
  readonly listKind: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly verbs: readonly string[];
  /** A /status subresource exists: the main endpoint ignores status, /status ignores the rest. */
  readonly statusSubresource: boolean;
  readonly scale: ScaleSubresource | undefined;
  /** metadata.generation is maintained (1 on create, +1 on spec change). */
  readonly usesGeneration: boolean;
  /** Deployment's rule: an annotation change also bumps generation. */
  readonly generationOnAnnotations: boolean;
  /** PUT without metadata.resourceVersion is allowed (false for CRDs and custom resources). */
  readonly allowUnconditionalUpdate: boolean;
  /** DELETE answers with the object (pods, namespaces, serviceaccounts) instead of a Status. */
  readonly deleteReturnsObject: boolean;
  readonly fieldSelectors: FieldSelectorGetters;
  readonly nameRule: NameRule;
  /** A custom resource (served from a CRD). */
  readonly custom: boolean;
  /** Field-inventory type for strict decoding of built-ins (client-node model name). */
  readonly typeName: string | undefined;
  readonly printerColumns: readonly PrinterColumn[];
  /** Structural schema (CRD openAPIV3Schema) for pruning, defaulting and validation. */
  readonly schema: JsonObject | undefined;
  /** Name of the CRD serving this resource. */
  readonly crdName: string | undefined;
}

/** The apiVersion string of a descriptor ('v1', 'apps/v1'). */
export function apiVersionOf(desc: Pick<ResourceDescriptor, 'group' | 'version'>): string {
  return desc.group === '' ? desc.version : `${desc.group}/${desc.version}`;
}
