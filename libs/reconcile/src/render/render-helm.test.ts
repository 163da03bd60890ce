// Helm sources through renderSource with the real helm binary: values, parameters, Release fields,
// capabilities, CRDs, confinement of value files, and helm's own error messages.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidInputError } from '@driftless/api';
import type { ApplicationSourceHelm, UnstructuredObject } from '@driftless/api';
import { tempDir } from '@driftless/testing';
import type { TempDir } from '@driftless/testing';
import { renderSource } from './render-source.js';
import type { ToolRunner } from './tool-runner.js';
import { realRenderTools } from '../test-support/real-render-tools.js';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));

let tools: ToolRunner;
let work: TempDir;

beforeAll(async () => {
  tools = await realRenderTools();
  work = await tempDir('render-helm');
}, 120_000);

afterAll(async () => {
  await work.cleanup();
});

function render(helm: ApplicationSourceHelm | undefined, repoRoot = FIXTURES, sourcePath = 'chart-web') {
  return renderSource({
    repoRoot,
    source: { repoURL: 'https://git.example.com/demo.git', path: sourcePath, helm },
    appName: 'shop',
    namespace: 'store',
    kubeVersion: '1.31.2',
    tools,
    tempRoot: work.path,
  });
}

function find(objects: readonly UnstructuredObject[], kind: string): Record<string, unknown> {
  const found = objects.find((o) => o.kind === kind);
  if (found === undefined) throw new Error(`no ${kind} rendered`);
  return found;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof Error)) throw new Error('expected a rejection');
  return error;
}

