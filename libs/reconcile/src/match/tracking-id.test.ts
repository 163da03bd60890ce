import { describe, expect, it } from '@jest/globals';
import type { KubeObject } from '@driftless/api';
import { formatTrackingId, parseTrackingId, trackingAppName, withTracking } from './tracking-id.js';

function obj(apiVersion: string, kind: string, name: string, namespace?: string, meta: Partial<KubeObject['metadata']> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name, ...(namespace === undefined ? {} : { namespace }), ...meta } };
}

describe('tracking id', () => {
  it.each([
    ['guestbook:apps/Deployment:default/web', { appName: 'guestbook', group: 'apps', kind: 'Deployment', namespace: 'default', name: 'web' }],
    ['guestbook:/ConfigMap:default/cm', { appName: 'guestbook', group: '', kind: 'ConfigMap', namespace: 'default', name: 'cm' }],
    ['team_app:/Namespace:/team-a', { appName: 'team_app', group: '', kind: 'Namespace', namespace: '', name: 'team-a' }],
  ])('round-trips %s', (raw, id) => {
    expect(parseTrackingId(raw)).toEqual(id);
    expect(formatTrackingId(id)).toBe(raw);
  });

  it.each(['guestbook', 'a:b:c', 'a:apps/Deployment:web', 'a:apps/x/Deployment:ns/web', 'a:b:c/d:e'])('rejects %s', (raw) => {
    expect(parseTrackingId(raw)).toBeUndefined();
  });
});

describe('trackingAppName', () => {
  const tracked = (id: string) => obj('apps/v1', 'Deployment', 'web', 'default', { annotations: { 'argocd.argoproj.io/tracking-id': id }, labels: { 'app.kubernetes.io/instance': 'by-label', team: 'x' } });

  it('reads the annotation when it names the object itself', () => {
    expect(trackingAppName(tracked('guestbook:apps/Deployment:default/web'))).toBe('guestbook');
    expect(trackingAppName(tracked('guestbook:apps/Deployment:default/web'), { trackingMethod: 'annotation+label' })).toBe('guestbook');
  });

  it('ignores an annotation copied from another object', () => {
    expect(trackingAppName(tracked('guestbook:apps/Deployment:default/other'))).toBeUndefined();
    expect(trackingAppName(tracked('not-an-id'))).toBeUndefined();
  });

  it('reads the instance label in label mode, with a custom key', () => {
    expect(trackingAppName(tracked('x'), { trackingMethod: 'label' })).toBe('by-label');
    expect(trackingAppName(tracked('x'), { trackingMethod: 'label', instanceLabelKey: 'team' })).toBe('x');
  });

  it('matches a cluster-scoped id', () => {
    const ns = obj('v1', 'Namespace', 'team-a', undefined, { annotations: { 'argocd.argoproj.io/tracking-id': 'app:/Namespace:/team-a' } });
    expect(trackingAppName(ns)).toBe('app');
  });
});

describe('withTracking', () => {
  const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', labels: { a: '1' } } };
  const key = { group: '', kind: 'ConfigMap', namespace: 'prod', name: 'cfg' };

  it.each([
    ['annotation', undefined, { 'argocd.argoproj.io/tracking-id': 'guestbook:/ConfigMap:prod/cfg' }, { a: '1' }],
    ['label', 'team/app', undefined, { a: '1', 'team/app': 'guestbook' }],
    ['annotation+label', undefined, { 'argocd.argoproj.io/tracking-id': 'guestbook:/ConfigMap:prod/cfg' }, { a: '1', 'app.kubernetes.io/instance': 'guestbook' }],
  ] as const)('%s', (trackingMethod, instanceLabelKey, annotations, labels) => {
    const tracked = withTracking(cm, 'guestbook', key, { trackingMethod, ...(instanceLabelKey === undefined ? {} : { instanceLabelKey }) });
    expect(tracked.metadata.annotations).toEqual(annotations);
    expect(tracked.metadata.labels).toEqual(labels);
    expect(cm.metadata.annotations).toBeUndefined();
  });
});
