// Deletion of an Application with Argo's resources finalizers, over plain-data ports.
import { describe, expect, it } from '@jest/globals';
import type { Application, UnstructuredObject } from '@driftless/api';
import { processDeletion } from './app-deletion.js';
import type { DeletionPorts } from './app-deletion.js';

const app = (finalizers: string[], deleting = true): Application => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'shop', namespace: 'argocd', finalizers, resourceVersion: '7', ...(deleting ? { deletionTimestamp: '2026-11-26T00:00:00Z' } : {}) },
  spec: { project: 'default', destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' } },
});
const cm = (name: string, extra: Partial<UnstructuredObject['metadata']> = {}): UnstructuredObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop', ...extra } });

function ports(live: UnstructuredObject[], failure?: Error) {
  const calls: string[] = [];
  const port: DeletionPorts = {
    trackedObjects: () => (failure === undefined ? Promise.resolve(live) : Promise.reject(failure)),
    deleteObject: (_app, obj, policy) => {
      calls.push(`delete ${obj.metadata.name ?? ''} ${policy}`);
      return Promise.resolve();
    },
    setFinalizers: (_app, finalizers) => {
      calls.push(`finalizers ${JSON.stringify(finalizers)}`);
      return Promise.resolve();
    },
    reportError: (_app, message) => {
      calls.push(`error ${message}`);
      return Promise.resolve();
    },
  };
  return { port, calls };
}

describe('processDeletion', () => {
  it('deletes tracked objects in the foreground and waits while they exist', async () => {
    const { port, calls } = ports([cm('a'), cm('b', { deletionTimestamp: '2026-11-26T00:00:01Z' }), cm('keep', { annotations: { 'argocd.argoproj.io/sync-options': 'Delete=false' } })]);
    expect(await processDeletion(app(['resources-finalizer.argocd.argoproj.io']), port)).toEqual({ state: 'waiting', remaining: 2 });
    expect(calls).toEqual(['delete a Foreground']);
  });

  it('uses background propagation for the /background finalizer', async () => {
    const { port, calls } = ports([cm('a')]);
    await processDeletion(app(['resources-finalizer.argocd.argoproj.io/background']), port);
    expect(calls).toEqual(['delete a Background']);
  });

  it('removes only its own finalizers once nothing (but Delete=false objects) remains', async () => {
    const { port, calls } = ports([cm('keep', { annotations: { 'argocd.argoproj.io/sync-options': 'Delete=false' } })]);
    expect(await processDeletion(app(['example.com/other', 'resources-finalizer.argocd.argoproj.io']), port)).toEqual({ state: 'finalized' });
    expect(calls).toEqual(['finalizers ["example.com/other"]']);
  });

  it('leaves apps without the finalizer, or not being deleted, alone', async () => {
    const { port, calls } = ports([cm('a')]);
    expect(await processDeletion(app([]), port)).toEqual({ state: 'not-ours' });
    expect(await processDeletion(app(['resources-finalizer.argocd.argoproj.io'], false), port)).toEqual({ state: 'not-ours' });
    expect(calls).toEqual([]);
  });

  it('reports an unreachable cluster as a DeletionError and deletes nothing', async () => {
    const { port, calls } = ports([], new Error('cluster https://10.0.0.1 is unavailable: connect ECONNREFUSED'));
    expect(await processDeletion(app(['resources-finalizer.argocd.argoproj.io']), port)).toEqual({ state: 'error', message: 'cluster https://10.0.0.1 is unavailable: connect ECONNREFUSED' });
    expect(calls).toEqual(['error cluster https://10.0.0.1 is unavailable: connect ECONNREFUSED']);
  });
});
