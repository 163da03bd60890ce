import { describe, it, expect, afterAll } from '@jest/globals';
import { createLuaHealthRunner, INVALID_LUA_STATUS_MESSAGE } from './lua-health-runner.js';
import { resourceHealthWithCustomChecks } from './custom-resource-health.js';
import type { HealthStatus, PlainObject } from './types.js';

/** The cert-manager Certificate check from Argo CD's health customization docs. */
const CERTIFICATE_CHECK = `
hs = {}
if obj.status ~= nil then
  if obj.status.conditions ~= nil then
    for i, condition in ipairs(obj.status.conditions) do
      if condition.type == "Ready" and condition.status == "False" then
        hs.status = "Degraded"
        hs.message = condition.message
        return hs
      end
      if condition.type == "Ready" and condition.status == "True" then
        hs.status = "Healthy"
        hs.message = condition.message
        return hs
      end
    end
  end
end
hs.status = "Progressing"
hs.message = "Waiting for certificate"
return hs
`;

function certificate(conditions: PlainObject[] | null): PlainObject {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: 'web-tls', deletionTimestamp: null },
    status: conditions === null ? null : { conditions },
  };
}

const runner = createLuaHealthRunner({ timeoutMs: 50 });
afterAll(() => runner.close());

describe('createLuaHealthRunner', () => {
  const cases: ReadonlyArray<[name: string, script: string, obj: PlainObject, expected: HealthStatus]> = [
    ['certificate ready → Healthy', CERTIFICATE_CHECK, certificate([{ type: 'Ready', status: 'True', message: 'Certificate is up to date' }]), { status: 'Healthy', message: 'Certificate is up to date' }],
    ['certificate failing → Degraded', CERTIFICATE_CHECK, certificate([{ type: 'Ready', status: 'False', message: 'Issuing failed' }]), { status: 'Degraded', message: 'Issuing failed' }],
    ['certificate without status (null) → Progressing', CERTIFICATE_CHECK, certificate(null), { status: 'Progressing', message: 'Waiting for certificate' }],
    ['Lua 5.1 table.getn still works', 'hs = {status = "Suspended", message = "n=" .. table.getn(obj.spec.items)} return hs', { spec: { items: [1, 2, 3] } }, { status: 'Suspended', message: 'n=3' }],
    ['a script that errors → Unknown with the Lua error', 'local x = nil\nreturn x.field', {}, { status: 'Unknown', message: expect.stringContaining("attempt to index a nil value (local 'x')") as unknown as string }],
    ['a syntax error → Unknown', 'hs = {', {}, { status: 'Unknown', message: expect.stringContaining('unexpected symbol near <eof>') as unknown as string }],
    ['an infinite loop → Unknown with a timeout message', 'while true do end', {}, { status: 'Unknown', message: 'Lua health check exceeded its time limit of 50ms' }],
    ['an invalid status → Unknown', 'return {status = "Great"}', {}, { status: 'Unknown', message: INVALID_LUA_STATUS_MESSAGE }],
    ['no table returned → Unknown', 'return 42', {}, { status: 'Unknown', message: INVALID_LUA_STATUS_MESSAGE }],
  ];

  it.each(cases)('%s', async (_name, script, obj, expected) => {
    await expect(runner.check(script, obj)).resolves.toEqual(expected);
  });

  it('keeps scripts from seeing each other\'s globals', async () => {
    await runner.check('leaked = "yes" return {status = "Healthy"}', {});
    await expect(runner.check('return {status = leaked and "Degraded" or "Healthy"}', {})).resolves.toEqual({ status: 'Healthy' });
  });

  it('resolves Unknown once closed', async () => {
    const closed = createLuaHealthRunner();
    closed.close();
    await expect(closed.check('return {status = "Healthy"}', {})).resolves.toEqual({ status: 'Unknown', message: 'Lua health runner is closed' });
  });
});

describe('resourceHealthWithCustomChecks', () => {
  const customChecks = new Map([
    ['cert-manager.io/Certificate', CERTIFICATE_CHECK],
    ['apps/Deployment', 'return {status = "Degraded", message = "overridden"}'],
  ]);
  const deployment: PlainObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1 }, status: { updatedReplicas: 1, availableReplicas: 1, replicas: 1 } };

  const cases: ReadonlyArray<[name: string, obj: PlainObject, expected: HealthStatus | undefined]> = [
    ['a CRD with a custom check', certificate([{ type: 'Ready', status: 'True', message: 'ok' }]), { status: 'Healthy', message: 'ok' }],
    ['a custom check overrides the built-in one', deployment, { status: 'Degraded', message: 'overridden' }],
    ['a kind without any check has no health', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, undefined],
    ['a built-in kind without a custom check', { ...deployment, apiVersion: 'extensions/v1beta1' }, { status: 'Healthy' }],
    ['deletion wins over the custom check', { ...deployment, metadata: { name: 'web', deletionTimestamp: '2024-05-01T12:00:00Z' } }, { status: 'Progressing', message: 'Pending deletion' }],
  ];

  it.each(cases)('%s', async (_name, obj, expected) => {
    await expect(resourceHealthWithCustomChecks(obj, { customChecks, runner })).resolves.toEqual(expected);
  });
});
