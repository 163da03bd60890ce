// prepareSync with plain-data ports: pairs with their sync status, hooks apart, the operation's revision(s)
// and source(s), the render cache shared with refresh, refresh's failure messages, and a run of stepSync.
import { describe, expect, it } from '@jest/globals';
import { NotFoundError } from '@driftless/api';
import type { Application, ApplicationSource, OperationState, UnstructuredObject } from '@driftless/api';
import type { RenderResult } from '../render/index.js';
import { stepSync } from '../sync/index.js';
import { FakeCluster } from '../sync/operation/fake-cluster.js';
import type { EngineRenderArgs, PrepareSyncResult, RenderCache } from './engine-types.js';
import { REPO, SHA, application, configMap, deployment, fakeEngine, liveConfigMap, liveDeployment } from './fake-ports.js';

const OTHER = 'b'.repeat(40);
const OLD = 'c'.repeat(40);
const VALUES_REPO = 'https://git.example.com/values.git';
const HOOK = { 'argocd.argoproj.io/hook': 'PreSync' };

const job = (): UnstructuredObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', annotations: HOOK }, spec: { template: { spec: { containers: [{ name: 'm', image: 'm:1' }] } } } });

// A full SHA resolves to itself; anything else to SHA in REPO and OTHER elsewhere.
const resolve = (url: string, revision: string) => Promise.resolve({ sha: /^[0-9a-f]{40}$/.test(revision) ? revision : url === REPO ? SHA : OTHER });

function prepared(result: PrepareSyncResult): Extract<PrepareSyncResult, { ok: true }> {
  if (!result.ok) throw new Error(`prepareSync refused: ${result.message}`);
  return result;
}

describe('prepareSync: pairs', () => {
  it('pairs Synced, OutOfSync, Missing and extraneous tracked objects with their status and the live objects as listed', async () => {
    const live = [liveDeployment(), liveConfigMap('settings', { a: '1' }), liveConfigMap('old', {})];
    const listed = structuredClone(live);
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment(), configMap('settings', { a: '2' }), configMap('new', { b: '1' })] }, listManaged: () => Promise.resolve(live) });
    const result = prepared(await engine.prepareSync(application(), {}));
    expect(result.resources.map((r) => [r.key.kind, r.key.name, r.status, r.target !== undefined, r.live !== undefined, r.requiresPruning])).toEqual([
      ['Deployment', 'web', 'Synced', true, true, false],
      ['ConfigMap', 'settings', 'OutOfSync', true, true, false],
      ['ConfigMap', 'new', 'OutOfSync', true, false, false],
      ['ConfigMap', 'old', 'OutOfSync', false, true, true],
    ]);
    expect(result.resources[0]?.key).toEqual({ group: 'apps', kind: 'Deployment', namespace: 'prod', name: 'web' });
    // The very objects the port listed, untouched by the comparison.
    expect(result.resources.map((r) => (r.live === undefined ? 'none' : live.indexOf(r.live)))).toEqual([0, 1, 'none', 2]);
    expect(live).toEqual(listed);
    expect(result.resources[1]?.target).toEqual(configMap('settings', { a: '2' }));
    expect(result).toMatchObject({ hooks: [], revision: SHA, sharedResourceWarnings: [] });
    expect(result.revisions).toBeUndefined();
  });

  it('returns desired hooks apart, never among the resources', async () => {
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment(), job()] }, live: [liveDeployment()] });
    const result = prepared(await engine.prepareSync(application(), {}));
    expect(result.hooks).toEqual([job()]);
    expect(result.resources.map((r) => r.key.kind)).toEqual(['Deployment']);
  });

  it('reports objects another application tracks as shared', async () => {
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment()] }, live: [liveDeployment('guestbook:1', 'billing')] });
    const result = prepared(await engine.prepareSync(application(), {}));
    expect(result.sharedResourceWarnings.map((w) => w.message)).toEqual(['Deployment/web is part of applications guestbook and billing']);
  });
});

