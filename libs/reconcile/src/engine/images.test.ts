import { describe, expect, it } from '@jest/globals';
import type { UnstructuredObject } from '@driftless/api';
import { syncWaveOf } from './compare-resources.js';
import { collectImages, imagesOf } from './images.js';

const containers = (...images: string[]) => images.map((image, i) => ({ name: `c${i}`, image }));

describe('imagesOf', () => {
  it.each<[string, UnstructuredObject, string[]]>([
    ['a Pod', { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { initContainers: containers('init:1'), containers: containers('app:1', 'sidecar:2') } }, ['init:1', 'app:1', 'sidecar:2']],
    ['a Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: {}, spec: { template: { spec: { containers: containers('web:3') } } } }, ['web:3']],
    ['a CronJob', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: {}, spec: { jobTemplate: { spec: { template: { spec: { containers: containers('job:1') } } } } } }, ['job:1']],
    ['a ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: {}, data: { image: 'not:this' } }, []],
    ['malformed containers', { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers: [null, 'x', { image: 42 }, { image: '' }] } }, []],
  ])('%s', (_name, obj, expected) => {
    expect(imagesOf(obj)).toEqual(expected);
  });

  it('collects distinct images, sorted', () => {
    const pod = (image: string): UnstructuredObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers: containers(image) } });
    expect(collectImages([pod('b:1'), pod('a:1'), pod('b:1')])).toEqual(['a:1', 'b:1']);
  });
});

describe('syncWaveOf', () => {
  const withWave = (wave: string): UnstructuredObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { annotations: { 'argocd.argoproj.io/sync-wave': wave } } });
  it.each([
    ['5', 5],
    ['-3', -3],
    [' +2 ', 2],
    ['1.5', 0],
    ['soon', 0],
  ])('reads %j as %d', (raw, wave) => {
    expect(syncWaveOf(withWave(raw))).toBe(wave);
  });

  it('is 0 without the annotation or object', () => {
    expect(syncWaveOf(undefined)).toBe(0);
    expect(syncWaveOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} })).toBe(0);
  });
});
