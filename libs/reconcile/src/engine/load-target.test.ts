// loadTarget over plain-data ports: the render cache (hits skip the checkout), hard refreshes, ref
// sources checked out once for `$ref/...` value files, and temp dirs removed whatever happens.
import { describe, expect, it } from '@jest/globals';
import type { ApplicationSource } from '@driftless/api';
import type { RenderResult } from '../render/index.js';
import type { EngineRenderArgs, RenderCache } from './engine-types.js';
import { loadTarget } from './load-target.js';
import type { LoadTargetInput } from './load-target.js';

const APP_REPO = 'https://git.example.com/app.git';
const VALUES_REPO = 'https://git.example.com/values.git';
const SHAS: Record<string, string> = { [APP_REPO]: 'a'.repeat(40), [VALUES_REPO]: 'b'.repeat(40) };
const RESULT: RenderResult = { sourceType: 'Helm', objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } }] };

function input(sources: ApplicationSource[], extra: Partial<LoadTargetInput> = {}): LoadTargetInput {
  return { sources, appName: 'shop', destination: { server: 'https://kubernetes.default.svc', namespace: 'store' }, now: '2026-05-01T12:00:00Z', ...extra };
}

/** A map-backed cache that can be made to fail. */
function memoryCache(failing = false): RenderCache & { entries: Map<string, RenderResult> } {
  const entries = new Map<string, RenderResult>();
  return {
    entries,
    get: (key) => (failing ? Promise.reject(new Error('redis down')) : Promise.resolve(entries.get(key))),
    set: (key, value) => (failing ? Promise.reject(new Error('redis down')) : Promise.resolve(void entries.set(key, value))),
  };
}

function ports(cache?: RenderCache, failingRepo?: string) {
  const checkouts: string[] = [];
  const renders: EngineRenderArgs[] = [];
  const cleaned: string[] = [];
  const resolveCalls: { url: string; maxAgeMs: number | undefined }[] = [];
  let dirs = 0;
  return {
    checkouts,
    renders,
    cleaned,
    resolveCalls,
    ports: {
      repos: {
        resolveRevision: (url: string, _revision: string, options?: { maxAgeMs?: number }) => {
          resolveCalls.push({ url, maxAgeMs: options?.maxAgeMs });
          return url === failingRepo ? Promise.reject(new Error(`${url} is unreachable`)) : Promise.resolve({ sha: SHAS[url] ?? 'c'.repeat(40) });
        },
        checkout: (url: string, sha: string, dir: string) => Promise.resolve(void checkouts.push(`${url}@${sha.slice(0, 1)} -> ${dir}`)),
      },
      render: (args: EngineRenderArgs) => {
        renders.push(args);
        return Promise.resolve(structuredClone(RESULT));
      },
      tempDir: () => {
        const path = `/tmp/checkout-${++dirs}`;
        return Promise.resolve({ path, cleanup: () => Promise.resolve(void cleaned.push(path)) });
      },
      ...(cache === undefined ? {} : { renderCache: cache }),
    },
  };
}

const helmSource: ApplicationSource = { repoURL: APP_REPO, path: 'chart', targetRevision: 'main', helm: { valueFiles: ['$values/env/prod.yaml'] } };
const valuesSource: ApplicationSource = { repoURL: VALUES_REPO, targetRevision: 'main', ref: 'values' };

