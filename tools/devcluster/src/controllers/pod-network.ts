// Addresses for simulated pods: the node's InternalIP as hostIP, and the lowest free address of the
// node's pod CIDR as podIP, so endpoints look like a small kind cluster's.
import type { KubeObject } from '../model/kube-object.js';
import { booleanAt, objectsAt, stringAt } from './json-fields.js';
import { namespaceOf } from './object-meta.js';
import { isPodTerminal } from './pod-state.js';

function nodeIndex(node: KubeObject, nodes: readonly KubeObject[]): number {
  const names = nodes.map((n) => n.metadata.name).sort();
  return Math.max(names.indexOf(node.metadata.name), 0);
}

/** The node's InternalIP, or 172.18.0.<2 + index by name> when the Node reports none. */
export function nodeHostIP(node: KubeObject, nodes: readonly KubeObject[]): string {
  const internal = objectsAt(node, 'status', 'addresses').find((a) => a['type'] === 'InternalIP');
  return stringAt(internal, 'address') ?? `172.18.0.${2 + nodeIndex(node, nodes)}`;
}

/** The first three octets of the node's /24 pod CIDR (spec.podCIDR, else 10.244.<index + 1>). */
function podSubnet(node: KubeObject, nodes: readonly KubeObject[]): string {
  const match = /^(\d+\.\d+\.\d+)\.0\/24$/.exec(stringAt(node, 'spec', 'podCIDR') ?? '');
  return match?.[1] ?? `10.244.${1 + nodeIndex(node, nodes)}`;
}

/**
 * The pod's IP: hostIP for hostNetwork pods, else the pod's current IP if it has one, else the lowest
 * `<subnet>.N` (N ≥ 2) not held by another live pod on the node.
 * Example: node 10.244.1.0/24 with pods at .2 and .4 → the next pod gets 10.244.1.3.
 */
export function podIPFor(pod: KubeObject, node: KubeObject, nodes: readonly KubeObject[], pods: readonly KubeObject[]): string {
  if (booleanAt(pod, 'spec', 'hostNetwork') === true) return nodeHostIP(node, nodes);
  const current = stringAt(pod, 'status', 'podIP');
  if (current !== undefined) return current;
  const subnet = podSubnet(node, nodes);
  const isSelf = (p: KubeObject): boolean => p.metadata.name === pod.metadata.name && namespaceOf(p) === namespaceOf(pod);
  const used = new Set(
    pods
      .filter((p) => !isSelf(p) && stringAt(p, 'spec', 'nodeName') === node.metadata.name && !isPodTerminal(p))
      .map((p) => stringAt(p, 'status', 'podIP')),
  );
  for (let host = 2; host < 255; host += 1) {
    const ip = `${subnet}.${host}`;
    if (!used.has(ip)) return ip;
  }
  return `${subnet}.254`;
}
