// The part of kube-scheduler the dev cluster needs: filter Nodes by readiness, cordon, taints,
// nodeSelector and required node affinity, then pick the least loaded one.
import type { JsonObject } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import { booleanAt, objectAt, objectsAt, stringAt, stringMapAt } from './json-fields.js';
import { labelsOf } from './object-meta.js';
import { isPodTerminal } from './pod-state.js';

/** Where a pod can go: a node, or the reason it cannot be placed (PodScheduled=False message). */
export type Placement = { readonly node: KubeObject } | { readonly unschedulable: string };

/** True when a toleration lets the pod ignore a taint (v1 Toleration.ToleratesTaint). */
export function tolerates(toleration: JsonObject, taint: JsonObject): boolean {
  const effect = stringAt(toleration, 'effect') ?? '';
  if (effect !== '' && effect !== stringAt(taint, 'effect')) return false;
  const key = stringAt(toleration, 'key') ?? '';
  const operator = stringAt(toleration, 'operator') ?? 'Equal';
  if (key === '') return operator === 'Exists';
  if (key !== stringAt(taint, 'key')) return false;
  return operator === 'Exists' || (stringAt(toleration, 'value') ?? '') === (stringAt(taint, 'value') ?? '');
}

function nodeIsReady(node: KubeObject): boolean {
  const ready = objectsAt(node, 'status', 'conditions').find((c) => c['type'] === 'Ready');
  return ready === undefined || ready['status'] === 'True';
}

function requirementMatches(requirement: JsonObject, value: string | undefined): boolean {
  const values = Array.isArray(requirement['values']) ? requirement['values'].filter((v): v is string => typeof v === 'string') : [];
  switch (stringAt(requirement, 'operator')) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(values[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(values[0]);
    default:
      return false;
  }
}

/** requiredDuringSchedulingIgnoredDuringExecution: any term matches (expressions on labels, fields on name). */
function affinityMatches(pod: KubeObject, node: KubeObject): boolean {
  const required = objectAt(pod, 'spec', 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution');
  if (required === undefined) return true;
  const labels = labelsOf(node);
  return objectsAt(required, 'nodeSelectorTerms').some(
    (term) =>
      objectsAt(term, 'matchExpressions').every((r) => requirementMatches(r, labels[stringAt(r, 'key') ?? ''])) &&
      objectsAt(term, 'matchFields').every((r) => stringAt(r, 'key') === 'metadata.name' && requirementMatches(r, node.metadata.name)),
  );
}

/** Why `node` cannot take `pod`, or undefined when it can. */
export function rejection(pod: KubeObject, node: KubeObject): string | undefined {
  if (!nodeIsReady(node)) return "node(s) had untolerated taint {node.kubernetes.io/not-ready: }";
  const tolerations = objectsAt(pod, 'spec', 'tolerations');
  const taints = objectsAt(node, 'spec', 'taints');
  if (booleanAt(node, 'spec', 'unschedulable') === true) taints.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
  const blocking = taints.find((taint) => {
    const effect = stringAt(taint, 'effect');
    return (effect === 'NoSchedule' || effect === 'NoExecute') && !tolerations.some((t) => tolerates(t, taint));
  });
  if (blocking !== undefined) {
    return stringAt(blocking, 'key') === 'node.kubernetes.io/unschedulable'
      ? 'node(s) were unschedulable'
      : `node(s) had untolerated taint {${stringAt(blocking, 'key') ?? ''}: ${stringAt(blocking, 'value') ?? ''}}`;
  }
  const labels = labelsOf(node);
  const selectorOk = Object.entries(stringMapAt(pod, 'spec', 'nodeSelector')).every(([k, v]) => labels[k] === v);
  if (!selectorOk || !affinityMatches(pod, node)) return "node(s) didn't match Pod's node affinity/selector";
  return undefined;
}

/**
 * Picks a node for `pod`: among nodes without a {@link rejection}, the one running the fewest
 * non-terminal pods, ties broken by name. Otherwise reports kube-scheduler style, e.g.
 * "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector."
 */
export function placePod(pod: KubeObject, nodes: readonly KubeObject[], pods: readonly KubeObject[]): Placement {
  if (nodes.length === 0) return { unschedulable: 'no nodes available to schedule pods' };
  const reasons = new Map<string, number>();
  const fits: KubeObject[] = [];
  for (const node of nodes) {
    const reason = rejection(pod, node);
    if (reason === undefined) fits.push(node);
    else reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  if (fits.length === 0) {
    const parts = [...reasons.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([reason, count]) => `${count} ${reason}`);
    return { unschedulable: `0/${nodes.length} nodes are available: ${parts.join(', ')}.` };
  }
  const load = (node: KubeObject): number => pods.filter((p) => stringAt(p, 'spec', 'nodeName') === node.metadata.name && !isPodTerminal(p)).length;
  const [best] = fits.map((node) => ({ node, load: load(node) })).sort((a, b) => a.load - b.load || a.node.metadata.name.localeCompare(b.node.metadata.name));
  return best === undefined ? { unschedulable: 'no nodes available to schedule pods' } : { node: best.node };
}