describe("prepareSync: the operation's revision and source", () => {
  it('renders the explicit revision instead of targetRevision', async () => {
    const { engine, resolved, checkedOut } = fakeEngine({ resolve, rendered: { [SHA]: [deployment()], [OLD]: [deployment('guestbook:0')] }, live: [liveDeployment()] });
    const result = prepared(await engine.prepareSync(application(), { revision: OLD }));
    expect(resolved).toEqual([`${REPO}@${OLD}`]);
    expect([...checkedOut.values()]).toEqual([OLD]);
    expect(result.revision).toBe(OLD);
    expect(result.resources.map((r) => r.status)).toEqual(['OutOfSync']);
  });

  it('resolves a branch given as revision, and targetRevision without one', async () => {
    const { engine, resolved } = fakeEngine({ resolve, rendered: { [SHA]: [deployment()] } });
    expect(prepared(await engine.prepareSync(application(), { revision: 'release' })).revision).toBe(SHA);
    expect(prepared(await engine.prepareSync(application(), { revision: '' })).revision).toBe(SHA);
    expect(resolved).toEqual([`${REPO}@release`, `${REPO}@main`]);
  });

  it('renders the operation source in place of spec.source (rollback)', async () => {
    const renders: EngineRenderArgs[] = [];
    const old: ApplicationSource = { repoURL: 'https://git.example.com/old.git', path: 'legacy', targetRevision: 'v1' };
    const { engine, resolved } = fakeEngine({
      resolve,
      render: (args) => {
        renders.push(args);
        return Promise.resolve({ sourceType: 'Directory', objects: [configMap('legacy', {})] });
      },
    });
    const result = prepared(await engine.prepareSync(application(), { source: old, revision: OLD }));
    expect(resolved).toEqual([`https://git.example.com/old.git@${OLD}`]);
    expect(renders.map((r) => r.source)).toEqual([old]);
    expect(result.resources.map((r) => r.key.name)).toEqual(['legacy']);
    expect(result.revision).toBe(OLD);
  });

  it('renders every source at its revision of a multi-source app, from spec.sources or the operation sources', async () => {
    const sources: ApplicationSource[] = [
      { repoURL: REPO, path: 'guestbook', targetRevision: 'main' },
      { repoURL: VALUES_REPO, targetRevision: 'v1', ref: 'values' },
    ];
    const { engine, resolved, checkedOut } = fakeEngine({ resolve, rendered: { [OLD]: [deployment()] }, live: [liveDeployment()] });
    const result = prepared(await engine.prepareSync(application({ source: undefined, sources }), { revisions: [OLD, ''] }));
    expect(result).toMatchObject({ revision: OLD, revisions: [OLD, OTHER] });
    expect(resolved).toEqual([`${REPO}@${OLD}`, `${VALUES_REPO}@v1`]);
    expect([...checkedOut.values()]).toEqual([OLD]);
    expect(result.resources.map((r) => r.status)).toEqual(['Synced']);

    const rollback = prepared(await engine.prepareSync(application(), { sources, revisions: [OLD, OLD] }));
    expect(rollback.revisions).toEqual([OLD, OLD]);
  });

  it('serves a commit refresh rendered from the render cache, without a checkout', async () => {
    const entries = new Map<string, RenderResult>();
    const renderCache: RenderCache = { get: (key) => Promise.resolve(entries.get(key)), set: (key, value) => Promise.resolve(void entries.set(key, value)) };
    const { engine, checkedOut } = fakeEngine({ resolve, renderCache, rendered: { [SHA]: [deployment()] }, live: [liveDeployment()] });
    await engine.refresh(application());
    expect(checkedOut.size).toBe(1);
    const result = prepared(await engine.prepareSync(application(), { revision: SHA }));
    expect(checkedOut.size).toBe(1);
    expect(result.resources.map((r) => r.status)).toEqual(['Synced']);
    await engine.prepareSync(application(), { revision: SHA, hard: true });
    expect(checkedOut.size).toBe(2);
  });
});

describe('prepareSync: failures give the messages refresh puts in its conditions', () => {
  it('refuses a missing revision', async () => {
    const { engine } = fakeEngine({ resolve: (url, revision) => Promise.reject(new NotFoundError(`revision ${revision} not found in ${url}`)) });
    const result = await engine.prepareSync(application(), { revision: 'v9' });
    const refreshed = await engine.refresh(application({ source: { repoURL: REPO, path: 'guestbook', targetRevision: 'v9' } }));
    expect(result).toEqual({ ok: false, message: `Failed to load target state: revision v9 not found in ${REPO}` });
    expect(refreshed.conditions.map((c) => c.message)).toEqual([`Failed to load target state: revision v9 not found in ${REPO}`]);
  });

  it('refuses when the live state cannot be listed', async () => {
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment()] }, listManaged: () => Promise.reject(new Error('watch cache not ready')) });
    expect(await engine.prepareSync(application(), {})).toEqual({ ok: false, message: 'Failed to load live state: watch cache not ready' });
  });

  it('refuses an invalid spec, a failed comparison and an unexpected bug', async () => {
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment()] }, live: [liveDeployment()] });
    expect(await engine.prepareSync(application({ destination: { namespace: 'prod' } }), {})).toEqual({ ok: false, message: 'spec.destination.server: required: set exactly one of server or name' });
    const jq = application({ ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jqPathExpressions: ['.spec.[[['] }] });
    expect(await engine.prepareSync(jq, {})).toMatchObject({ ok: false, message: expect.stringMatching(/^Failed to compare desired state to live state: Deployment\/web: /) });
    const broken = fakeEngine({
      rendered: { [SHA]: [deployment()] },
      isNamespaced: () => {
        throw new Error('discovery exploded');
      },
    });
    expect(await broken.engine.prepareSync(application(), {})).toEqual({ ok: false, message: 'discovery exploded' });
  });
});

describe('prepareSync feeds stepSync', () => {
  it('syncs a simple application to Succeeded on a fake cluster, after which every resource is Synced', async () => {
    const cluster = new FakeCluster();
    const { engine } = fakeEngine({ rendered: { [SHA]: [deployment(), configMap('settings', { a: '1' })] }, listManaged: () => Promise.resolve([...cluster.objects.values()]) });
    let app: Application = { ...application(), operation: { sync: { revision: 'main' } } };
    let state: OperationState | undefined;
    for (let i = 0; i < 10 && state?.phase !== 'Succeeded'; i += 1) {
      // As the worker will: the commit once the operation started, else the operation's revision.
      const revision = app.status?.operationState?.syncResult?.revision ?? app.operation?.sync?.revision;
      const { ok: _ok, ...input } = prepared(await engine.prepareSync(app, revision === undefined ? {} : { revision }));
      const result = await stepSync({ app, ...input }, cluster);
      state = JSON.parse(JSON.stringify(result.state)) as OperationState;
      app = { ...app, status: { ...app.status, operationState: state } };
      if (cluster.byName('web') !== undefined) cluster.rollOut('web');
    }
    expect(state).toMatchObject({ phase: 'Succeeded', syncResult: { revision: SHA } });
    expect(cluster.byName('settings')?.metadata.annotations?.['argocd.argoproj.io/tracking-id']).toBe('guestbook:/ConfigMap:prod/settings');
    const after = prepared(await engine.prepareSync(app, { revision: SHA }));
    expect(after.resources.map((r) => [r.key.name, r.status])).toEqual([
      ['web', 'Synced'],
      ['settings', 'Synced'],
    ]);
  });
});
