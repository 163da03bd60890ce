// Application and resource checks against a project: rules, Argo's message texts and field paths.
import { describe, expect, it } from '@jest/globals';
import type { AppProject, AppProjectSpec } from '../types/app-project.js';
import type { Application, ApplicationSpec } from '../types/application.js';
import { checkApplicationPermitted, checkResourcesPermitted } from './violations.js';
import type { IsNamespaced, ProjectResource, ProjectViolation } from './violations.js';

const IN_CLUSTER = 'https://kubernetes.default.svc';

const project = (spec: AppProjectSpec, name = 'team-a'): AppProject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AppProject',
  metadata: { name, namespace: 'argocd' },
  spec,
});

const app = (spec: Partial<ApplicationSpec>, namespace = 'argocd'): Pick<Application, 'metadata' | 'spec'> => ({
  metadata: { name: 'guestbook', namespace },
  spec: { project: 'team-a', destination: { server: IN_CLUSTER, namespace: 'team-a' }, ...spec },
});

const teamA = project({
  sourceRepos: ['https://github.com/org/*'],
  destinations: [{ server: IN_CLUSTER, namespace: 'team-a' }, { name: 'dev', namespace: 'team-a' }],
  sourceNamespaces: ['team-a'],
});

const source = (repoURL: string) => ({ repoURL, path: '.', targetRevision: 'HEAD' });

describe('checkApplicationPermitted', () => {
  const cases: [string, Pick<Application, 'metadata' | 'spec'>, ProjectViolation[]][] = [
    ['a permitted single-source app', app({ source: source('https://github.com/org/app.git') }), []],
    [
      'a repository outside sourceRepos',
      app({ source: source('https://gitlab.com/org/app') }),
      [{ rule: 'sourceRepos', field: 'spec.source.repoURL', message: "application repo https://gitlab.com/org/app is not permitted in project 'team-a'" }],
    ],
    [
      'multi-source: every source checked, indexed paths',
      app({ sources: [source('https://github.com/org/app'), source('https://gitlab.com/x/values'), source('https://github.com/org/group/app')] }),
      [
        { rule: 'sourceRepos', field: 'spec.sources[1].repoURL', message: "application repo https://gitlab.com/x/values is not permitted in project 'team-a'" },
        { rule: 'sourceRepos', field: 'spec.sources[2].repoURL', message: "application repo https://github.com/org/group/app is not permitted in project 'team-a'" },
      ],
    ],
    ['multi-source: spec.source is ignored', app({ source: source('https://gitlab.com/x/y'), sources: [source('https://github.com/org/app')] }), []],
    ['a source without repoURL is left to validation', app({ source: source('') }), []],
    [
      'a namespace outside destinations',
      app({ source: source('https://github.com/org/app'), destination: { server: IN_CLUSTER, namespace: 'kube-system' } }),
      [
        {
          rule: 'destinations',
          field: 'spec.destination',
          message: `application destination server '${IN_CLUSTER}' and namespace 'kube-system' do not match any of the allowed destinations in project 'team-a'`,
        },
      ],
    ],
    ['a destination by cluster name', app({ source: source('https://github.com/org/app'), destination: { name: 'dev', namespace: 'team-a' } }), []],
    [
      'a destination by an unknown cluster name',
      app({ source: source('https://github.com/org/app'), destination: { name: 'prod', namespace: 'team-a' } }),
      [
        {
          rule: 'destinations',
          field: 'spec.destination',
          message: "application destination name 'prod' and namespace 'team-a' do not match any of the allowed destinations in project 'team-a'",
        },
      ],
    ],
    [
      'source and destination both wrong, sources first',
      app({ source: source('https://gitlab.com/x/y'), destination: { server: 'https://other', namespace: 'team-a' } }),
      [
        { rule: 'sourceRepos', field: 'spec.source.repoURL', message: "application repo https://gitlab.com/x/y is not permitted in project 'team-a'" },
        {
          rule: 'destinations',
          field: 'spec.destination',
          message: "application destination server 'https://other' and namespace 'team-a' do not match any of the allowed destinations in project 'team-a'",
        },
      ],
    ],
  ];
  it.each(cases)('%s', (_label, application, expected) => {
    expect(checkApplicationPermitted(teamA, application)).toEqual(expected);
  });

  it('reports a denied repository', () => {
    const denying = project({ sourceRepos: ['*', '!https://github.com/org/secret'], destinations: [{ server: '*', namespace: '*' }] });
    expect(checkApplicationPermitted(denying, app({ source: source('https://GitHub.com/org/secret.git') }))).toEqual([
      { rule: 'sourceRepos', field: 'spec.source.repoURL', message: "application repo https://GitHub.com/org/secret.git is not permitted in project 'team-a'" },
    ]);
    expect(checkApplicationPermitted(denying, app({ source: source('https://github.com/org/app') }))).toEqual([]);
  });

  it('checks sourceNamespaces only with a controller namespace', () => {
    const outside = app({ source: source('https://github.com/org/app') }, 'team-b');
    expect(checkApplicationPermitted(teamA, outside)).toEqual([]);
    expect(checkApplicationPermitted(teamA, outside, { controllerNamespace: 'argocd' })).toEqual([
      { rule: 'sourceNamespaces', field: 'metadata.namespace', message: "application 'guestbook' in namespace 'team-b' is not allowed to use project team-a" },
    ]);
    expect(checkApplicationPermitted(teamA, app({ source: source('https://github.com/org/app') }, 'team-a'), { controllerNamespace: 'argocd' })).toEqual([]);
  });

  it('passes project clusters to the destination check', () => {
    const scoped = project({ sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }], permitOnlyProjectScopedClusters: true });
    const application = app({ source: source('https://github.com/org/app') });
    expect(checkApplicationPermitted(scoped, application).map((v) => v.rule)).toEqual(['destinations']);
    expect(checkApplicationPermitted(scoped, application, { projectClusters: [{ server: IN_CLUSTER }] })).toEqual([]);
  });
});

