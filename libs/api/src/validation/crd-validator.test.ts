// validateAgainstCrd behaves like an API server checking a custom resource: unknown types are refused,
// nulls are dropped, formats and int-or-string fields are checked, paths are readable.

import { describe, expect, it } from '@jest/globals';
import { validateAgainstCrd } from './crd-validator.js';

const application = (spec: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'guestbook' },
  spec: { project: 'default', destination: { server: 'https://kubernetes.default.svc' }, ...spec },
  ...extra,
});

describe('validateAgainstCrd', () => {
  it.each([
    ['a string', 'guestbook', [{ path: '<root>', message: 'must be an object' }]],
    ['no apiVersion', { kind: 'Application' }, [{ path: 'apiVersion', message: 'required' }]],
    ['no kind', { apiVersion: 'argoproj.io/v1alpha1' }, [{ path: 'kind', message: 'required' }]],
    ['an unknown kind', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow' }, [{ path: 'kind', message: 'no CRD defines Workflow in argoproj.io/v1alpha1' }]],
    ['a built-in kind', { apiVersion: 'v1', kind: 'Service' }, [{ path: 'kind', message: 'no CRD defines Service in v1' }]],
  ])('refuses %s', (_case, obj, problems) => {
    expect(validateAgainstCrd(obj)).toEqual(problems);
  });

  it('accepts a minimal Application', () => {
    expect(validateAgainstCrd(application({}))).toEqual([]);
  });

  it('drops null fields before checking, as the API server prunes them', () => {
    expect(validateAgainstCrd(application({ syncPolicy: null, source: { repoURL: 'https://x', path: null } }))).toEqual([]);
  });

  it('reports a required field set to null as missing', () => {
    expect(validateAgainstCrd(application({ project: null }))).toEqual([{ path: 'spec.project', message: 'required' }]);
  });

  it.each([
    [{ revisionHistoryLimit: 1.5 }, { path: 'spec.revisionHistoryLimit', message: 'must be of type integer' }],
    [{ syncPolicy: { retry: { limit: '3' } } }, { path: 'spec.syncPolicy.retry.limit', message: 'must be of type integer' }],
    [{ source: { repoURL: 'https://x', kustomize: { replicas: [{ name: 'web', count: true }] } } }, { path: 'spec.source.kustomize.replicas[0].count', message: 'must be an integer or a string' }],
    [{ source: { repoURL: 'https://x', kustomize: { commonLabels: { 'app.kubernetes.io/name': 3 } } } }, { path: 'spec.source.kustomize.commonLabels["app.kubernetes.io/name"]', message: 'must be of type string' }],
    [{ sources: [{ path: 'a' }] }, { path: 'spec.sources[0].repoURL', message: 'required' }],
  ])('reports %j at its path', (spec, problem) => {
    expect(validateAgainstCrd(application(spec))).toEqual([problem]);
  });

  it('checks date-time formats in status', () => {
    const obj = application({}, { status: { reconciledAt: 'yesterday', health: { status: 'Healthy', lastTransitionTime: '2024-05-01T12:00:00.123+02:00' } } });
    expect(validateAgainstCrd(obj)).toEqual([{ path: 'status.reconciledAt', message: 'must be a valid date-time' }]);
  });

  it('checks 32-bit integer ranges', () => {
    const rollout = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'web' }, spec: { replicas: 2 ** 31 } };
    expect(validateAgainstCrd(rollout)).toEqual([{ path: 'spec.replicas', message: 'must be a valid int32' }]);
  });

  it('reports unknown fields only in strict mode, and never inside preserved parts', () => {
    const obj = application({ source: { repoURL: 'https://x', path: '.', helm: { valuesObject: { any: { thing: 1 } } } }, extra: true });
    expect(validateAgainstCrd(obj)).toEqual([]);
    expect(validateAgainstCrd(obj, { strict: true })).toEqual([{ path: 'spec.extra', message: 'unknown field' }]);
  });

  it('accepts any metadata fields the API server owns', () => {
    const obj = application({}, { metadata: { name: 'guestbook', uid: 'abc', resourceVersion: '7', labels: { a: 'b' }, managedFields: [{ manager: 'kubectl' }] } });
    expect(validateAgainstCrd(obj, { strict: true })).toEqual([]);
  });
});
