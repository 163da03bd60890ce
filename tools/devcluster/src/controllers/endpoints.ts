// The Endpoints controller: for each Service with a selector, the IPs and ports of the pods it selects,
// ready ones as addresses and the others as notReadyAddresses.
import type { JsonObject } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import type { ClusterView, Controller, ControllerAction, ObjectKey } from './controller.js';
import { booleanAt, numberAt, objectsAt, stringAt, stringMapAt, valueAt } from './json-fields.js';
import { isBeingDeleted, labelsOf, namespaceOf, uidOf } from './object-meta.js';
import { isPodReady, podPhase } from './pod-state.js';
import { ENDPOINTS, PODS, SERVICES } from './resource-types.js';
import { semanticEqual } from './template-hash.js';

/**
 * The Endpoints controller keyed by Service: creates, updates or (when the Service is gone) deletes the
 * Endpoints of the same name. Services without a selector, and ExternalName ones, are left alone.
 */
export function endpointsController(): Controller {
  return { name: 'endpoints', primary: SERVICES, owns: [], reconcile: syncEndpoints };
}

/**
 * The same controller keyed by pod: pods carry no reference to the Services selecting them, so a pod
 * change recomputes the Endpoints of every Service in its namespace (a contract gap worked around).
 */
export function endpointsPodController(): Controller {
  return {
    name: 'endpoints-pods',
    primary: PODS,
    owns: [],
    reconcile: (key: ObjectKey, view: ClusterView, now: Date): ControllerAction[] =>
      view.list(SERVICES, key.namespace).flatMap((service) => syncEndpoints({ namespace: namespaceOf(service), name: service.metadata.name }, view, now)),
  };
}

function syncEndpoints(key: ObjectKey, view: ClusterView, _now: Date): ControllerAction[] {
  const service = view.get(SERVICES, key.namespace, key.name);
  const existing = view.get(ENDPOINTS, key.namespace, key.name);
  if (service === undefined) {
    return existing === undefined ? [] : [{ type: 'delete', resource: ENDPOINTS, namespace: key.namespace, name: key.name }];
  }
  const selector = stringMapAt(service, 'spec', 'selector');
  if (Object.keys(selector).length === 0 || stringAt(service, 'spec', 'type') === 'ExternalName') return [];
  const subsets = endpointSubsets(service, view.list(PODS, key.namespace, selector));
  const labels: Record<string, string> = { ...labelsOf(service) };
  if (stringAt(service, 'spec', 'clusterIP') === 'None') labels['service.kubernetes.io/headless'] = '';
  if (existing === undefined) {
    const metadata: KubeObject['metadata'] = { name: key.name, labels };
    if (key.namespace !== undefined) metadata['namespace'] = key.namespace;
    const object: KubeObject = { apiVersion: 'v1', kind: 'Endpoints', metadata };
    if (subsets.length > 0) object['subsets'] = subsets;
    return [{ type: 'create', resource: ENDPOINTS, object }];
  }
  if (semanticEqual(existing['subsets'], subsets) && semanticEqual(labelsOf(existing), labels)) return [];
  const updated: KubeObject = { ...existing, metadata: { ...existing.metadata, labels } };
  if (subsets.length > 0) updated['subsets'] = subsets;
  else delete updated['subsets'];
  return [{ type: 'update', resource: ENDPOINTS, object: updated }];
}

/** podutil.FindPort: a number, a named container port, or undefined when the pod lacks that name. */
function resolveTargetPort(servicePort: JsonObject, pod: KubeObject): number | undefined {
  const target = valueAt(servicePort, 'targetPort') ?? numberAt(servicePort, 'port');
  if (typeof target === 'number') return target;
  if (typeof target !== 'string') return undefined;
  if (/^\d+$/.test(target)) return Number(target);
  for (const container of objectsAt(pod, 'spec', 'containers')) {
    const port = objectsAt(container, 'ports').find((p) => p['name'] === target);
    const number = numberAt(port, 'containerPort');
    if (number !== undefined) return number;
  }
  return undefined;
}

/** ShouldPodBeInEndpoints: has an IP, is not being deleted (unless published anyway) and not finished. */
function included(pod: KubeObject, publishNotReady: boolean): boolean {
  if (stringAt(pod, 'status', 'podIP') === undefined) return false;
  if (isBeingDeleted(pod) && !publishNotReady) return false;
  const phase = podPhase(pod);
  const restartPolicy = stringAt(pod, 'spec', 'restartPolicy') ?? 'Always';
  if (restartPolicy === 'Never') return phase !== 'Failed' && phase !== 'Succeeded';
  if (restartPolicy === 'OnFailure') return phase !== 'Succeeded';
  return true;
}

/**
 * Subsets grouped by the ports each pod resolves, addresses sorted by IP then uid.
 * Example: service port 80 → targetPort "http"; pods a (http=8080, ready) and b (http=8080, not ready)
 * → one subset {addresses: [a], notReadyAddresses: [b], ports: [{port: 8080, protocol: TCP}]}.
 */
export function endpointSubsets(service: KubeObject, pods: readonly KubeObject[]): JsonObject[] {
  const publishNotReady = booleanAt(service, 'spec', 'publishNotReadyAddresses') === true;
  const groups = new Map<string, { ports: JsonObject[]; ready: JsonObject[]; notReady: JsonObject[] }>();
  for (const pod of pods.filter((p) => included(p, publishNotReady))) {
    const ports: JsonObject[] = [];
    for (const servicePort of objectsAt(service, 'spec', 'ports')) {
      const port = resolveTargetPort(servicePort, pod);
      if (port === undefined) continue;
      const entry: JsonObject = { port, protocol: stringAt(servicePort, 'protocol') ?? 'TCP' };
      const name = stringAt(servicePort, 'name');
      if (name !== undefined && name !== '') entry['name'] = name;
      const appProtocol = stringAt(servicePort, 'appProtocol');
      if (appProtocol !== undefined) entry['appProtocol'] = appProtocol;
      ports.push(entry);
    }
    const signature = JSON.stringify(ports);
    const group = groups.get(signature) ?? { ports, ready: [], notReady: [] };
    groups.set(signature, group);
    const address: JsonObject = { ip: stringAt(pod, 'status', 'podIP') ?? '' };
    const hostname = stringAt(pod, 'spec', 'hostname');
    if (hostname !== undefined && stringAt(pod, 'spec', 'subdomain') === service.metadata.name) address['hostname'] = hostname;
    const nodeName = stringAt(pod, 'spec', 'nodeName');
    if (nodeName !== undefined) address['nodeName'] = nodeName;
    address['targetRef'] = { kind: 'Pod', namespace: namespaceOf(pod) ?? '', name: pod.metadata.name, uid: uidOf(pod) };
    (isPodReady(pod) || publishNotReady ? group.ready : group.notReady).push(address);
  }
  const byAddress = (a: JsonObject, b: JsonObject): number =>
    String(a['ip']).localeCompare(String(b['ip']), 'en', { numeric: true }) || String(stringAt(a, 'targetRef', 'uid')).localeCompare(String(stringAt(b, 'targetRef', 'uid')));
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, group]) => {
      const subset: JsonObject = {};
      if (group.ready.length > 0) subset['addresses'] = group.ready.sort(byAddress);
      if (group.notReady.length > 0) subset['notReadyAddresses'] = group.notReady.sort(byAddress);
      subset['ports'] = group.ports;
      return subset;
    });
}