describe('loadTarget', () => {
  it('renders once, then serves the same source at the same commit from the render cache without a checkout', async () => {
    const cache = memoryCache();
    const first = ports(cache);
    expect((await loadTarget(input([{ repoURL: APP_REPO, path: 'chart' }]), first.ports)).objects).toEqual(RESULT.objects);
    const second = ports(cache);
    const loaded = await loadTarget(input([{ repoURL: APP_REPO, path: 'chart' }]), second.ports);
    expect(loaded).toMatchObject({ objects: RESULT.objects, sourceTypes: ['Helm'], revisions: [SHAS[APP_REPO]], conditions: [] });
    expect(second.checkouts).toEqual([]);
    expect(second.renders).toEqual([]);
  });

  it('renders again for another commit, another path or another app', async () => {
    const cache = memoryCache();
    await loadTarget(input([{ repoURL: APP_REPO, path: 'chart' }]), ports(cache).ports);
    for (const [sources, extra] of [
      [[{ repoURL: APP_REPO, path: 'other' }], {}],
      [[{ repoURL: APP_REPO, path: 'chart' }], { appName: 'other-app' }],
      [[{ repoURL: VALUES_REPO, path: 'chart' }], {}],
    ] as const) {
      const run = ports(cache);
      await loadTarget(input([...sources], extra), run.ports);
      expect(run.renders).toHaveLength(1);
    }
  });

  it('ignores the cache on a hard refresh but stores the fresh rendering', async () => {
    const cache = memoryCache();
    await loadTarget(input([{ repoURL: APP_REPO, path: 'chart' }]), ports(cache).ports);
    cache.entries.forEach((_value, key) => cache.entries.set(key, { sourceType: 'Helm', objects: [] }));
    const hard = ports(cache);
    const loaded = await loadTarget(input([{ repoURL: APP_REPO, path: 'chart' }], { bypassRenderCache: true }), hard.ports);
    expect(loaded.objects).toEqual(RESULT.objects);
    expect(hard.renders).toHaveLength(1);
    expect([...cache.entries.values()]).toEqual([RESULT]);
  });

  it('renders when the cache fails, and the failure is no condition', async () => {
    const run = ports(memoryCache(true));
    const loaded = await loadTarget(input([{ repoURL: APP_REPO, path: 'chart' }]), run.ports);
    expect(loaded).toMatchObject({ objects: RESULT.objects, conditions: [] });
  });

  it('passes the fetch age on to revision resolution', async () => {
    const run = ports();
    await loadTarget(input([{ repoURL: APP_REPO, path: 'chart' }], { revisionMaxAgeMs: 180_000 }), run.ports);
    expect(run.resolveCalls).toEqual([{ url: APP_REPO, maxAgeMs: 180_000 }]);
  });

  it('checks out a ref source for the $ref value files of another and removes both checkouts', async () => {
    const run = ports();
    const loaded = await loadTarget(input([helmSource, valuesSource]), run.ports);
    expect(loaded).toMatchObject({ revisions: [SHAS[APP_REPO], SHAS[VALUES_REPO]], sourceTypes: ['Helm'], conditions: [] });
    expect(run.renders).toHaveLength(1);
    expect(run.renders[0]?.refSources).toEqual({ values: '/tmp/checkout-1' });
    expect(run.checkouts).toEqual([`${VALUES_REPO}@b -> /tmp/checkout-1`, `${APP_REPO}@a -> /tmp/checkout-2`]);
    expect(run.cleaned.sort()).toEqual(['/tmp/checkout-1', '/tmp/checkout-2']);
  });

  it('checks out a repository once when the ref source is the same repository and commit', async () => {
    const run = ports();
    await loadTarget(input([helmSource, { ...valuesSource, repoURL: APP_REPO }]), run.ports);
    expect(run.checkouts).toEqual([`${APP_REPO}@a -> /tmp/checkout-1`]);
    expect(run.renders[0]).toMatchObject({ repoRoot: '/tmp/checkout-1', refSources: { values: '/tmp/checkout-1' } });
  });

  it('keys the cache by the ref source commit too', async () => {
    const cache = memoryCache();
    await loadTarget(input([helmSource, valuesSource]), ports(cache).ports);
    SHAS[VALUES_REPO] = 'd'.repeat(40);
    try {
      const run = ports(cache);
      await loadTarget(input([helmSource, valuesSource]), run.ports);
      expect(run.renders).toHaveLength(1);
    } finally {
      SHAS[VALUES_REPO] = 'b'.repeat(40);
    }
  });

  it('fails the ref source and the source reading it when the ref repository is unreachable', async () => {
    const run = ports(undefined, VALUES_REPO);
    const loaded = await loadTarget(input([helmSource, valuesSource]), run.ports);
    expect(loaded.revisions).toEqual([SHAS[APP_REPO], '']);
    expect(loaded.conditions.map((c) => c.message)).toEqual([
      `Failed to load target state: source 1 of 2: ref source values could not be loaded: ${VALUES_REPO} is unreachable`,
      `Failed to load target state: source 2 of 2: ${VALUES_REPO} is unreachable`,
    ]);
    expect(run.renders).toEqual([]);
  });
});
