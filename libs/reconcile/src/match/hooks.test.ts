// Hook classification as gitops-engine reads the annotations.
import { describe, expect, it } from '@jest/globals';
import type { KubeObject } from '@driftless/api';
import { hookTypesOf, isResourceHook, isIgnoredHook, isSkippedResource } from './hooks.js';

const defined = (map: Readonly<Record<string, string | undefined>>): Record<string, string> =>
  Object.fromEntries(Object.entries(map).filter((entry): entry is [string, string] => entry[1] !== undefined));
const job = (annotations: Readonly<Record<string, string | undefined>>): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate', annotations: defined(annotations) } });

describe('hooks', () => {
  it.each([
    { name: 'no annotation: an ordinary resource', annotations: {}, types: [], hook: false, skipped: false, ignored: false },
    { name: 'Argo PreSync', annotations: { 'argocd.argoproj.io/hook': 'PreSync' }, types: ['PreSync'], hook: true, skipped: false, ignored: false },
    { name: 'Argo list with spaces and an unknown type', annotations: { 'argocd.argoproj.io/hook': ' Sync , Bogus,PostSync' }, types: ['Sync', 'PostSync'], hook: true, skipped: false, ignored: false },
    { name: 'a lone Skip is not a hook', annotations: { 'argocd.argoproj.io/hook': 'Skip' }, types: ['Skip'], hook: false, skipped: true, ignored: false },
    { name: 'Skip with another type is a hook', annotations: { 'argocd.argoproj.io/hook': 'Skip,PostSync' }, types: ['Skip', 'PostSync'], hook: true, skipped: false, ignored: false },
    { name: 'Argo PostDelete (Argo CD 3)', annotations: { 'argocd.argoproj.io/hook': 'PostDelete' }, types: ['PostDelete'], hook: true, skipped: false, ignored: false },
    { name: 'an invalid Argo type: ignored', annotations: { 'argocd.argoproj.io/hook': 'Bogus' }, types: [], hook: true, skipped: false, ignored: true },
    { name: 'Helm pre-upgrade maps to PreSync', annotations: { 'helm.sh/hook': 'pre-install,pre-upgrade' }, types: ['PreSync'], hook: true, skipped: false, ignored: false },
    { name: 'Argo wins over Helm', annotations: { 'argocd.argoproj.io/hook': 'Sync', 'helm.sh/hook': 'post-install' }, types: ['Sync'], hook: true, skipped: false, ignored: false },
    { name: 'Helm test: a hook Argo never runs', annotations: { 'helm.sh/hook': 'test' }, types: [], hook: true, skipped: false, ignored: true },
    { name: 'Helm crd-install marks a CRD, not a hook', annotations: { 'helm.sh/hook': 'crd-install' }, types: [], hook: false, skipped: false, ignored: false },
  ])('$name', ({ annotations, types, hook, skipped, ignored }) => {
    const obj = job(annotations);
    expect(hookTypesOf(obj)).toEqual(types);
    expect(isResourceHook(obj)).toBe(hook);
    expect(isSkippedResource(obj)).toBe(skipped);
    expect(isIgnoredHook(obj)).toBe(ignored);
  });
});