describe('checkResourcesPermitted', () => {
  const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'CustomResourceDefinition']);
  const discovery: IsNamespaced = (_group, kind) => (kind === 'Widget' ? undefined : !CLUSTER_SCOPED.has(kind));
  const restricted = project({
    destinations: [{ server: IN_CLUSTER, namespace: 'team-*' }],
    clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
    namespaceResourceBlacklist: [{ group: '', kind: 'ResourceQuota' }],
  });
  const destination = { server: IN_CLUSTER, namespace: 'team-a' };
  const deployment: ProjectResource = { group: 'apps', kind: 'Deployment', namespace: 'team-a', name: 'web' };
  const cases: [string, ProjectResource, Omit<ProjectViolation, 'resource'> | undefined][] = [
    ['a permitted namespaced object', deployment, undefined],
    ['a namespaced object without namespace takes the destination one', { group: '', kind: 'ConfigMap', name: 'c' }, undefined],
    ['a whitelisted cluster-scoped object', { group: '', kind: 'Namespace', name: 'team-a' }, undefined],
    [
      'a cluster-scoped kind not whitelisted',
      { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
      { rule: 'clusterResourceWhitelist', message: 'resource rbac.authorization.k8s.io:ClusterRole is not permitted in project team-a' },
    ],
    [
      'a blacklisted namespaced kind, core group',
      { group: '', kind: 'ResourceQuota', namespace: 'team-a', name: 'q' },
      { rule: 'namespaceResourceBlacklist', message: 'resource :ResourceQuota is not permitted in project team-a' },
    ],
    [
      'a namespaced object in a namespace outside destinations',
      { group: 'apps', kind: 'Deployment', namespace: 'kube-system', name: 'web' },
      { rule: 'destinations', message: "namespace kube-system is not permitted in project 'team-a'" },
    ],
    [
      'unknown scope with a namespace is namespaced',
      { group: 'example.com', kind: 'Widget', namespace: 'team-a', name: 'w' },
      undefined,
    ],
    [
      'unknown scope without namespace is cluster-scoped',
      { group: 'example.com', kind: 'Widget', name: 'w' },
      { rule: 'clusterResourceWhitelist', message: 'resource example.com:Widget is not permitted in project team-a' },
    ],
  ];
  it.each(cases)('%s', (_label, object, expected) => {
    const violations = checkResourcesPermitted(restricted, [object], discovery, destination);
    expect(violations).toEqual(expected === undefined ? [] : [{ ...expected, resource: object }]);
  });

  it('reports every offending object once, in order', () => {
    const objects: ProjectResource[] = [
      { group: '', kind: 'ResourceQuota', namespace: 'kube-system', name: 'q' },
      deployment,
      { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', name: 'widgets.example.com' },
    ];
    expect(checkResourcesPermitted(restricted, objects, discovery, destination).map((v) => [v.rule, v.resource?.name])).toEqual([
      ['namespaceResourceBlacklist', 'q'],
      ['clusterResourceWhitelist', 'widgets.example.com'],
    ]);
  });

  it('checks namespaces on the destination cluster', () => {
    const byName = project({ destinations: [{ name: 'dev', namespace: '*' }] });
    expect(checkResourcesPermitted(byName, [deployment], discovery, { name: 'dev' })).toEqual([]);
    expect(checkResourcesPermitted(byName, [deployment], discovery, { name: 'prod' }).map((v) => v.message)).toEqual([
      "namespace team-a is not permitted in project 'team-a'",
    ]);
  });
});
