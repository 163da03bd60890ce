// Pods stamped from a workload's pod template (controller.GetPodFromTemplate), owned by the workload.
import { cloneJson } from '../model/json.js';
import type { JsonObject } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import { objectAt, stringMapAt } from './json-fields.js';
import { namespaceOf, newControllerRef } from './object-meta.js';

/** What varies between the pods one workload creates. */
export interface PodIdentity {
  readonly name: string;
  /** Set for names a real controller would leave to the API server (ReplicaSet, Job, DaemonSet). */
  readonly generateName?: string;
  readonly extraLabels?: Readonly<Record<string, string>>;
  readonly extraAnnotations?: Readonly<Record<string, string>>;
  /** Replaces spec fields after the template's spec is copied (e.g. hostname, affinity). */
  readonly specOverrides?: JsonObject;
}

/**
 * A Pod from `template` (a PodTemplateSpec): template labels, annotations and finalizers, the given name,
 * the owner's namespace and a controller ownerReference to `owner`. The template is not modified.
 */
export function podFromTemplate(template: JsonObject | undefined, owner: KubeObject, identity: PodIdentity): KubeObject {
  const labels = { ...stringMapAt(template, 'metadata', 'labels'), ...identity.extraLabels };
  const annotations = { ...stringMapAt(template, 'metadata', 'annotations'), ...identity.extraAnnotations };
  const metadata: KubeObject['metadata'] = { name: identity.name, labels, ownerReferences: [newControllerRef(owner)] };
  const namespace = namespaceOf(owner);
  if (namespace !== undefined) metadata['namespace'] = namespace;
  if (identity.generateName !== undefined) metadata['generateName'] = identity.generateName;
  if (Object.keys(annotations).length > 0) metadata['annotations'] = annotations;
  const finalizers = objectAt(template, 'metadata')?.['finalizers'];
  if (Array.isArray(finalizers) && finalizers.length > 0) metadata['finalizers'] = cloneJson(finalizers);
  const spec = { ...cloneJson(objectAt(template, 'spec') ?? {}), ...identity.specOverrides };
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}
