// Defaults upstream applies to every pod spec, in Pods and in workload templates alike.
import { isJsonObject } from '../model/json.js';
import type { JsonObject } from '../model/json.js';
import { defaultTo, objectAt } from './strategy.js';

function imagePullPolicy(image: unknown): string {
  if (typeof image !== 'string') return 'IfNotPresent';
  if (image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainers(list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const container of list) {
    if (!isJsonObject(container)) continue;
    defaultTo(container, 'imagePullPolicy', imagePullPolicy(container['image']));
    defaultTo(container, 'terminationMessagePath', '/dev/termination-log');
    defaultTo(container, 'terminationMessagePolicy', 'File');
    defaultTo(container, 'resources', {});
    const ports = container['ports'];
    if (Array.isArray(ports)) for (const port of ports) if (isJsonObject(port)) defaultTo(port, 'protocol', 'TCP');
  }
}

/** Applies pod spec defaults (restartPolicy, dnsPolicy, container pull policy, ...) in place. */
export function defaultPodSpec(spec: JsonObject): void {
  defaultContainers(spec['containers']);
  defaultContainers(spec['initContainers']);
  defaultTo(spec, 'restartPolicy', 'Always');
  defaultTo(spec, 'terminationGracePeriodSeconds', 30);
  defaultTo(spec, 'dnsPolicy', 'ClusterFirst');
  defaultTo(spec, 'securityContext', {});
  defaultTo(spec, 'schedulerName', 'default-scheduler');
}

/** Defaults a pod template (`spec.template`) in place; `creationTimestamp: null` mirrors Go's serialisation. */
export function defaultPodTemplate(template: unknown): void {
  if (!isJsonObject(template)) return;
  const metadata = objectAt(template, 'metadata');
  if (!('creationTimestamp' in metadata)) metadata['creationTimestamp'] = null;
  defaultPodSpec(objectAt(template, 'spec'));
}
