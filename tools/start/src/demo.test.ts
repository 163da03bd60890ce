import { afterEach, describe, expect, it } from '@jest/globals';
import fs from 'node:fs/promises';
import path from 'node:path';
import { runGit } from '@driftless/gitserver';
import { tempDir } from '@driftless/testing';
import type { TempDir } from '@driftless/testing';
import { demoApplication, ensureDemoRepository } from './demo.js';

describe('the demo repository', () => {
  let dir: TempDir | undefined;
  afterEach(async () => dir?.cleanup());

  it('is created once with the guestbook manifests, and kept on the next start', async () => {
    dir = await tempDir('driftless-start-');
    const root = path.join(dir.path, 'git');
    expect(await ensureDemoRepository(root)).toBe(true);
    await runGit(['clone', '--quiet', path.join(root, 'demo.git'), path.join(dir.path, 'clone')]);
    expect((await fs.readdir(path.join(dir.path, 'clone', 'guestbook'))).sort()).toEqual(['configmap.yaml', 'deployment.yaml', 'service.yaml']);
    const head = await runGit(['rev-parse', 'HEAD'], { cwd: path.join(dir.path, 'clone') });
    expect(await ensureDemoRepository(root)).toBe(false);
    await runGit(['fetch', '--quiet'], { cwd: path.join(dir.path, 'clone') });
    expect(await runGit(['rev-parse', 'origin/main'], { cwd: path.join(dir.path, 'clone') })).toEqual(head);
  });
});

describe('demoApplication', () => {
  it('is an Argo CD Application for the guestbook path with automated sync', () => {
    expect(demoApplication('http://127.0.0.1:8418/demo.git', 'argocd')).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'demo', namespace: 'argocd' },
      spec: {
        project: 'default',
        source: { repoURL: 'http://127.0.0.1:8418/demo.git', targetRevision: 'HEAD', path: 'guestbook' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'demo' },
        syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
      },
    });
  });
});
