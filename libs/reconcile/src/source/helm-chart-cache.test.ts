// The Helm chart cache against a real chart repository (charts packaged and indexed by the real helm,
// served over HTTP): versions and constraints, missing charts, credentials, caching and the URL policy.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidInputError, NotFoundError, PermissionDeniedError, UnavailableError } from '@driftless/api';
import type { RepositoryCredentials } from '@driftless/api';
import { startChartRepo, tempDir } from '@driftless/testing';
import type { ChartRepo, TempDir } from '@driftless/testing';
import type { ToolRunner } from '../render/tool-runner.js';
import { realRenderTools } from '../test-support/real-render-tools.js';
import { createHelmChartCache } from './adapters/helm-chart-cache.js';
import type { HelmChartCacheOptions } from './adapters/helm-chart-cache.js';

const PASSWORD = 'chart-s3cret-passw0rd';
const VERSIONS = ['1.0.0', '1.4.2', '1.10.0', '2.0.0', '2.1.0-rc.1'];

function credentials(password: string, extra: Partial<RepositoryCredentials> = {}): RepositoryCredentials {
  return { secret: { namespace: 'argocd', name: 'charts' }, url: 'http://127.0.0.1', type: 'helm', insecure: false, enableLfs: false, enableOCI: false, forceHttpBasicAuth: false, username: 'reader', password, ...extra };
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error('expected a rejection');
  return error;
}

