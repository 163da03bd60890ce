import { describe, expect, it } from '@jest/globals';
import type { KubeObject } from '@driftless/api';
import { matchResources } from './match-resources.js';
import type { MatchOptions } from './match-resources.js';
import { formatKey } from './resource-key.js';

const TRACKING = 'argocd.argoproj.io/tracking-id';

function obj(apiVersion: string, kind: string, name: string, namespace?: string, annotations?: Record<string, string>): KubeObject {
  return { apiVersion, kind, metadata: { name, ...(namespace === undefined ? {} : { namespace }), ...(annotations === undefined ? {} : { annotations }) } };
}

function trackedBy(app: string, apiVersion: string, kind: string, name: string, namespace = '', extra: Record<string, string> = {}): KubeObject {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return obj(apiVersion, kind, name, namespace === '' ? undefined : namespace, { [TRACKING]: `${app}:${group}/${kind}:${namespace}/${name}`, ...extra });
}

function ownedBy(owner: string, child: KubeObject): KubeObject {
  return { ...child, metadata: { ...child.metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: owner, uid: 'u' }] } };
}

const options: MatchOptions = {
  appName: 'guestbook',
  destinationNamespace: 'prod',
  isNamespaced: (_group, kind) => kind !== 'Namespace' && kind !== 'ClusterRole',
};

describe('matchResources', () => {
  it('defaults namespaces and pairs desired with live objects', () => {
    const desired = [obj('apps/v1', 'Deployment', 'web'), obj('v1', 'Namespace', 'prod', 'ignored'), obj('v1', 'ConfigMap', 'cfg', 'other')];
    const live = [trackedBy('guestbook', 'apps/v1', 'Deployment', 'web', 'prod'), trackedBy('guestbook', 'v1', 'Namespace', 'prod')];
    const { pairs, warnings } = matchResources(desired, live, options);
    expect(pairs.map((p) => [formatKey(p.key), p.live !== undefined, p.requiresPruning])).toEqual([
      ['apps/Deployment/prod/web', true, false],
      ['/Namespace//prod', true, false],
      ['/ConfigMap/other/cfg', false, false],
    ]);
    expect(warnings).toEqual([]);
  });

  it('marks extraneous live objects of this app for pruning, sorted by key, and leaves other objects alone', () => {
    const live = [
      trackedBy('guestbook', 'v1', 'Service', 'old', 'prod'),
      trackedBy('guestbook', 'v1', 'ConfigMap', 'old', 'prod'),
      trackedBy('other', 'v1', 'ConfigMap', 'theirs', 'prod'),
      obj('v1', 'ConfigMap', 'untracked', 'prod'),
      ownedBy('web', trackedBy('guestbook', 'apps/v1', 'ReplicaSet', 'web-1', 'prod')),
    ];
    const { pairs } = matchResources([], live, options);
    expect(pairs.map((p) => [formatKey(p.key), p.target, p.requiresPruning])).toEqual([
      ['/ConfigMap/prod/old', undefined, true],
      ['/Service/prod/old', undefined, true],
    ]);
  });

  it('neither prunes nor flags extraneous objects marked IgnoreExtraneous', () => {
    const live = [trackedBy('guestbook', 'v1', 'ConfigMap', 'generated', 'prod', { 'argocd.argoproj.io/compare-options': 'ServerSideDiff=true, IgnoreExtraneous' })];
    const { pairs } = matchResources([], live, options);
    expect(pairs).toEqual([{ key: { group: '', kind: 'ConfigMap', namespace: 'prod', name: 'generated' }, live: live[0], requiresPruning: false, ignoreExtraneous: true }]);
  });

  it('warns when a desired object is tracked by another application', () => {
    const live = [trackedBy('billing', 'apps/v1', 'Deployment', 'web', 'prod')];
    const { pairs, warnings } = matchResources([obj('apps/v1', 'Deployment', 'web')], live, options);
    expect(pairs[0]?.live).toBe(live[0]);
    expect(warnings).toEqual([
      { key: { group: 'apps', kind: 'Deployment', namespace: 'prod', name: 'web' }, otherApp: 'billing', message: 'Deployment/web is part of applications guestbook and billing' },
    ]);
  });

  it('tracks by label when configured', () => {
    const live = { ...obj('v1', 'ConfigMap', 'stale', 'prod'), metadata: { name: 'stale', namespace: 'prod', labels: { 'app.kubernetes.io/instance': 'guestbook' } } };
    const { pairs } = matchResources([], [live], { ...options, trackingMethod: 'label' });
    expect(pairs.map((p) => p.requiresPruning)).toEqual([true]);
  });
  it('sets desired hooks aside, drops invalid ones and lists a live hook with its desired hook', () => {
    const hook = (name: string, type: string) => obj('batch/v1', 'Job', name, undefined, { 'argocd.argoproj.io/hook': type });
    const desired = [obj('apps/v1', 'Deployment', 'web'), hook('migrate', 'PreSync'), hook('bogus', 'Nope'), obj('v1', 'ConfigMap', 'skipped', undefined, { 'argocd.argoproj.io/hook': 'Skip' })];
    const liveHook = trackedBy('guestbook', 'batch/v1', 'Job', 'migrate', 'prod', { 'argocd.argoproj.io/hook': 'PreSync' });
    const { pairs, hooks } = matchResources(desired, [liveHook], options);
    expect(hooks).toEqual([desired[1]]);
    expect(pairs.map((p) => [formatKey(p.key), p.target !== undefined, p.requiresPruning, p.hook?.metadata.name])).toEqual([
      ['apps/Deployment/prod/web', true, false, undefined],
      ['/ConfigMap/prod/skipped', true, false, undefined],
      ['batch/Job/prod/migrate', false, true, 'migrate'],
    ]);
  });
});
