// refresh with server-side diff: when it applies, what the dry-run port receives, failures and fallback.
import { describe, expect, it } from '@jest/globals';
import type { ManagedFieldsEntry, UnstructuredObject } from '@driftless/api';
import { SHA, application, deployment, fakeEngine, liveDeployment } from './fake-ports.js';

const ARGO_FIELDS: ManagedFieldsEntry = {
  manager: 'argocd-controller',
  operation: 'Apply',
  fieldsV1: { 'f:spec': { 'f:replicas': {}, 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } } } },
};

/** A dry run as the API server answers it: live with the applied spec, Argo CD owning what it applied. */
function dryRun(replicas?: number) {
  const calls: UnstructuredObject[] = [];
  const port = (obj: UnstructuredObject): Promise<UnstructuredObject> => {
    calls.push(obj);
    const live = liveDeployment();
    const spec = { ...(obj['spec'] as object), ...(replicas === undefined ? {} : { replicas }) };
    return Promise.resolve({ ...live, metadata: { ...live.metadata, resourceVersion: '9', managedFields: [ARGO_FIELDS] }, spec });
  };
  return { calls, port };
}

const ssd = (value: 'true' | 'false') => ({ annotations: { 'argocd.argoproj.io/compare-options': `ServerSideDiff=${value}` } });
const withAnnotations = (extra: { annotations: Record<string, string> }) => {
  const app = application();
  return { ...app, metadata: { ...app.metadata, ...extra } };
};

describe('refresh: server-side diff', () => {
  it('diffs the dry run against live when the Application asks, handing the port a tracked, placed object', async () => {
    const { calls, port } = dryRun(5);
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment()] }, live: [liveDeployment()], dryRunApply: port });
    const result = await engine.refresh(withAnnotations(ssd('true')));
    expect(result.sync.status).toBe('OutOfSync');
    expect(result.resources.map((r) => r.status)).toEqual(['OutOfSync']);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.metadata).toEqual({ name: 'web', namespace: 'prod', annotations: { 'argocd.argoproj.io/tracking-id': 'guestbook:apps/Deployment:prod/web' } });
  });

  it('is Synced when the dry run changes nothing Argo CD owns', async () => {
    const { port } = dryRun();
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment()] }, live: [liveDeployment()], dryRunApply: port, settings: { serverSideDiff: true } });
    const result = await engine.refresh(application());
    expect(result.sync.status).toBe('Synced');
    expect(result.conditions).toEqual([]);
  });

  it('is off for an Application with ServerSideDiff=false even when the installation turns it on', async () => {
    const { calls, port } = dryRun(5);
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment()] }, live: [liveDeployment()], dryRunApply: port, settings: { serverSideDiff: true } });
    const result = await engine.refresh(withAnnotations(ssd('false')));
    expect(result.sync.status).toBe('Synced');
    expect(calls).toEqual([]);
  });

  it('does not dry-run a missing resource', async () => {
    const { calls, port } = dryRun();
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment()] }, live: [], dryRunApply: port, settings: { serverSideDiff: true } });
    expect((await engine.refresh(application())).resources.map((r) => r.status)).toEqual(['OutOfSync']);
    expect(calls).toEqual([]);
  });

  it('marks a resource whose dry run fails Unknown and names it in a ComparisonError', async () => {
    const { engine } = fakeEngine({
      rendered: { [SHA]: [deployment()] },
      live: [liveDeployment()],
      dryRunApply: () => Promise.reject(new Error('admission webhook "policy" denied the request')),
      settings: { serverSideDiff: true },
    });
    const result = await engine.refresh(application());
    expect(result.sync.status).toBe('Unknown');
    expect(result.resources).toEqual([expect.objectContaining({ name: 'web', status: 'Unknown', health: { status: 'Healthy' } })]);
    expect(result.conditions.map((c) => [c.type, c.message])).toEqual([
      ['ComparisonError', 'Failed to compare desired state to live state: Deployment/web: error running server side apply in dry run mode: admission webhook "policy" denied the request'],
    ]);
  });

  it('falls back to the client-side diff without the port', async () => {
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment('guestbook:2')] }, live: [liveDeployment()], settings: { serverSideDiff: true } });
    const result = await engine.refresh(application());
    expect(result.sync.status).toBe('OutOfSync');
    expect(result.conditions).toEqual([]);
  });
});
