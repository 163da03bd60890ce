// serverSideDiff: the dry-run result against live, with Argo CD's normalisation and webhook handling.
import { describe, expect, it } from '@jest/globals';
import type { ManagedFieldsEntry, UnstructuredObject } from '@driftless/api';
import { serverSideDiff } from './server-side-diff.js';

const argo = (fieldsV1: Record<string, unknown>): ManagedFieldsEntry => ({ manager: 'argocd-controller', operation: 'Apply', fieldsV1 });
const webhook = (fieldsV1: Record<string, unknown>): ManagedFieldsEntry => ({ manager: 'sidecar-injector', operation: 'Update', fieldsV1 });

function deployment(replicas: number, extra: { image?: string; sidecar?: string; managedFields?: ManagedFieldsEntry[]; meta?: Record<string, unknown>; status?: object } = {}): UnstructuredObject {
  const containers = [{ name: 'web', image: extra.image ?? 'web:1' }, ...(extra.sidecar === undefined ? [] : [{ name: 'proxy', image: extra.sidecar }])];
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'prod', ...(extra.managedFields === undefined ? {} : { managedFields: extra.managedFields }), ...extra.meta },
    spec: { replicas, template: { spec: { containers } } },
    ...(extra.status === undefined ? {} : { status: extra.status }),
  };
}

const argoFields = argo({ 'f:spec': { 'f:replicas': {}, 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:name': {}, 'f:image': {} } } } } } });

describe('serverSideDiff', () => {
  it.each([
    {
      name: 'in sync: server bookkeeping, managedFields and status differ only',
      predicted: deployment(2, { meta: { uid: 'u', resourceVersion: '2', generation: 3 }, managedFields: [argoFields], status: { replicas: 1 } }),
      live: deployment(2, { meta: { uid: 'u', resourceVersion: '1', generation: 2 }, status: { replicas: 2 } }),
      modified: false,
      paths: [],
    },
    {
      name: 'drift: the dry run changes a field Argo CD owns',
      predicted: deployment(3, { managedFields: [argoFields] }),
      live: deployment(2),
      modified: true,
      paths: ['spec.replicas'],
    },
    {
      name: 'a webhook mutation in the dry run is not drift',
      predicted: deployment(2, { sidecar: 'proxy:2', managedFields: [argoFields, webhook({ 'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"proxy"}': { '.': {} } } } } } })] }),
      live: deployment(2, { sidecar: 'proxy:1' }),
      modified: false,
      paths: [],
    },
    {
      name: 'a new container Argo CD owns is drift',
      predicted: deployment(2, { managedFields: [argo({ 'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:image': {} } } } } } })], image: 'web:2' }),
      live: deployment(2),
      modified: true,
      paths: ['spec.template.spec.containers[0].image'],
    },
  ])('$name', async ({ predicted, live, modified, paths }) => {
    const result = await serverSideDiff({ predictedLive: predicted, live });
    expect(result.modified).toBe(modified);
    expect(result.changedPaths).toEqual(paths);
    expect(JSON.stringify(result)).not.toMatch(/managedFields|resourceVersion|"uid"/);
  });

  it('keeps webhook mutations when IncludeMutationWebhook=true', async () => {
    const predicted = deployment(2, { sidecar: 'proxy:2', managedFields: [argoFields] });
    const result = await serverSideDiff({ predictedLive: predicted, live: deployment(2, { sidecar: 'proxy:1' }), ignoreMutationWebhook: false });
    expect(result.changedPaths).toEqual(['spec.template.spec.containers[1].image']);
  });

  it('takes a prediction without managedFields as is', async () => {
    const result = await serverSideDiff({ predictedLive: deployment(2, { sidecar: 'proxy:2' }), live: deployment(2, { sidecar: 'proxy:1' }) });
    expect(result.modified).toBe(true);
  });

  // Status is never Argo CD's field, so with webhook handling it comes from live anyway.
  it('applies ignoreDifferences and compares status when asked to', async () => {
    const predicted = deployment(3, { managedFields: [argoFields], status: { ready: 1 } });
    const live = deployment(2, { status: { ready: 2 } });
    const ignored = await serverSideDiff({ predictedLive: predicted, live, systemIgnoreDifferences: { 'apps/Deployment': { jsonPointers: ['/spec/replicas'] } } });
    expect(ignored.modified).toBe(false);
    const withStatus = await serverSideDiff({ predictedLive: predicted, live, ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }], ignoreResourceStatusField: 'none', ignoreMutationWebhook: false });
    expect(withStatus.changedPaths).toEqual(['status.ready']);
  });

  it('masks Secret values', async () => {
    const secret = (value: string): UnstructuredObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'prod' }, data: { token: value } });
    const result = await serverSideDiff({ predictedLive: secret('bmV3'), live: secret('b2xk') });
    expect(result.modified).toBe(true);
    expect(JSON.stringify(result)).not.toMatch(/bmV3|b2xk/);
  });
});
