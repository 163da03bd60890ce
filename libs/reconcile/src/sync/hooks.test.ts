import { describe, expect, it } from '@jest/globals';
import type { KubeObject } from '@driftless/api';
import { hookTypesOf, isResourceHook, isSkippedResource } from '../match/hooks.js';
import { hookDeletePolicies, hookName, syncPhasesOf } from './hooks.js';
import { KIND_ORDER, kindRank } from './kind-order.js';
import { waveOf } from './waves.js';

const annotated = (annotations: Record<string, string>, name = 'job'): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { ...(name === '' ? {} : { name }), generateName: 'migrate-', annotations } });

describe('hooks', () => {
  it.each<[Record<string, string>, boolean, boolean, string[], string[]]>([
    // annotations, isHook, isSkipped, hook types, sync phases
    [{}, false, false, [], ['Sync']],
    [{ 'argocd.argoproj.io/hook': 'PreSync' }, true, false, ['PreSync'], ['PreSync']],
    [{ 'argocd.argoproj.io/hook': 'PostSync, PreSync,PreSync' }, true, false, ['PostSync', 'PreSync'], ['PreSync', 'PostSync']],
    [{ 'argocd.argoproj.io/hook': 'SyncFail' }, true, false, ['SyncFail'], ['SyncFail']],
    [{ 'argocd.argoproj.io/hook': 'Skip' }, false, true, ['Skip'], []],
    [{ 'argocd.argoproj.io/hook': 'Skip,Sync' }, true, false, ['Skip', 'Sync'], ['Sync']],
    [{ 'argocd.argoproj.io/hook': 'PreDelete' }, true, false, ['PreDelete'], []],
    [{ 'argocd.argoproj.io/hook': 'Bogus' }, true, false, [], []],
    [{ 'helm.sh/hook': 'pre-install,pre-upgrade' }, true, false, ['PreSync'], ['PreSync']],
    [{ 'helm.sh/hook': 'post-install' }, true, false, ['PostSync'], ['PostSync']],
    [{ 'helm.sh/hook': 'pre-install,post-upgrade' }, true, false, ['PreSync', 'PostSync'], ['PreSync', 'PostSync']],
    [{ 'helm.sh/hook': 'test' }, true, false, [], []],
    [{ 'helm.sh/hook': 'crd-install' }, false, false, [], ['Sync']],
    [{ 'argocd.argoproj.io/hook': 'Sync', 'helm.sh/hook': 'pre-install' }, true, false, ['Sync'], ['Sync']],
  ])('%j', (annotations, hook, skipped, types, phases) => {
    const obj = annotated(annotations);
    expect([isResourceHook(obj), isSkippedResource(obj), hookTypesOf(obj), syncPhasesOf(obj)]).toEqual([hook, skipped, types, phases]);
  });

  it.each<[Record<string, string>, string[]]>([
    [{}, ['BeforeHookCreation']],
    [{ 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded,HookFailed' }, ['HookSucceeded', 'HookFailed']],
    [{ 'helm.sh/hook-delete-policy': 'hook-succeeded,before-hook-creation' }, ['HookSucceeded', 'BeforeHookCreation']],
    [{ 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded', 'helm.sh/hook-delete-policy': 'hook-succeeded,hook-failed' }, ['HookSucceeded', 'HookFailed']],
    [{ 'argocd.argoproj.io/hook-delete-policy': 'Sometimes' }, ['BeforeHookCreation']],
  ])('delete policies of %j', (annotations, policies) => {
    expect(hookDeletePolicies(annotated(annotations))).toEqual(policies);
  });

  it.each<[string, string, string | undefined, string | undefined]>([
    ['job', 'abcdef0123456789', '2024-05-01T12:00:00Z', 'job'],
    ['', 'abcdef0123456789', '2024-05-01T12:00:00Z', 'migrate-abcdef0-presync-1714564800'],
    ['', 'FooBar', '2024-05-01T12:00:00Z', 'migrate-foobar-presync-1714564800'],
    ['', 'abcdef0123456789', undefined, undefined],
    ['', 'abcdef0123456789', 'yesterday', undefined],
  ])('names hook %j at revision %s', (name, revision, startedAt, expected) => {
    expect(hookName(annotated({}, name), 'PreSync', revision, startedAt)).toBe(expected);
  });
});

describe('waveOf', () => {
  it.each<[Record<string, string>, number]>([
    [{}, 0],
    [{ 'argocd.argoproj.io/sync-wave': '5' }, 5],
    [{ 'argocd.argoproj.io/sync-wave': '-3' }, -3],
    [{ 'argocd.argoproj.io/sync-wave': '+2' }, 2],
    [{ 'argocd.argoproj.io/sync-wave': ' 2' }, 0],
    [{ 'argocd.argoproj.io/sync-wave': 'two', 'helm.sh/hook-weight': '-7' }, -7],
    [{ 'helm.sh/hook-weight': '4' }, 4],
    [{ 'argocd.argoproj.io/sync-wave': '1', 'helm.sh/hook-weight': '4' }, 1],
    [{ 'argocd.argoproj.io/sync-wave': '99999999999999999999' }, 0],
  ])('%j → %i', (annotations, wave) => {
    expect(waveOf(annotated(annotations))).toBe(wave);
  });
});

describe('kind order', () => {
  it('ranks listed kinds below zero and everything else at zero', () => {
    expect([kindRank('Namespace'), kindRank('APIService'), kindRank('MyCRD')]).toEqual([-35, -1, 0]);
    expect(KIND_ORDER.indexOf('ServiceAccount')).toBeLessThan(KIND_ORDER.indexOf('ClusterRole'));
    expect(KIND_ORDER.indexOf('ConfigMap')).toBeLessThan(KIND_ORDER.indexOf('Service'));
    expect(KIND_ORDER.indexOf('Service')).toBeLessThan(KIND_ORDER.indexOf('Deployment'));
  });
});
