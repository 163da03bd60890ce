// Node selection for pending pods: taints and tolerations, selectors, affinity, and spreading.
import { describe, expect, it } from '@jest/globals';
import type { JsonObject } from '../model/json.js';
import type { KubeObject } from '../model/kube-object.js';
import { placePod, tolerates } from './scheduler.js';

function node(name: string, extra: JsonObject = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, ...extra };
}

function pod(spec: JsonObject = {}, nodeName?: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: nodeName === undefined ? spec : { ...spec, nodeName } };
}

describe('tolerations', () => {
  const taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
  const cases: { toleration: JsonObject; expected: boolean }[] = [
    { toleration: { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, expected: true },
    { toleration: { key: 'dedicated', operator: 'Exists' }, expected: true },
    { toleration: { operator: 'Exists' }, expected: true },
    { toleration: { key: 'dedicated', value: 'cpu' }, expected: false },
    { toleration: { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, expected: false },
    { toleration: { key: 'other', operator: 'Exists' }, expected: false },
  ];
  it.each(cases)('$toleration tolerates dedicated=gpu:NoSchedule: $expected', ({ toleration, expected }) => {
    expect(tolerates(toleration, taint)).toBe(expected);
  });
});

describe('placement', () => {
  const nodes = [node('n1'), node('n2', { spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } }), node('n3', { spec: { unschedulable: true } })];

  const cases: { case: string; spec: JsonObject; expected: string }[] = [
    { case: 'plain pod', spec: {}, expected: 'n1' },
    { case: 'tolerating the taint', spec: { tolerations: [{ key: 'dedicated', operator: 'Exists' }] }, expected: 'n1' },
    { case: 'selecting n2 by affinity while tolerating', spec: { tolerations: [{ operator: 'Exists' }], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] }] } } } }, expected: 'n2' },
    { case: 'nodeSelector on the hostname label', spec: { tolerations: [{ operator: 'Exists' }], nodeSelector: { 'kubernetes.io/hostname': 'n3' } }, expected: 'n3' },
  ];
  it.each(cases)('$case → $expected', ({ spec, expected }) => {
    const placement = placePod(pod(spec), nodes, []);
    expect('node' in placement ? placement.node.metadata.name : placement.unschedulable).toBe(expected);
  });

  it('explains why nothing fits, counting each reason', () => {
    const placement = placePod(pod({ nodeSelector: { 'kubernetes.io/hostname': 'n2' } }), nodes, []);
    expect(placement).toEqual({
      unschedulable: "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable.",
    });
    expect(placePod(pod(), [], [])).toEqual({ unschedulable: 'no nodes available to schedule pods' });
  });

  it('spreads pods to the least loaded node', () => {
    const open = [node('a'), node('b')];
    const placement = placePod(pod(), open, [pod({}, 'a'), pod({}, 'a'), pod({}, 'b')]);
    expect('node' in placement && placement.node.metadata.name).toBe('b');
  });
});
