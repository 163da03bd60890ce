// Renders the fixture chart with the resolved helm, the way the render stage of libs/reconcile will.
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runTool } from './run-tool.js';
import { defaultTool, FIXTURES_DIR } from './test-support/test-tools.js';

const chart = path.join(FIXTURES_DIR, 'charts', 'web');

function expected(name: string): Promise<string> {
  return readFile(path.join(FIXTURES_DIR, 'rendered', name), 'utf8');
}

describe('helm template with the resolved helm', () => {
  it('applies values.yaml, the release name and the namespace', async () => {
    const helm = await defaultTool('helm');
    const result = await runTool(helm, ['template', 'demo', chart, '--namespace', 'apps']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(await expected('helm-web-defaults.expected.yaml'));
  });

  it('lets --set override values.yaml', async () => {
    const helm = await defaultTool('helm');
    const result = await runTool(helm, ['template', 'demo', chart, '--namespace', 'apps', '--set', 'replicaCount=5', '--set', 'image.tag=1.29.1']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(await expected('helm-web-set.expected.yaml'));
  });

  it('fails with the template error on stderr when a value has the wrong type', async () => {
    const helm = await defaultTool('helm');
    const result = await runTool(helm, ['template', 'demo', chart, '--set', 'image=flat']);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('deployment.yaml');
  });
});