describe('helm chart cache', () => {
  let tools: ToolRunner;
  let open: ChartRepo;
  let locked: ChartRepo;
  let temp: TempDir;

  beforeAll(async () => {
    tools = await realRenderTools();
    open = await startChartRepo({ charts: VERSIONS.map((version) => ({ name: 'nginx', version })) });
    locked = await startChartRepo({ charts: [{ name: 'private', version: '0.1.0' }], auth: { username: 'reader', password: PASSWORD } });
  }, 120_000);
  afterAll(async () => {
    await open?.stop();
    await locked?.stop();
  });
  beforeEach(async () => {
    temp = await tempDir('chart-cache');
  });
  afterEach(async () => {
    await temp.cleanup();
  });

  const cache = (extra: Partial<HelmChartCacheOptions> = {}) => createHelmChartCache({ dir: join(temp.path, 'cache'), tools, allowHttp: true, ...extra });

  it('returns an exact version as it is, without asking the repository', async () => {
    const before = open.requests.length;
    await expect(cache().resolveChart(open.url, 'nginx', '1.4.2')).resolves.toEqual({ version: '1.4.2' });
    expect(open.requests.length).toBe(before);
  });

  it.each([
    ['1.*', '1.10.0'],
    ['>=1.0.0 <1.5.0', '1.4.2'],
    ['*', '2.0.0'],
    ['~1.4', '1.4.2'],
  ])('resolves constraint %s to the highest matching version %s', async (constraint, version) => {
    await expect(cache().resolveChart(open.url, 'nginx', constraint)).resolves.toEqual({ version });
  });

  it('pulls a chart into the destination and answers its folder', async () => {
    const folder = await cache().pullChart(`${open.url}/`, 'nginx', '1.4.2', join(temp.path, 'dest'));
    expect(folder).toBe(join(temp.path, 'dest', 'nginx'));
    expect(await readFile(join(folder, 'Chart.yaml'), 'utf8')).toContain('version: 1.4.2');
    expect((await readdir(join(temp.path, 'dest'))).sort()).toEqual(['nginx']);
  });

  it('serves a second pull and a resolved constraint from disk without any request', async () => {
    const charts = cache();
    const { version } = await charts.resolveChart(open.url, 'nginx', '1.*');
    const before = open.requests.length;
    await charts.pullChart(open.url, 'nginx', version, join(temp.path, 'a'));
    await charts.pullChart(open.url.toUpperCase().replace('HTTP://', 'http://'), 'nginx', version, join(temp.path, 'b'));
    // A new cache over the same folder (a restarted worker) finds the chart too.
    await cache().pullChart(open.url, 'nginx', version, join(temp.path, 'c'));
    expect(open.requests.length).toBe(before);
    expect(await charts.cachedCharts()).toHaveLength(1);
  });

  it('coalesces concurrent pulls of one chart version into one download', async () => {
    const charts = cache();
    const before = open.requests.filter((r) => r.endsWith('nginx-1.0.0.tgz')).length;
    await Promise.all(['x', 'y', 'z'].map((dir) => charts.pullChart(open.url, 'nginx', '1.0.0', join(temp.path, dir))));
    expect(open.requests.filter((r) => r.endsWith('nginx-1.0.0.tgz')).length).toBe(before + 1);
  });

  it('reuses a resolution younger than maxAgeMs', async () => {
    let now = 1_000;
    const charts = cache({ now: () => now });
    await charts.resolveChart(open.url, 'nginx', '2.*', { maxAgeMs: 60_000 });
    const before = open.requests.length;
    now += 30_000;
    await expect(charts.resolveChart(open.url, 'nginx', '2.*', { maxAgeMs: 60_000 })).resolves.toEqual({ version: '2.0.0' });
    expect(open.requests.length).toBe(before);
    now += 60_000;
    await charts.resolveChart(open.url, 'nginx', '2.*', { maxAgeMs: 60_000 });
    expect(open.requests.length).toBeGreaterThan(before);
  });

  it('removes the least recently used chart beyond maxCharts', async () => {
    const charts = cache({ maxCharts: 2 });
    for (const version of ['1.0.0', '1.4.2', '2.0.0']) await charts.pullChart(open.url, 'nginx', version, join(temp.path, version));
    expect(await charts.cachedCharts()).toHaveLength(2);
    expect((await readdir(join(temp.path, 'cache'))).filter((name) => !name.startsWith('.'))).toHaveLength(2);
  });

  it.each([
    ['a missing chart', 'redis', '1.*', 'chart redis version 1.* not found in'],
    ['a missing version', 'nginx', '99.*', 'chart nginx version 99.* not found in'],
  ])('rejects %s with a NotFoundError', async (_name, chart, constraint, message) => {
    const error = await caught(cache().resolveChart(open.url, chart, constraint));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(`${message} ${open.url}`);
  });

  it('rejects a missing exact version when pulling', async () => {
    const error = await caught(cache().pullChart(open.url, 'nginx', '9.9.9', join(temp.path, 'dest')));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe(`chart nginx version 9.9.9 not found in ${open.url}`);
  });

  it('pulls with the repository credentials', async () => {
    const charts = cache({ credentials: () => credentials(PASSWORD) });
    await expect(charts.resolveChart(locked.url, 'private', '0.*')).resolves.toEqual({ version: '0.1.0' });
  });

  it.each([
    ['wrong credentials', () => credentials('wrong-passw0rd')],
    ['no credentials', () => undefined],
  ])('denies access with %s, without the password in the message', async (_name, credentialsFor) => {
    const error = await caught(cache({ credentials: credentialsFor }).pullChart(locked.url, 'private', '0.1.0', join(temp.path, 'dest')));
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.message).toBe(`access to ${locked.url} was denied: check the repository credentials`);
    expect(JSON.stringify({ message: error.message, context: (error as PermissionDeniedError).context })).not.toContain('passw0rd');
  });

  it('refuses http repositories unless allowed, before any request', async () => {
    const before = open.requests.length;
    const error = await caught(createHelmChartCache({ dir: join(temp.path, 'cache'), tools }).resolveChart(open.url, 'nginx', '1.*'));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toContain('plain http is disabled');
    expect(open.requests.length).toBe(before);
  });

  it.each([
    ['oci://registry.example.com/charts', 'nginx', 'OCI Helm registries are not supported yet'],
    ['git@github.com:org/charts.git', 'nginx', 'served over https, not ssh'],
    ['https://charts.example.com', '--set=x', 'chart name "--set=x" is not valid'],
    ['https://charts.example.com', 'stable/nginx', 'chart name "stable/nginx" is not valid'],
  ])('refuses %s chart %s', async (url, chart, message) => {
    const error = await caught(cache().resolveChart(url, chart, '1.*'));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toContain(message);
  });

  it('refuses OCI credentials', async () => {
    const error = await caught(cache({ credentials: () => credentials(PASSWORD, { type: 'oci' }) }).pullChart(open.url, 'nginx', '1.0.0', join(temp.path, 'dest')));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toContain('OCI Helm registries are not supported yet');
  });

  it('asks for an exact version when pulling', async () => {
    await expect(cache().pullChart(open.url, 'nginx', '1.*', join(temp.path, 'dest'))).rejects.toThrow('needs an exact version, got "1.*"');
  });

  it('names the host of a repository that cannot be reached', async () => {
    const error = await caught(cache().resolveChart('http://127.0.0.1:1', 'nginx', '1.*'));
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.message).toBe('cannot reach 127.0.0.1:1: dial tcp 127.0.0.1:1: connect: connection refused');
  });
});
