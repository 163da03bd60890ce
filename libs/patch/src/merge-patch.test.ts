import { describe, expect, it } from '@jest/globals';
import type { JsonObject, JsonValue } from './json.js';
import { applyMergePatch } from './merge-patch.js';
import { PatchError } from './patch-error.js';

const DEPLOYMENT: JsonObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web', tier: 'fe' } },
  spec: {
    replicas: 2,
    template: { spec: { containers: [{ name: 'app', image: 'nginx:1.25' }, { name: 'side', image: 'busybox' }] } },
  },
};

const cases: { name: string; patch: JsonValue; expected: JsonObject }[] = [
  {
    name: 'null deletes a key, objects merge',
    patch: { metadata: { labels: { tier: null, track: 'stable' } }, spec: { replicas: 3 } },
    expected: { ...DEPLOYMENT, metadata: { name: 'web', labels: { app: 'web', track: 'stable' } }, spec: { ...(DEPLOYMENT['spec'] as JsonObject), replicas: 3 } },
  },
  {
    name: 'arrays replace (the side container is gone, unlike strategic merge)',
    patch: { spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } } },
    expected: { ...DEPLOYMENT, spec: { replicas: 2, template: { spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } } },
  },
  {
    name: 'nulls inside new values are dropped, also inside arrays; null elements stay',
    patch: { spec: { strategy: { type: 'Recreate', rollingUpdate: null }, template: { spec: { tolerations: [{ key: 'a', value: null }, null] } } } },
    expected: {
      ...DEPLOYMENT,
      spec: { replicas: 2, strategy: { type: 'Recreate' }, template: { spec: { containers: (DEPLOYMENT['spec'] as { template: { spec: JsonObject } }).template.spec['containers'] as JsonValue, tolerations: [{ key: 'a' }, null] } } },
    },
  },
  {
    name: 'a scalar over an object replaces it',
    patch: { metadata: { labels: 'none' } },
    expected: { ...DEPLOYMENT, metadata: { name: 'web', labels: 'none' } },
  },
  {
    name: 'deleting a missing key is a no-op',
    patch: { status: null },
    expected: DEPLOYMENT,
  },
  { name: 'an empty patch changes nothing', patch: {}, expected: DEPLOYMENT },
];

describe('applyMergePatch', () => {
  it.each(cases)('$name', ({ patch, expected }) => {
    expect(applyMergePatch(DEPLOYMENT, patch)).toEqual(expected);
  });

  it.each([['an array', [{ a: 1 }]], ['a string', 'x'], ['null', null]] as [string, JsonValue][])('refuses %s as the patch with BadRequest', (_name, patch) => {
    expect(() => applyMergePatch(DEPLOYMENT, patch)).toThrow(PatchError);
    expect(() => applyMergePatch(DEPLOYMENT, patch)).toThrow(expect.objectContaining({ reason: 'BadRequest' }) as unknown as Error);
  });

  it('mutates neither argument and shares no objects with them', () => {
    const target = structuredClone(DEPLOYMENT);
    const patch: JsonObject = { metadata: { annotations: { note: 'x' } } };
    const before = structuredClone({ target, patch });
    const result = applyMergePatch(target, patch);
    expect({ target, patch }).toEqual(before);
    const metadata = result['metadata'] as { annotations: JsonObject; labels: JsonObject };
    metadata.annotations['note'] = 'changed';
    metadata.labels['app'] = 'changed';
    expect({ target, patch }).toEqual(before);
  });
});
