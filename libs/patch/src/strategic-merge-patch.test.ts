import { describe, expect, it } from '@jest/globals';
import type { JsonObject } from './json.js';
import { PatchError } from './patch-error.js';
import { applyStrategicMergePatch, supportsStrategicMergePatch } from './strategic-merge-patch.js';
import { describePatchMeta } from './strategic/patch-meta.js';
import { patchMetaForKind, strategicMergeKinds } from './strategic/schemas/kinds.js';
import { loadSmpFixtures } from './test-support/smp-fixtures.js';

// Expected results were produced by `kubectl patch --local` (see strategic-merge-patch.oracle.test.ts).
const fixtures = loadSmpFixtures();
const successes = fixtures.filter((fixture) => fixture.error === undefined);
const failures = fixtures.filter((fixture) => fixture.error !== undefined);

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('applyStrategicMergePatch', () => {
  it('has fixtures for every case', () => {
    expect(successes.length).toBeGreaterThan(20);
    expect(successes.filter((fixture) => fixture.expected === undefined).map((fixture) => fixture.name)).toEqual([]);
  });

  it.each(successes)('$name', ({ original, patch, kind, expected }) => {
    expect(applyStrategicMergePatch(original, patch, kind)).toEqual(expected);
  });

  it.each(failures)('$name', ({ original, patch, kind, error }) => {
    const err = caught(() => applyStrategicMergePatch(original, patch, kind));
    expect(err).toBeInstanceOf(PatchError);
    expect(err).toMatchObject({ reason: error?.reason, message: expect.stringContaining(error?.message ?? '') as unknown });
  });

  it.each(successes)('mutates neither input of $name and shares no objects with them', ({ original, patch, kind }) => {
    const target = structuredClone(original);
    const body = structuredClone(patch);
    const result = applyStrategicMergePatch(target, body, kind);
    expect({ target, body }).toEqual({ target: original, body: patch });
    scribble(result);
    expect({ target, body }).toEqual({ target: original, body: patch });
  });

  it('refuses custom resources with BadRequest (the server answers 415 before calling)', () => {
    const widget = { group: 'example.com', version: 'v1', kind: 'Widget' };
    const err = caught(() => applyStrategicMergePatch({ apiVersion: 'example.com/v1', kind: 'Widget' }, { spec: { a: 1 } }, widget));
    expect(err).toMatchObject({ reason: 'BadRequest', message: 'strategic merge patch is not supported for example.com/v1, Kind=Widget' });
  });
});

describe('supportsStrategicMergePatch', () => {
  it.each([
    [{ group: '', version: 'v1', kind: 'Pod' }, true],
    [{ group: '', version: 'v1', kind: 'ConfigMap' }, true],
    [{ group: 'apps', version: 'v1', kind: 'Deployment' }, true],
    [{ group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition' }, true],
    [{ group: 'example.com', version: 'v1', kind: 'Widget' }, false],
    [{ group: 'argoproj.io', version: 'v1alpha1', kind: 'Rollout' }, false],
    [{ group: 'apps', version: 'v1beta1', kind: 'Deployment' }, false],
    [{ group: 'apps', version: 'v1', kind: 'Pod' }, false],
  ])('%o → %s', (kind, expected) => {
    expect(supportsStrategicMergePatch(kind)).toBe(expected);
  });

  it('covers every kind of the table', () => {
    for (const kind of strategicMergeKinds()) expect(supportsStrategicMergePatch(kind)).toBe(true);
  });
});

describe('the patch metadata table', () => {
  it('reads as the tagged paths of a Deployment', () => {
    const deployment = patchMetaForKind({ group: 'apps', version: 'v1', kind: 'Deployment' }) ?? {};
    expect(describePatchMeta(deployment)).toEqual([
      'metadata.ownerReferences[uid]',
      'metadata.finalizers[]',
      'spec.template.metadata.ownerReferences[uid]',
      'spec.template.metadata.finalizers[]',
      'spec.template.spec.volumes[name] (retainKeys)',
      'spec.template.spec.initContainers[name]',
      'spec.template.spec.initContainers[].ports[containerPort]',
      'spec.template.spec.initContainers[].env[name]',
      'spec.template.spec.initContainers[].volumeMounts[mountPath]',
      'spec.template.spec.initContainers[].volumeDevices[devicePath]',
      'spec.template.spec.containers[name]',
      'spec.template.spec.containers[].ports[containerPort]',
      'spec.template.spec.containers[].env[name]',
      'spec.template.spec.containers[].volumeMounts[mountPath]',
      'spec.template.spec.containers[].volumeDevices[devicePath]',
      'spec.template.spec.ephemeralContainers[name]',
      'spec.template.spec.ephemeralContainers[].ports[containerPort]',
      'spec.template.spec.ephemeralContainers[].env[name]',
      'spec.template.spec.ephemeralContainers[].volumeMounts[mountPath]',
      'spec.template.spec.ephemeralContainers[].volumeDevices[devicePath]',
      'spec.template.spec.imagePullSecrets[name]',
      'spec.template.spec.hostAliases[ip]',
      'spec.template.spec.topologySpreadConstraints[topologyKey]',
      'spec.template.spec.schedulingGates[name]',
      'spec.template.spec.resourceClaims[name] (retainKeys)',
      'spec.strategy (retainKeys)',
      'status.conditions[type]',
    ]);
  });
});

/** Overwrites every scalar reachable in `value`, to prove the result aliases nothing. */
function scribble(value: JsonObject | JsonObject[keyof JsonObject]): void {
  if (Array.isArray(value)) value.forEach((item, index) => (typeof item === 'object' && item !== null ? scribble(item) : (value[index] = 'scribbled')));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, member] of Object.entries(value)) {
      if (typeof member === 'object' && member !== null) scribble(member);
      else value[key] = 'scribbled';
    }
  }
}
