// Kustomize sources through renderSource with the real kustomize: detection, Argo's kustomize options
// and kustomize's own error messages.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidInputError } from '@driftless/api';
import type { ApplicationSourceKustomize, UnstructuredObject } from '@driftless/api';
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
  work = await tempDir('render-kustomize');
}, 120_000);

afterAll(async () => {
  await work.cleanup();
});

function render(kustomize: ApplicationSourceKustomize | undefined, sourcePath = 'kustomize/overlay') {
  return renderSource({
    repoRoot: FIXTURES,
    source: { repoURL: 'https://git.example.com/demo.git', path: sourcePath, kustomize },
    appName: 'shop',
    namespace: 'store',
    tools,
    tempRoot: work.path,
  });
}

function find(objects: readonly UnstructuredObject[], kind: string): Record<string, unknown> {
  const found = objects.find((o) => o.kind === kind);
  if (found === undefined) throw new Error(`no ${kind} rendered`);
  return found;
}

describe('renderSource with a Kustomize root', () => {
  it('detects the kustomization and builds the overlay with its base', async () => {
    const result = await render(undefined);
    expect(result.sourceType).toBe('Kustomize');
    expect(result.objects.map((o) => `${o.kind}/${o.metadata.name ?? ''}`)).toEqual(['Service/staging-web', 'Deployment/staging-web']);
    expect(find(result.objects, 'Deployment')).toMatchObject({ metadata: { labels: { team: 'web' } } });
  });

  it('applies Argo\'s kustomize options like `kustomize edit` would', async () => {
    const result = await render({
      namePrefix: 'prod-',
      nameSuffix: '-v2',
      namespace: 'shop-prod',
      images: ['nginx=registry.example.com/nginx:1.27'],
      commonLabels: { env: 'prod' },
      commonAnnotations: { owner: 'team-$ARGOCD_APP_NAME' },
      commonAnnotationsEnvsubst: true,
      replicas: [{ name: 'web', count: 4 }],
    });
    const deployment = find(result.objects, 'Deployment');
    expect(deployment).toMatchObject({
      metadata: { name: 'prod-web-v2', namespace: 'shop-prod', labels: { team: 'web', env: 'prod' }, annotations: { owner: 'team-shop' } },
      spec: { replicas: 4, template: { spec: { containers: [{ image: 'registry.example.com/nginx:1.27' }] } } },
    });
    expect(find(result.objects, 'Service')).toMatchObject({ metadata: { name: 'prod-web-v2', namespace: 'shop-prod' } });
  });

  it('applies inline patches', async () => {
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 7\n';
    const result = await render({ patches: [{ patch, target: { kind: 'Deployment' } }] }, 'kustomize/base');
    expect(find(result.objects, 'Deployment')).toMatchObject({ spec: { replicas: 7 } });
  });

  it('never changes the repository itself', async () => {
    const before = await readFile(path.join(FIXTURES, 'kustomize', 'overlay', 'kustomization.yaml'), 'utf8');
    await render({ namePrefix: 'other-' });
    expect(await readFile(path.join(FIXTURES, 'kustomize', 'overlay', 'kustomization.yaml'), 'utf8')).toBe(before);
    expect(await readdir(work.path)).toEqual([]);
  });

  it('refuses a label already set by the kustomization unless forced', async () => {
    await expect(render({ commonLabels: { team: 'ops' } }, 'kustomize/base')).rejects.toThrow('commonLabels: team already in kustomization file');
    const forced = await render({ commonLabels: { team: 'ops' }, forceCommonLabels: true }, 'kustomize/base');
    expect(find(forced.objects, 'Service')).toMatchObject({ metadata: { labels: { team: 'ops' } } });
  });

  it('surfaces kustomize errors with kustomize\'s message', async () => {
    const error = await render({ components: ['../no-such-component'] }, 'kustomize/base').then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(String(error)).toMatch(/kustomize failed \(exit code 1\): .*no-such-component/s);
    expect(String(error)).not.toContain(work.path);
  });
});
