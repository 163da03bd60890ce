import { describe, expect, it } from '@jest/globals';
import type { UnstructuredObject } from '@driftless/api';
import { diffResource } from './diff-resource.js';

const cm = (data: Record<string, string>, extra: Partial<UnstructuredObject> = {}): UnstructuredObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cfg', namespace: 'prod', uid: 'u-1' },
  data,
  ...extra,
});

describe('diffResource edge cases', () => {
  it('reports a missing live object as modified', async () => {
    const result = await diffResource({ config: cm({ a: '1' }), live: null });
    expect(result).toMatchObject({ modified: true, normalizedLive: null, predictedLive: { data: { a: '1' } } });
  });

  it('leaves an extraneous live object unmodified (pruning decides)', async () => {
    const result = await diffResource({ live: cm({ a: '1' }) });
    expect(result).toMatchObject({ modified: false, predictedLive: null, normalizedLive: { data: { a: '1' } } });
    expect(result.normalizedLive?.['metadata']).toEqual({ name: 'cfg', namespace: 'prod' });
  });

  it('masks a Secret that only exists in Git', async () => {
    const secret: UnstructuredObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { token: 'x' } };
    const result = await diffResource({ config: secret });
    expect(result.predictedLive).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { token: '++++++++' } });
  });

  it('compares status only when asked to', async () => {
    const config = cm({ a: '1' }, { status: { phase: 'A' } });
    const live = cm({ a: '1' }, { status: { phase: 'B' } });
    expect((await diffResource({ config, live })).modified).toBe(false);
    expect((await diffResource({ config, live, ignoreResourceStatusField: 'none' })).modified).toBe(true);
    // `crd` is about CustomResourceDefinition objects, not custom resources (Argo CD's settings manager).
    expect((await diffResource({ config, live, ignoreResourceStatusField: 'crd' })).modified).toBe(true);
  });

  it('ignores a CRD status and preserveUnknownFields in crd mode only', async () => {
    const crd = (status: string, preserve: boolean): UnstructuredObject => ({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: { group: 'example.com', preserveUnknownFields: preserve },
      status: { phase: status },
    });
    expect((await diffResource({ config: crd('A', true), live: crd('B', false), ignoreResourceStatusField: 'crd' })).modified).toBe(false);
    expect((await diffResource({ config: crd('A', true), live: crd('B', true), ignoreResourceStatusField: 'none' })).modified).toBe(true);
  });

  it('falls back to two-way on an unreadable last-applied annotation', async () => {
    const live = cm({ a: '1', extra: '2' }, { metadata: { name: 'cfg', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{not json' } } });
    expect((await diffResource({ config: cm({ a: '1' }), live })).modified).toBe(false);
  });
});
