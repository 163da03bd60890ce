// applicationTree: managed resources and their descendants as Argo CD's ApplicationTree nodes.
import { describe, expect, it } from '@jest/globals';
import type { HealthStatus, KubeObject } from '@driftless/api';
import { applicationTree } from './application-tree.js';

function obj(apiVersion: string, kind: string, name: string, uid: string, owner?: KubeObject): KubeObject {
  const ownerReferences = owner === undefined ? undefined : [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '' }];
  return { apiVersion, kind, metadata: { name, namespace: 'prod', uid, resourceVersion: '7', ...(ownerReferences === undefined ? {} : { ownerReferences }) } };
}

const deployment = obj('apps/v1', 'Deployment', 'web', 'd');
const replicaSet = obj('apps/v1', 'ReplicaSet', 'web-1', 'r', deployment);
const pod = obj('v1', 'Pod', 'web-1-a', 'p', replicaSet);
const config = obj('v1', 'ConfigMap', 'cfg', 'c');
const stranger = obj('v1', 'Pod', 'other', 'o');
const health = (o: KubeObject): HealthStatus | undefined => (o.kind === 'ConfigMap' ? undefined : { status: o.kind === 'Pod' ? 'Progressing' : 'Healthy' });

describe('applicationTree', () => {
  it('lists managed resources, then what each owns, with parentRefs and health', () => {
    const tree = applicationTree([deployment, config], [pod, stranger, replicaSet, deployment], health);
    expect(tree.nodes.map((n) => `${n.kind}/${n.name}`)).toEqual(['Deployment/web', 'ReplicaSet/web-1', 'Pod/web-1-a', 'ConfigMap/cfg']);
    expect(tree.nodes[2]).toEqual({
      group: '',
      version: 'v1',
      kind: 'Pod',
      namespace: 'prod',
      name: 'web-1-a',
      uid: 'p',
      parentRefs: [{ group: 'apps', version: 'v1', kind: 'ReplicaSet', namespace: 'prod', name: 'web-1', uid: 'r' }],
      health: { status: 'Progressing' },
      resourceVersion: '7',
    });
    expect(tree.nodes[3]).not.toHaveProperty('health');
  });

  it('is empty without managed live resources', () => {
    expect(applicationTree([], [pod], health)).toEqual({ nodes: [] });
  });
});
