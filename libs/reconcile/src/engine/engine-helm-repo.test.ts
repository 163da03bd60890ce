// refresh end to end for Helm chart repository sources: a real chart repository (charts packaged by the
// real helm), the real chart cache, a real git server for `$values` files and the real render.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Application, ApplicationSource, UnstructuredObject } from '@driftless/api';
import { startGitServer } from '@driftless/gitserver';
import type { GitServer } from '@driftless/gitserver';
import { createServedRepo, startChartRepo, tempDir } from '@driftless/testing';
import type { ChartRepo, ServedRepo, TempDir } from '@driftless/testing';
import { renderSource } from '../render/index.js';
import { createHelmChartCache, createRepoCache } from '../source/index.js';
import { realRenderTools } from '../test-support/real-render-tools.js';
import { createEngine } from './create-engine.js';
import type { Engine } from './engine-types.js';

const TEMPLATE = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  version: {{ .Chart.Version | quote }}\n  tier: {{ .Values.tier | quote }}\n  size: {{ .Values.size | quote }}\n';
const chartFiles = { 'templates/cm.yaml': TEMPLATE, 'values.yaml': 'tier: default\nsize: small\n', 'values-prod.yaml': 'tier: prod\n' };

describe('engine over a real Helm chart repository', () => {
  let temp: TempDir;
  let charts: ChartRepo;
  let server: GitServer;
  let values: ServedRepo;
  let engine: Engine;
  let rendered: UnstructuredObject[] = [];

  const app = (source: ApplicationSource, extra: ApplicationSource[] = []): Application => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'web', namespace: 'argocd' },
    spec: { project: 'default', destination: { server: 'https://kubernetes.default.svc', namespace: 'demo' }, ...(extra.length === 0 ? { source } : { sources: [source, ...extra] }) },
  });

  beforeAll(async () => {
    temp = await tempDir('engine-helm-repo');
    charts = await startChartRepo({ charts: ['1.0.0', '1.4.2', '2.0.0'].map((version) => ({ name: 'web', version, files: chartFiles })) });
    await mkdir(path.join(temp.path, 'served'));
    server = await startGitServer({ root: path.join(temp.path, 'served') });
    values = await createServedRepo(server, 'values.git', { 'env/prod.yaml': 'size: large\n' });
    const tools = await realRenderTools();
    let dirs = 0;
    engine = createEngine({
      repos: createRepoCache({ dir: path.join(temp.path, 'repos'), allowHttp: true }),
      charts: createHelmChartCache({ dir: path.join(temp.path, 'charts'), tools, allowHttp: true }),
      render: async (args) => {
        const result = await renderSource({ ...args, tools });
        rendered = result.objects;
        return result;
      },
      live: { listManaged: () => Promise.resolve([]) },
      tempDir: async () => {
        const dir = path.join(temp.path, 'tmp', String(++dirs));
        await mkdir(dir, { recursive: true });
        return { path: dir, cleanup: () => Promise.resolve() };
      },
    });
  }, 120_000);
  afterAll(async () => {
    await values?.cleanup();
    await server?.stop();
    await charts?.stop();
    await temp?.cleanup();
  });

  it('renders the highest version matching the constraint and reports it as the revision', async () => {
    const result = await engine.refresh(app({ repoURL: charts.url, chart: 'web', targetRevision: '1.*' }));
    expect(result.conditions).toEqual([]);
    expect(result.sync).toMatchObject({ status: 'OutOfSync', revision: '1.4.2' });
    expect(result.sourceType).toBe('Helm');
    expect(result.resources.map((r) => `${r.kind}/${r.name}`)).toEqual(['ConfigMap/web']);
  });

  it('reads value files from inside the chart and $ref value files from a git source', async () => {
    const source: ApplicationSource = { repoURL: charts.url, chart: 'web', targetRevision: '2.0.0', helm: { releaseName: 'shop', valueFiles: ['values-prod.yaml', '$values/env/prod.yaml'] } };
    const result = await engine.refresh(app(source, [{ repoURL: values.url, targetRevision: 'main', ref: 'values' }]));
    expect(result.conditions).toEqual([]);
    expect(result.sync.revisions).toEqual(['2.0.0', await values.head()]);
    expect(result.sourceTypes).toEqual(['Helm']);
    expect(result.resources.map((r) => `${r.kind}/${r.name}`)).toEqual(['ConfigMap/shop']);
    expect(rendered.map((obj) => obj['data'])).toEqual([{ version: '2.0.0', tier: 'prod', size: 'large' }]);
  });

  it('reports a version that does not exist as a ComparisonError', async () => {
    const result = await engine.refresh(app({ repoURL: charts.url, chart: 'web', targetRevision: '99.*' }));
    expect(result.sync.status).toBe('Unknown');
    expect(result.conditions.map((c) => c.message)).toEqual([`Failed to load target state: chart web version 99.* not found in ${charts.url}`]);
  });
});
