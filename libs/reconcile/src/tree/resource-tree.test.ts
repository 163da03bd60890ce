import { describe, expect, it } from '@jest/globals';
import type { KubeObject } from '@driftless/api';
import { buildResourceTree, descendantsOf, nodeId } from './resource-tree.js';

function obj(kind: string, name: string, uid: string | undefined, owners: string[] = []): KubeObject {
  const ownerReferences = owners.map((owner) => ({ apiVersion: 'apps/v1', kind: 'Owner', name: owner, uid: owner }));
  return {
    apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1',
    kind,
    metadata: { name, namespace: 'prod', ...(uid === undefined ? {} : { uid }), ...(owners.length === 0 ? {} : { ownerReferences }) },
  };
}

const deployment = obj('Deployment', 'web', 'd');
const replicaSet = obj('ReplicaSet', 'web-1', 'r', ['d']);
const pods = [obj('Pod', 'web-1-a', 'p1', ['r']), obj('Pod', 'web-1-b', 'p2', ['r'])];

describe('buildResourceTree', () => {
  it.each([
    {
      name: 'Deployment → ReplicaSet → Pods',
      objects: [pods[0], deployment, replicaSet, pods[1]],
      roots: ['d'],
      orphans: [],
      children: { d: ['r'], r: ['p1', 'p2'], p1: [] },
      parents: { r: ['d'], p1: ['r'] },
    },
    {
      name: 'an orphan whose owner is gone, beside a root',
      objects: [obj('ConfigMap', 'cfg', 'c'), obj('ReplicaSet', 'old', 'o', ['gone'])],
      roots: ['c'],
      orphans: ['o'],
      children: { c: [], o: [] },
      parents: { o: [] },
    },
    {
      name: 'a cycle A → B → A, with a self-reference',
      objects: [obj('Thing', 'a', 'a', ['b', 'a']), obj('Thing', 'b', 'b', ['a'])],
      roots: [],
      orphans: [],
      children: { a: ['b'], b: ['a'] },
      parents: { a: ['b'], b: ['a'] },
    },
    {
      name: 'two owners, a repeated owner uid and a duplicate object',
      objects: [obj('Thing', 'x', 'x'), obj('Thing', 'y', 'y'), obj('Thing', 'z', 'z', ['x', 'y', 'x']), obj('Thing', 'z-again', 'z')],
      roots: ['x', 'y'],
      orphans: [],
      children: { x: ['z'], y: ['z'], z: [] },
      parents: { z: ['x', 'y'] },
    },
  ])('$name', ({ objects, roots, orphans, children, parents }) => {
    const tree = buildResourceTree(objects);
    expect(tree.roots).toEqual(roots);
    expect(tree.orphans).toEqual(orphans);
    for (const [id, ids] of Object.entries(children)) expect(tree.nodes.get(id)?.children).toEqual(ids);
    for (const [id, ids] of Object.entries(parents)) expect(tree.nodes.get(id)?.parents).toEqual(ids);
  });

  it('keeps the object, its key and every owner reference on the node', () => {
    const tree = buildResourceTree([replicaSet]);
    const node = tree.nodes.get('r');
    expect(node?.object).toBe(replicaSet);
    expect(node?.key).toEqual({ group: 'apps', kind: 'ReplicaSet', namespace: 'prod', name: 'web-1' });
    expect(node?.parentRefs.map((ref) => ref.uid)).toEqual(['d']);
    expect(tree.orphans).toEqual(['r']);
  });

  it('names objects without a uid by their key', () => {
    const manifest = obj('Deployment', 'web', undefined);
    expect(nodeId(manifest)).toBe('key:apps/Deployment/prod/web');
    expect(buildResourceTree([manifest]).roots).toEqual(['key:apps/Deployment/prod/web']);
  });
});

describe('descendantsOf', () => {
  const tree = buildResourceTree([deployment, replicaSet, ...pods]);

  it.each([
    ['d', ['r', 'p1', 'p2']],
    ['r', ['p1', 'p2']],
    ['p1', []],
    ['unknown', []],
  ])('below %s', (id, expected) => {
    expect(descendantsOf(tree, id).map((node) => node.id)).toEqual(expected);
  });

  it('terminates on cycles and never includes the start', () => {
    const cyclic = buildResourceTree([obj('Thing', 'a', 'a', ['c']), obj('Thing', 'b', 'b', ['a']), obj('Thing', 'c', 'c', ['b'])]);
    expect(descendantsOf(cyclic, 'a').map((node) => node.id)).toEqual(['b', 'c']);
  });

  it('lists a node with two owners once', () => {
    const diamond = buildResourceTree([obj('T', 'top', 't'), obj('T', 'l', 'l', ['t']), obj('T', 'r', 'r', ['t']), obj('T', 'bottom', 'b', ['l', 'r'])]);
    expect(descendantsOf(diamond, 't').map((node) => node.id)).toEqual(['l', 'r', 'b']);
  });
});