describe('renderSource with a Helm chart', () => {
  it('detects the chart and templates it with the app name as release, the destination namespace and CRDs', async () => {
    const result = await render(undefined);
    expect(result.sourceType).toBe('Helm');
    expect(result.objects.map((o) => `${o.kind}/${o.metadata.name ?? ''}`)).toEqual(['CustomResourceDefinition/widgets.example.com', 'ConfigMap/shop-settings', 'Deployment/shop-web']);
    expect(find(result.objects, 'Deployment')).toMatchObject({ metadata: { namespace: 'store' }, spec: { replicas: 1 } });
    expect(find(result.objects, 'ConfigMap')).toMatchObject({ data: { greeting: 'hello', kubeVersion: 'v1.31.2', hasWidgets: 'false' } });
  });

  it('applies value files, values, parameters, file parameters, release name, namespace and api versions', async () => {
    const result = await render({
      releaseName: 'prod',
      namespace: 'prod-ns',
      valueFiles: ['values-prod.yaml'],
      values: 'greeting: from values\n',
      valuesObject: { extra: 'a,b' },
      parameters: [{ name: 'image.tag', value: '1.28.0' }, { name: 'replicas', value: '5' }, { name: 'greeting', value: 'true', forceString: true }],
      fileParameters: [{ name: 'motd', path: 'files/motd.txt' }],
      apiVersions: ['example.com/v1/Widget'],
      skipCrds: true,
    });
    expect(result.objects.map((o) => o.kind)).toEqual(['ConfigMap', 'Deployment']);
    expect(find(result.objects, 'Deployment')).toMatchObject({
      metadata: { name: 'prod-web', namespace: 'prod-ns' },
      spec: { replicas: 5, template: { spec: { containers: [{ image: 'nginx:1.28.0' }] } } },
    });
    // valuesObject wins over values, so greeting comes from the forced-string parameter over values-prod.yaml.
    expect(find(result.objects, 'ConfigMap')).toMatchObject({ data: { greeting: 'true', extra: 'a,b', motd: 'welcome aboard\n', hasWidgets: 'true' } });
  });

  it('surfaces helm template errors with helm\'s message', async () => {
    const error = await rejection(render({ parameters: [{ name: 'fail', value: 'true' }] }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toMatch(/^helm failed \(exit code 1\): .*refusing to render shop: fail is set/s);
    expect(error.message).not.toContain(work.path);
  });

  it.each([['../../../../etc/passwd'], ['../dir-basic/../../x.yaml']])('rejects the value file %s as outside the repository root', async (file) => {
    const error = await rejection(render({ valueFiles: [file] }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toBe(`file ${file} resolves outside repository root`);
  });

  it('reads an absolute value file from the repository root, as Argo does, so /etc/passwd is never read', async () => {
    const error = await rejection(render({ valueFiles: ['/etc/passwd'] }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toBe('value file /etc/passwd not found in repository');
    expect(error.message).not.toContain('root:');
  });

  it('skips missing value files with ignoreMissingValueFiles', async () => {
    const result = await render({ valueFiles: ['missing.yaml', 'values-prod.yaml'], ignoreMissingValueFiles: true });
    expect(find(result.objects, 'Deployment')).toMatchObject({ spec: { replicas: 3 } });
  });

  it('rejects a value file that is a symlink out of the repository', async () => {
    const repo = await tempDir('render-helm-repo');
    try {
      await cp(path.join(FIXTURES, 'chart-web'), path.join(repo.path, 'chart'), { recursive: true });
      await symlink('/etc/passwd', path.join(repo.path, 'chart', 'linked.yaml'));
      const error = await rejection(render({ valueFiles: ['linked.yaml'] }, repo.path, 'chart'));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error.message).toBe('symlink chart/linked.yaml points outside repository root');
    } finally {
      await repo.cleanup();
    }
  });

  it('builds missing chart dependencies first, then templates with the parent\'s values', async () => {
    const result = await render(undefined, FIXTURES, 'chart-umbrella');
    expect(find(result.objects, 'Deployment')).toMatchObject({ metadata: { name: 'shop-web' }, spec: { replicas: 2 } });
  });

  describe('value files from a ref source ($ref/...)', () => {
    let values: TempDir;
    beforeAll(async () => {
      values = await tempDir('render-helm-values-repo');
      await mkdir(path.join(values.path, 'env'), { recursive: true });
      await writeFile(path.join(values.path, 'env', 'prod.yaml'), 'replicas: 7\ngreeting: from the values repo\n');
      await symlink('/etc/passwd', path.join(values.path, 'env', 'linked.yaml'));
    });
    afterAll(async () => {
      await values.cleanup();
    });
    const renderWithRefs = (valueFiles: string[], refSources: Record<string, string>) =>
      renderSource({ repoRoot: FIXTURES, source: { repoURL: 'https://git.example.com/demo.git', path: 'chart-web', helm: { valueFiles } }, appName: 'shop', namespace: 'store', tools, tempRoot: work.path, refSources });

    it('reads $values/env/prod.yaml from the root of the source with ref values', async () => {
      const result = await renderWithRefs(['$values/env/prod.yaml'], { values: values.path });
      expect(find(result.objects, 'Deployment')).toMatchObject({ spec: { replicas: 7 } });
      expect(find(result.objects, 'ConfigMap')).toMatchObject({ data: { greeting: 'from the values repo' } });
    });

    it('names the value file and the ref when no source has that ref', async () => {
      const error = await rejection(renderWithRefs(['$other/env/prod.yaml'], { values: values.path }));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error.message).toBe('value file $other/env/prod.yaml: no source in spec.sources has ref "other"');
    });

    it.each([['$values/../../etc/passwd', 'file /../../etc/passwd resolves outside repository root'], ['$values/env/linked.yaml', 'file /env/linked.yaml resolves through a symlink outside repository root']])('keeps %s inside the ref source', async (file, message) => {
      const error = await rejection(renderWithRefs([file], { values: values.path }));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error.message).toBe(message);
      expect(error.message).not.toContain('root:');
    });
  });

  it('removes its working copies', async () => {
    await render(undefined);
    expect(await readdir(work.path)).toEqual([]);
  });
});
