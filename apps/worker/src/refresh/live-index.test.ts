// The live indexes over plain cache events: tracked objects per app, descendants through ownerReferences.
import { describe, expect, it } from '@jest/globals';
import type { UnstructuredObject } from '@driftless/api';
import { createLiveIndex } from './live-index.js';

const TRACKING = 'argocd.argoproj.io/tracking-id';

function obj(kind: string, name: string, uid: string, extra: { app?: string; owner?: string } = {}): UnstructuredObject {
  return {
    apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1',
    kind,
    metadata: {
      name,
      namespace: 'shop',
      uid,
      ...(extra.app === undefined ? {} : { annotations: { [TRACKING]: `${extra.app}:apps/${kind}:shop/${name}` } }),
      ...(extra.owner === undefined ? {} : { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Owner', name: 'owner', uid: extra.owner }] }),
    },
  };
}

const deployment = obj('Deployment', 'web', 'd1', { app: 'shop' });
const replicaSet = obj('ReplicaSet', 'web-1', 'r1', { owner: 'd1' });
const pod = obj('Pod', 'web-1-a', 'p1', { owner: 'r1' });
const stranger = obj('Pod', 'other', 'p9', { owner: 'x9' });

describe('createLiveIndex', () => {
  it('finds an app\'s tracked objects and everything they own, transitively', () => {
    const index = createLiveIndex();
    for (const object of [deployment, replicaSet, pod, stranger]) index.apply({ type: 'added', object, gvk: { group: '', version: 'v1', kind: object.kind } });
    expect([...index.trackedBy('shop')].map((o) => o.metadata.name)).toEqual(['web']);
    expect(index.descendantsOf([deployment]).map((o) => o.metadata.name)).toEqual(['web-1', 'web-1-a']);
    expect([...index.trackedBy('other-app')]).toEqual([]);
  });

  it('follows modifications and deletions', () => {
    const index = createLiveIndex();
    const gvk = { group: 'apps', version: 'v1', kind: 'Deployment' };
    index.apply({ type: 'added', object: deployment, gvk });
    index.apply({ type: 'added', object: replicaSet, gvk });
    // Re-tracked by another app, then the ReplicaSet is deleted
    index.apply({ type: 'modified', object: obj('Deployment', 'web', 'd1', { app: 'billing' }), gvk });
    index.apply({ type: 'deleted', object: replicaSet, gvk });
    expect([...index.trackedBy('shop')]).toEqual([]);
    expect([...index.trackedBy('billing')].map((o) => o.metadata.name)).toEqual(['web']);
    expect(index.descendantsOf([deployment])).toEqual([]);
  });

  it('names the app a changed object belongs to, through its owners (how drift in a Pod reaches its app)', () => {
    const index = createLiveIndex();
    for (const object of [deployment, replicaSet, pod, stranger]) index.apply({ type: 'added', object, gvk: { group: '', version: 'v1', kind: object.kind } });
    expect(index.appsOf(pod)).toEqual(['shop']);
    expect(index.appsOf(deployment)).toEqual(['shop']);
    expect(index.appsOf(stranger)).toEqual([]);
    // A deleted Pod still names its app while its owners are known.
    index.apply({ type: 'deleted', object: pod, gvk: { group: '', version: 'v1', kind: 'Pod' } });
    expect(index.appsOf(pod)).toEqual(['shop']);
  });
});
