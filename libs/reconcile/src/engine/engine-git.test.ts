// refresh end to end over a real git server, the real repository cache and the real render; live objects
// are plain data.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Application, UnstructuredObject } from '@driftless/api';
import { startGitServer } from '@driftless/gitserver';
import type { GitServer } from '@driftless/gitserver';
import { createServedRepo, tempDir } from '@driftless/testing';
import type { ServedRepo, TempDir } from '@driftless/testing';
import { renderSource } from '../render/index.js';
import { formatTrackingId } from '../match/index.js';
import { createRepoCache } from '../source/index.js';
import { createEngine } from './create-engine.js';
import type { Engine } from './engine-types.js';
import { realRenderTools } from '../test-support/real-render-tools.js';


function webDeployment(image: string): UnstructuredObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } } },
  };
}

const settings: UnstructuredObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { mode: 'demo' } };

/** What the cluster would hold after applying `desired`: namespace, uid, tracking id and a ready status. */
function applied(desired: UnstructuredObject, uid: string): UnstructuredObject {
  const live = structuredClone(desired);
  const group = live.apiVersion.includes('/') ? (live.apiVersion.split('/')[0] ?? '') : '';
  const id = formatTrackingId({ appName: 'guestbook', group, kind: live.kind, namespace: 'demo', name: live.metadata.name ?? '' });
  live.metadata = { ...live.metadata, namespace: 'demo', uid, generation: 1, annotations: { 'argocd.argoproj.io/tracking-id': id } };
  if (live.kind === 'Deployment') live['status'] = { observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 };
  return live;
}

describe('engine over a real git server', () => {
  let temp: TempDir;
  let server: GitServer;
  let repo: ServedRepo;
  let engine: Engine;
  let live: UnstructuredObject[] = [];
  const checkouts: string[] = [];

  const app = (targetRevision = 'main'): Application => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'guestbook', namespace: 'argocd' },
    spec: { project: 'default', destination: { server: 'https://kubernetes.default.svc', namespace: 'demo' }, source: { repoURL: repo.url, path: 'guestbook', targetRevision } },
  });

  beforeAll(async () => {
    temp = await tempDir('engine-git');
    await mkdir(path.join(temp.path, 'served'));
    server = await startGitServer({ root: path.join(temp.path, 'served') });
    repo = await createServedRepo(server, 'apps.git', {
      'guestbook/web.yaml': JSON.stringify(webDeployment('guestbook:1')),
      'guestbook/settings.yaml': JSON.stringify(settings),
      'README.md': 'apps\n',
    });
    const tools = await realRenderTools();
    engine = createEngine({
      repos: createRepoCache({ dir: path.join(temp.path, 'cache'), allowHttp: true }),
      render: (args) => renderSource({ ...args, tools, tempRoot: temp.path }),
      live: { listManaged: () => Promise.resolve(structuredClone(live)) },
      tempDir: async () => {
        const dir = await tempDir('engine-checkout');
        checkouts.push(dir.path);
        return dir;
      },
    });
  }, 120_000);

  afterAll(async () => {
    await repo?.cleanup();
    await server?.stop();
    await temp?.cleanup();
  });

  it('walks from Missing to Synced to OutOfSync at a pushed revision, and names a missing revision', async () => {
    const first = await repo.head();
    const before = await engine.refresh(app());
    expect(before.conditions).toEqual([]);
    expect(before.sync).toMatchObject({ status: 'OutOfSync', revision: first });
    expect(before.health.status).toBe('Missing');
    expect(before.sourceType).toBe('Directory');
    expect(before.summary.images).toEqual(['guestbook:1']);
    expect(before.resources.map((r) => [r.kind, r.namespace, r.name, r.status, r.health?.status])).toEqual([
      ['ConfigMap', 'demo', 'settings', 'OutOfSync', 'Missing'],
      ['Deployment', 'demo', 'web', 'OutOfSync', 'Missing'],
    ]);

    live = [applied(settings, 'u-settings'), applied(webDeployment('guestbook:1'), 'u-web')];
    const synced = await engine.refresh(app());
    expect(synced.conditions).toEqual([]);
    expect(synced.sync).toMatchObject({ status: 'Synced', revision: first });
    expect(synced.health).toEqual({ status: 'Healthy' });
    expect(synced.resources.map((r) => r.status)).toEqual(['Synced', 'Synced']);

    const second = await repo.commit({ 'guestbook/web.yaml': JSON.stringify(webDeployment('guestbook:2')) }, 'guestbook 2');
    await repo.push();
    const changed = await engine.refresh(app());
    expect(changed.sync).toMatchObject({ status: 'OutOfSync', revision: second });
    expect(changed.resources.map((r) => [r.name, r.status])).toEqual([
      ['settings', 'Synced'],
      ['web', 'OutOfSync'],
    ]);
    expect(changed.summary.images).toEqual(['guestbook:2']);

    const missing = await engine.refresh(app('no-such-branch'));
    expect(missing.sync.status).toBe('Unknown');
    expect(missing.conditions.map((c) => [c.type, c.message])).toEqual([
      ['ComparisonError', `Failed to load target state: revision no-such-branch not found in ${repo.url}`],
    ]);

    expect(checkouts).toHaveLength(3);
    for (const dir of checkouts) await expect(access(dir)).rejects.toThrow();
  }, 60_000);
});
