// loadTarget over plain-data ports: the render cache (hits skip the checkout), hard refreshes, ref
// sources checked out once for `$ref/...` value files, Helm chart repository sources (resolved to a chart
// version, pulled on a cache miss), and temp dirs removed whatever happens.
import { describe, expect, it } from '@jest/globals';
import { NotFoundError } from '@driftless/api';
import type { ApplicationSource } from '@driftless/api';
import type { RenderResult } from '../render/index.js';
import type { EngineCharts, EngineRenderArgs, RenderCache } from './engine-types.js';
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

function ports(cache?: RenderCache, failingRepo?: string, sourceType: RenderResult['sourceType'] = 'Helm') {
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
        return Promise.resolve({ ...structuredClone(RESULT), sourceType });
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

  it("shares a plain directory's rendering between apps, which it does not depend on, and never a Helm or Kustomize one", async () => {
    for (const [sourceType, rendersForTwoApps] of [['Directory', 1], ['Helm', 2], ['Kustomize', 2]] as const) {
      const cache = memoryCache();
      const first = ports(cache, undefined, sourceType);
      await loadTarget(input([{ repoURL: APP_REPO, path: 'manifests' }], { appName: 'shop-eu' }), first.ports);
      const second = ports(cache, undefined, sourceType);
      const loaded = await loadTarget(input([{ repoURL: APP_REPO, path: 'manifests' }], { appName: 'shop-us', destination: { server: 'https://kubernetes.default.svc', namespace: 'us' } }), second.ports);
      expect({ sourceType, renders: first.renders.length + second.renders.length }).toEqual({ sourceType, renders: rendersForTwoApps });
      expect(loaded).toMatchObject({ objects: RESULT.objects, sourceTypes: [sourceType] });
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

const CHART_REPO = 'https://charts.example.com';
const chartSource: ApplicationSource = { repoURL: CHART_REPO, chart: 'nginx', targetRevision: '15.*', helm: { valueFiles: ['values-prod.yaml', '$values/env/prod.yaml'] } };

/** Chart ports: `15.*` resolves to 15.2.0; pulls land in `<destDir>/nginx` and are recorded. */
function chartPorts(cache?: RenderCache, resolve?: EngineCharts['resolveChart']) {
  const run = ports(cache);
  const pulls: string[] = [];
  const resolves: { constraint: string; maxAgeMs: number | undefined }[] = [];
  const charts: EngineCharts = {
    resolveChart:
      resolve ??
      ((_url, _chart, constraint, options) => {
        resolves.push({ constraint, maxAgeMs: options?.maxAgeMs });
        return Promise.resolve({ version: '15.2.0' });
      }),
    pullChart: (url, chart, version, destDir) => {
      pulls.push(`${url} ${chart}@${version} -> ${destDir}`);
      return Promise.resolve(`${destDir}/${chart}`);
    },
  };
  return { ...run, pulls, resolves, ports: { ...run.ports, charts } };
}

describe('loadTarget: Helm chart repositories', () => {
  it('resolves the chart version as the revision, pulls the chart and renders its folder as a Helm source', async () => {
    const run = chartPorts();
    const loaded = await loadTarget(input([chartSource, valuesSource], { revisionMaxAgeMs: 60_000 }), run.ports);
    expect(loaded).toMatchObject({ revisions: ['15.2.0', SHAS[VALUES_REPO]], sourceTypes: ['Helm'], objects: RESULT.objects, conditions: [] });
    expect(run.resolves).toEqual([{ constraint: '15.*', maxAgeMs: 60_000 }]);
    expect(run.pulls).toEqual([`${CHART_REPO} nginx@15.2.0 -> /tmp/checkout-2`]);
    expect(run.checkouts).toEqual([`${VALUES_REPO}@b -> /tmp/checkout-1`]);
    expect(run.renders).toEqual([
      { repoRoot: '/tmp/checkout-2', source: { ...chartSource, path: 'nginx' }, appName: 'shop', namespace: 'store', refSources: { values: '/tmp/checkout-1' } },
    ]);
    expect(run.cleaned.sort()).toEqual(['/tmp/checkout-1', '/tmp/checkout-2']);
  });

  it('serves the same chart version from the render cache without a pull, and renders a new version', async () => {
    const cache = memoryCache();
    await loadTarget(input([{ ...chartSource, helm: {} }]), chartPorts(cache).ports);
    const again = chartPorts(cache);
    expect(await loadTarget(input([{ ...chartSource, helm: {} }]), again.ports)).toMatchObject({ revisions: ['15.2.0'], objects: RESULT.objects, conditions: [] });
    expect(again.pulls).toEqual([]);
    expect(again.renders).toEqual([]);
    const newer = chartPorts(cache, () => Promise.resolve({ version: '15.3.0' }));
    await loadTarget(input([{ ...chartSource, helm: {} }]), newer.ports);
    expect(newer.pulls).toEqual([`${CHART_REPO} nginx@15.3.0 -> /tmp/checkout-1`]);
  });

  it('keys the cache by repository and chart too', async () => {
    const cache = memoryCache();
    await loadTarget(input([{ ...chartSource, helm: {} }]), chartPorts(cache).ports);
    for (const source of [{ ...chartSource, helm: {}, chart: 'redis' }, { ...chartSource, helm: {}, repoURL: 'https://other.example.com' }]) {
      const run = chartPorts(cache);
      await loadTarget(input([source]), run.ports);
      expect(run.pulls).toHaveLength(1);
    }
  });

  it('fails a chart source whose version cannot be resolved, and loads the others', async () => {
    const run = chartPorts(undefined, () => Promise.reject(new NotFoundError(`chart nginx version 15.* not found in ${CHART_REPO}`)));
    const loaded = await loadTarget(input([{ ...chartSource, helm: {} }, { repoURL: APP_REPO, path: 'chart' }]), run.ports);
    expect(loaded.revisions).toEqual(['', SHAS[APP_REPO]]);
    expect(loaded.conditions.map((c) => c.message)).toEqual([`Failed to load target state: source 1 of 2: chart nginx version 15.* not found in ${CHART_REPO}`]);
    expect(run.pulls).toEqual([]);
    expect(run.renders).toHaveLength(1);
  });

  it('fails a chart source whose pull fails and removes the temp dir', async () => {
    const run = chartPorts();
    const charts: EngineCharts = { ...run.ports.charts, pullChart: () => Promise.reject(new Error(`access to ${CHART_REPO} was denied: check the repository credentials`)) };
    const loaded = await loadTarget(input([{ ...chartSource, helm: {} }]), { ...run.ports, charts });
    expect(loaded).toMatchObject({ revisions: ['15.2.0'], objects: [] });
    expect(loaded.conditions.map((c) => c.message)).toEqual([`Failed to load target state: access to ${CHART_REPO} was denied: check the repository credentials`]);
    expect(run.cleaned).toEqual(['/tmp/checkout-1']);
  });

  it('keeps failing chart sources with "not supported yet" when the engine has no chart port', async () => {
    const run = ports();
    const loaded = await loadTarget(input([{ ...chartSource, helm: {} }]), run.ports);
    expect(loaded.conditions.map((c) => c.message)).toEqual([`Failed to load target state: Helm chart repositories are not supported yet (chart nginx from ${CHART_REPO})`]);
  });

  it('refuses a chart source as the ref of $ref value files', async () => {
    const run = chartPorts();
    const loaded = await loadTarget(input([helmSource, { ...chartSource, helm: {}, ref: 'values' }]), run.ports);
    expect(loaded.conditions.map((c) => c.message)).toEqual([
      'Failed to load target state: source 1 of 2: ref source values is a Helm chart: Helm charts are not supported as ref sources',
    ]);
  });
});
