// refresh with argocd-cm customizations: Lua health checks (exact and wildcard keys) and system-wide
// ignoreDifferences merged with the application's.
import { describe, expect, it } from '@jest/globals';
import type { UnstructuredObject } from '@driftless/api';
import { SHA, application, configMap, deployment, fakeEngine, liveConfigMap, liveDeployment, tracking } from './fake-ports.js';

const certificate = (ready?: string): UnstructuredObject => ({
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name: 'tls', ...(ready === undefined ? {} : { namespace: 'prod', uid: 'c1', annotations: tracking('guestbook', 'cert-manager.io', 'Certificate', 'tls') }) },
  spec: { secretName: 'tls' },
  ...(ready === undefined ? {} : { status: { conditions: [{ type: 'Ready', status: ready }] } }),
});

const CERT_CHECK = `
hs = {status = "Progressing", message = "waiting"}
for _, c in ipairs(obj.status.conditions) do
  if c.type == "Ready" and c.status == "True" then hs = {status = "Healthy", message = obj.metadata.name .. " is ready"} end
end
return hs`;

describe('refresh: resource customizations', () => {
  it('runs a wildcard Lua check for a kind without a built-in one, obj as a table', async () => {
    const settings = { resourceOverrides: { '*.io/*': { healthLua: CERT_CHECK } } };
    const { engine } = fakeEngine({ rendered: { [SHA]: [certificate()] }, live: [certificate('True')], settings });
    const result = await engine.refresh(application());
    expect(result.resources.map((r) => r.health)).toEqual([{ status: 'Healthy', message: 'tls is ready' }]);
    expect(result.tree?.nodes.map((n) => n.health)).toEqual([{ status: 'Healthy', message: 'tls is ready' }]);
  });

  it('lets a custom check override the built-in one; a failing script is Unknown with its error', async () => {
    const settings = { resourceOverrides: { 'apps/Deployment': { healthLua: 'return {status = "Suspended", message = "by policy"}' }, ConfigMap: { healthLua: 'error("no")' } } };
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment(), configMap('settings', {})] }, live: [liveDeployment(), liveConfigMap('settings', {})], settings });
    const result = await engine.refresh(application());
    expect(result.resources.map((r) => [r.kind, r.health?.status, r.health?.message])).toEqual([
      ['Deployment', 'Suspended', 'by policy'],
      ['ConfigMap', 'Unknown', expect.stringContaining('no')],
    ]);
    expect(result.health.status).toBe('Unknown');
  });

  it('counts a missing kind with a customization for the application, as Argo CD does', async () => {
    const settings = { resourceOverrides: { 'cert-manager.io/Certificate': { healthLua: CERT_CHECK } } };
    const result = await fakeEngine({ rendered: { [SHA]: [certificate()] }, settings }).engine.refresh(application());
    expect(result.health).toEqual({ status: 'Missing' });
    expect((await fakeEngine({ rendered: { [SHA]: [certificate()] } }).engine.refresh(application())).health).toEqual({ status: 'Healthy' });
  });

  it('merges system-wide ignoreDifferences (.all and per kind) with the application rules', async () => {
    const live = { ...liveDeployment('guestbook:1'), spec: { ...(liveDeployment()['spec'] as object), replicas: 4 } };
    const cm = liveConfigMap('settings', { a: 'changed', b: '1' });
    const rendered = { [SHA]: [deployment('guestbook:2'), configMap('settings', { a: '1', b: '1' })] };
    const settings = { resourceOverrides: { '*/*': { ignoreDifferences: { jsonPointers: ['/spec/replicas'] } }, ConfigMap: { ignoreDifferences: { jqPathExpressions: ['.data.a'] } } } };
    const app = application({ ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/template/spec/containers/0/image'] }] });
    const result = await fakeEngine({ rendered, live: [live, cm], settings }).engine.refresh(app);
    expect(result.resources.map((r) => [r.kind, r.status])).toEqual([
      ['Deployment', 'Synced'],
      ['ConfigMap', 'Synced'],
    ]);
    const without = await fakeEngine({ rendered, live: [live, cm] }).engine.refresh(app);
    expect(without.resources.map((r) => r.status)).toEqual(['OutOfSync', 'OutOfSync']);
  });
  it('drops kinds excluded by resource.exclusions (and always Events) from the target, with a warning each', async () => {
    const event: UnstructuredObject = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'noise' } };
    const settings = { resourceExclusions: [{ apiGroups: ['apps'], kinds: ['Deployment'], clusters: [] }] };
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment(), configMap('settings', {}), event] }, live: [liveConfigMap('settings', {})], settings });
    const result = await engine.refresh(application());
    expect(result.resources.map((r) => [r.kind, r.status])).toEqual([['ConfigMap', 'Synced']]);
    expect(result.sync.status).toBe('Synced');
    expect(result.conditions.map((c) => [c.type, c.message])).toEqual([
      ['ExcludedResourceWarning', 'Resource apps/Deployment web is excluded in the settings'],
      ['ExcludedResourceWarning', 'Resource /Event noise is excluded in the settings'],
    ]);
  });
});
