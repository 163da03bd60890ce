// Custom health lookup: exact key before wildcards, wildcard globs, and which missing kinds count.
import { afterAll, describe, expect, it } from '@jest/globals';
import { resourceHealthWithOverrides } from './custom-resource-health.js';
import { hasHealthCheck, healthScriptFor } from './health-overrides.js';
import type { HealthOverrides } from './health-overrides.js';
import { createLuaHealthRunner } from './lua-health-runner.js';
import type { HealthStatus, PlainObject } from './types.js';

const obj = (apiVersion: string, kind: string, extra: PlainObject = {}): PlainObject => ({ apiVersion, kind, metadata: { name: 'x' }, ...extra });

const overrides: HealthOverrides = {
  'ec2.aws.crossplane.io/*': { healthLua: 'wildcard-ec2' },
  '*.aws.crossplane.io/*': { healthLua: 'wildcard-aws' },
  'ec2.aws.crossplane.io/Instance': { healthLua: 'exact' },
  'ec2.aws.crossplane.io/Vpc': { healthLua: '' },
  'apps/Deployment': { ignoreDifferences: {} } as HealthOverrides[string],
  Pod: { healthLua: 'pod' },
};

describe('healthScriptFor', () => {
  it.each([
    ['the exact key wins over wildcards', obj('ec2.aws.crossplane.io/v1', 'Instance'), 'exact'],
    ['an empty exact script falls through to the first wildcard in key order', obj('ec2.aws.crossplane.io/v1', 'Vpc'), 'wildcard-aws'],
    ['a wildcard group matches', obj('rds.aws.crossplane.io/v1', 'DBInstance'), 'wildcard-aws'],
    ['a core kind by its bare key', obj('v1', 'Pod'), 'pod'],
    ['no script: an override without healthLua', obj('apps/v1', 'Deployment'), undefined],
    ['no script: nothing matches', obj('v1', 'ConfigMap'), undefined],
  ])('%s', (_name, object, expected) => {
    expect(healthScriptFor(object, overrides)).toBe(expected);
  });
});

describe('hasHealthCheck', () => {
  it.each([
    ['a built-in kind', obj('apps/v1', 'StatefulSet'), true],
    ['any customization under the exact key', obj('ec2.aws.crossplane.io/v1', 'Vpc'), true],
    ['a kind matched only by a wildcard', obj('rds.aws.crossplane.io/v1', 'DBInstance'), false],
    ['a kind without any check', obj('v1', 'ConfigMap'), false],
  ])('%s', (_name, object, expected) => {
    expect(hasHealthCheck(object, overrides)).toBe(expected);
  });
});

describe('resourceHealthWithOverrides', () => {
  const runner = createLuaHealthRunner({ timeoutMs: 200 });
  afterAll(() => runner.close());
  const deployment = obj('apps/v1', 'Deployment', { spec: { replicas: 1 }, status: { replicas: 1, updatedReplicas: 1, availableReplicas: 1 } });
  const script = (lua: string): HealthOverrides => ({ 'apps/*': { healthLua: lua } });

  it.each<[string, HealthOverrides, HealthStatus | undefined]>([
    ['a wildcard script replaces the built-in check and reads obj as a table', script('return {status = "Degraded", message = obj.kind .. " " .. obj.spec.replicas}'), { status: 'Degraded', message: 'Deployment 1' }],
    ['a script that throws is Unknown with the error', script('error("boom")'), { status: 'Unknown', message: expect.stringContaining('boom') as unknown as string }],
    ['a script returning garbage is Unknown', script('return {status = "Fine"}'), { status: 'Unknown', message: 'Lua returned an invalid health status' }],
    ['a script that never ends is Unknown after the time limit', script('while true do end'), { status: 'Unknown', message: 'Lua health check exceeded its time limit of 200ms' }],
    ['without a script the built-in check runs', {}, { status: 'Healthy' }],
  ])('%s', async (_name, custom, expected) => {
    await expect(resourceHealthWithOverrides(deployment, { overrides: custom, runner })).resolves.toEqual(expected);
  });
});
