// refresh compares desired with live state, with plain-data ports: sync, health, pruning, sharing, sources.
import { describe, expect, it } from '@jest/globals';
import type { ApplicationSource, UnstructuredObject } from '@driftless/api';
import { NotFoundError } from '@driftless/api';
import { trackingName } from './compare-app.js';
import { REPO, SHA, application, configMap, deployment, fakeEngine, liveConfigMap, liveDeployment } from './fake-ports.js';

describe('refresh: comparison', () => {
  it('is Synced and Healthy when live equals desired, with images, waves and comparedTo', async () => {
    const wave = { 'argocd.argoproj.io/sync-wave': '-2' };
    const live = [liveDeployment(), liveConfigMap('settings', { a: '1' }, wave)];
    const { engine, cleaned, requests } = fakeEngine({ rendered: { [SHA]: [deployment(), configMap('settings', { a: '1' }, wave)] }, live });
    const app = application();
    const result = await engine.refresh(app);
    expect(result).toEqual({
      sync: { status: 'Synced', revision: SHA, comparedTo: { source: app.spec.source, destination: app.spec.destination } },
      health: { status: 'Healthy' },
      resources: [
        { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'prod', name: 'web', status: 'Synced', health: { status: 'Healthy' }, syncWave: 0 },
        { group: '', version: 'v1', kind: 'ConfigMap', namespace: 'prod', name: 'settings', status: 'Synced', syncWave: -2 },
      ],
      conditions: [],
      sourceType: 'Directory',
      summary: { images: ['busybox:1', 'guestbook:1'] },
      reconciledAt: '2026-05-01T12:00:00Z',
      tree: {
        nodes: [
          { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'prod', name: 'web', uid: 'd1', health: { status: 'Healthy' } },
          { group: '', version: 'v1', kind: 'ConfigMap', namespace: 'prod', name: 'settings', uid: 'cm-settings' },
        ],
      },
    });
    expect(cleaned).toEqual(['/fake/tmp-1']);
    expect(requests).toEqual([
      {
        appName: 'guestbook',
        destination: app.spec.destination,
        desired: [
          { group: 'apps', kind: 'Deployment', namespace: 'prod', name: 'web' },
          { group: '', kind: 'ConfigMap', namespace: 'prod', name: 'settings' },
        ],
      },
    ]);
  });

  it('is OutOfSync when a live object differs', async () => {
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment('guestbook:2')] }, live: [liveDeployment('guestbook:1')] });
    const result = await engine.refresh(application());
    expect(result.sync.status).toBe('OutOfSync');
    expect(result.resources.map((r) => [r.name, r.status])).toEqual([['web', 'OutOfSync']]);
    expect(result.summary.images).toEqual(['busybox:1', 'guestbook:2']);
  });

  it('marks absent resources Missing; only kinds with a health check make the app Missing', async () => {
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment(), configMap('settings', {})] } });
    const result = await engine.refresh(application());
    expect(result.sync.status).toBe('OutOfSync');
    expect(result.health).toEqual({ status: 'Missing' });
    expect(result.resources.map((r) => [r.kind, r.status, r.health?.status])).toEqual([
      ['Deployment', 'OutOfSync', 'Missing'],
      ['ConfigMap', 'OutOfSync', 'Missing'],
    ]);
    const onlyConfig = await fakeEngine({ rendered: { [SHA]: [configMap('settings', {})] } }).engine.refresh(application());
    expect(onlyConfig.health).toEqual({ status: 'Healthy' });
  });

  it('flags extraneous tracked objects for pruning and ignores untracked or IgnoreExtraneous ones', async () => {
    const ignored = liveConfigMap('generated', {}, { 'argocd.argoproj.io/compare-options': 'IgnoreExtraneous' });
    const untracked: UnstructuredObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'theirs', namespace: 'prod' } };
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment()] }, live: [liveDeployment(), liveConfigMap('old', { a: '1' }), untracked] });
    const result = await engine.refresh(application());
    expect(result.sync.status).toBe('OutOfSync');
    expect(result.resources.filter((r) => r.kind === 'ConfigMap')).toEqual([{ group: '', version: 'v1', kind: 'ConfigMap', namespace: 'prod', name: 'old', status: 'OutOfSync', requiresPruning: true, syncWave: 0 }]);
    const onlyIgnored = await fakeEngine({ rendered: { [SHA]: [deployment()] }, live: [liveDeployment(), ignored] }).engine.refresh(application());
    expect(onlyIgnored.sync.status).toBe('Synced');
    expect(onlyIgnored.resources.map((r) => [r.name, r.status, r.requiresPruning])).toEqual([
      ['web', 'Synced', undefined],
      ['generated', 'OutOfSync', undefined],
    ]);
  });

  it('warns when a desired object is tracked by another application', async () => {
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment()] }, live: [liveDeployment('guestbook:1', 'billing')] });
    const result = await engine.refresh(application());
    expect(result.conditions).toEqual([{ type: 'SharedResourceWarning', message: 'Deployment/web is part of applications guestbook and billing', lastTransitionTime: '2026-05-01T12:00:00Z' }]);
    expect(result.sync.status).toBe('Synced');
  });

  it('tracks applications outside the control namespace as <namespace>_<name>', async () => {
    expect(trackingName(application({}, 'team-a'))).toBe('team-a_guestbook');
    expect(trackingName(application({}, 'argocd'))).toBe('guestbook');
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment()] }, live: [liveDeployment('guestbook:1', 'team-a_guestbook')] });
    const result = await engine.refresh(application({}, 'team-a'));
    expect(result.conditions).toEqual([]);
    expect(result.sync.status).toBe('Synced');
  });

  it('renders every source of spec.sources, resolving ref-only ones without rendering them', async () => {
    const other = 'b'.repeat(40);
    const values: ApplicationSource = { repoURL: 'https://git.example.com/values.git', targetRevision: 'v1', ref: 'values' };
    const sources: ApplicationSource[] = [{ repoURL: REPO, path: 'guestbook', targetRevision: 'main' }, values];
    const { engine, checkedOut } = fakeEngine({
      resolve: (url) => Promise.resolve({ sha: url === REPO ? SHA : other }),
      rendered: { [SHA]: [deployment()] },
      live: [liveDeployment()],
    });
    const result = await engine.refresh(application({ source: undefined, sources }));
    expect(result.sync).toEqual({ status: 'Synced', revisions: [SHA, other], comparedTo: { sources, destination: application().spec.destination } });
    expect(result.sourceTypes).toEqual(['Directory']);
    expect(result.sourceType).toBeUndefined();
    expect([...checkedOut.values()]).toEqual([SHA]);
  });

  it('names the failing source of several', async () => {
    const sources: ApplicationSource[] = [
      { repoURL: REPO, path: 'guestbook' },
      { repoURL: 'https://git.example.com/gone.git', path: 'x', targetRevision: 'v9' },
    ];
    const { engine } = fakeEngine({
      resolve: (url, revision) => (url === REPO ? Promise.resolve({ sha: SHA }) : Promise.reject(new NotFoundError(`revision ${revision} not found in ${url}`))),
    });
    const result = await engine.refresh(application({ source: undefined, sources }));
    expect(result.conditions.map((c) => c.message)).toEqual(['Failed to load target state: source 2 of 2: revision v9 not found in https://git.example.com/gone.git']);
    expect(result.sync).toMatchObject({ status: 'Unknown', revisions: [SHA, ''] });
  });
});
