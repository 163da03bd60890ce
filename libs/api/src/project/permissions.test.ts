// Argo CD's AppProject predicates as tables: sources, destinations, group/kinds, source namespaces, default project.
import { describe, expect, it } from '@jest/globals';
import type { AppProjectSpec } from '../types/app-project.js';
import type { ApplicationDestination } from '../types/application.js';
import { defaultAppProject } from './default-project.js';
import { groupKindDenial, isAppNamespacePermitted, isDestinationPermitted, isGroupKindPermitted, isSourcePermitted } from './permissions.js';
import type { ProjectRules } from './permissions.js';

const rules = (spec: AppProjectSpec): ProjectRules => ({ spec });

describe('defaultAppProject', () => {
  it("is Argo's default project", () => {
    expect(defaultAppProject('argocd')).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'default', namespace: 'argocd' },
      spec: {
        sourceRepos: ['*'],
        destinations: [{ server: '*', namespace: '*' }],
        clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      },
    });
  });

  it('returns a fresh object each time', () => {
    const first = defaultAppProject('argocd');
    first.spec.sourceRepos?.push('x');
    expect(defaultAppProject('argocd').spec.sourceRepos).toEqual(['*']);
  });

  it.each([
    ['any repository', () => isSourcePermitted(defaultAppProject('argocd'), 'git@gitlab.example.com:a/b/c.git'), true],
    ['any server and namespace', () => isDestinationPermitted(defaultAppProject('argocd'), { server: 'https://x', namespace: 'kube-system' }), true],
    ['a cluster-scoped kind', () => isGroupKindPermitted(defaultAppProject('argocd'), 'rbac.authorization.k8s.io', 'ClusterRole', false), true],
    ['a namespaced kind', () => isGroupKindPermitted(defaultAppProject('argocd'), 'apps', 'Deployment', true), true],
    ['not a destination known only by name', () => isDestinationPermitted(defaultAppProject('argocd'), { name: 'in-cluster', namespace: 'x' }), false],
  ])('permits %s', (_label, check, expected) => {
    expect(check()).toBe(expected);
  });
});

describe('isSourcePermitted', () => {
  const org = rules({ sourceRepos: ['https://github.com/org/*'] });
  const denySecret = rules({ sourceRepos: ['!https://github.com/org/secret', 'https://github.com/org/*'] });
  const denyOnly = rules({ sourceRepos: ['!https://github.com/org/secret'] });
  it.each([
    ['* allows anything', rules({ sourceRepos: ['*'] }), 'https://github.com/a/b/c', true],
    ['no list', rules({}), 'https://github.com/org/app', false],
    ['empty list', rules({ sourceRepos: [] }), 'https://github.com/org/app', false],
    ['exact URL', rules({ sourceRepos: ['https://github.com/org/app.git'] }), 'https://github.com/org/app', true],
    ['case-insensitive', rules({ sourceRepos: ['https://GitHub.com/Org/App'] }), 'https://github.com/org/app.git', true],
    ['trailing slash', rules({ sourceRepos: ['https://github.com/org/app'] }), 'https://github.com/org/app/', true],
    ['scp-like SSH against ssh:// pattern', rules({ sourceRepos: ['ssh://git@github.com/org/app'] }), 'git@github.com:org/app.git', true],
    ['glob within one segment', org, 'https://github.com/org/app', true],
    ['glob does not span segments', org, 'https://github.com/org/group/app', false],
    ['** spans segments', rules({ sourceRepos: ['https://gitlab.com/org/**'] }), 'https://gitlab.com/org/group/app', true],
    ['other host', org, 'https://gitlab.com/org/app', false],
    ['deny wins over an allow', denySecret, 'https://github.com/org/secret', false],
    ['an SSH URL is not the https deny entry (Argo)', denySecret, 'git@github.com:ORG/secret.git', true],
    ['deny on the https form, other spelling', denySecret, 'https://github.com/Org/Secret.git/', false],
    ['deny leaves others allowed', denySecret, 'https://github.com/org/app', true],
    ["a deny entry admits what it doesn't match (Argo)", denyOnly, 'https://gitlab.com/any/repo', true],
    ['deny before or after the allow', rules({ sourceRepos: ['https://github.com/org/*', '!https://github.com/org/secret'] }), 'https://github.com/org/secret', false],
    ["Argo's case: deny plus *", rules({ sourceRepos: ['!https://github.com/argoproj/*.git', '*'] }), 'https://github.com/argoproj1/test2.git', true],
    ["Argo's case: ssh:// with a colon", rules({ sourceRepos: ['!ssh://git@GITHUB.com:argoproj/test'] }), 'ssh://git@github.com:argoproj/test', false],
    ['Helm repository URL', rules({ sourceRepos: ['https://charts.example.com'] }), 'https://charts.example.com/', true],
    ['OCI-style without scheme', rules({ sourceRepos: ['registry.example.com/charts/*'] }), 'registry.example.com/charts/app', true],
  ])('%s', (_label, project, repoURL, expected) => {
    expect(isSourcePermitted(project, repoURL)).toBe(expected);
  });
});

describe('isDestinationPermitted', () => {
  const inCluster = 'https://kubernetes.default.svc';
  const byServer = rules({ destinations: [{ server: inCluster, namespace: 'team-*' }] });
  const byName = rules({ destinations: [{ name: 'in-cluster', namespace: 'team-*' }] });
  const denyKubeSystem = rules({ destinations: [{ server: '*', namespace: '!kube-system' }, { server: '*', namespace: '*' }] });
  const denyServer = rules({ destinations: [{ server: '!https://prod.*', namespace: '*' }, { server: '*', namespace: '*' }] });
  const denyName = rules({ destinations: [{ name: '!prod', namespace: '*' }, { name: '*', namespace: '*' }] });
  const cases: [string, ProjectRules, ApplicationDestination, boolean][] = [
    ['no destinations', rules({}), { server: inCluster, namespace: 'a' }, false],
    ['empty list', rules({ destinations: [] }), { server: inCluster, namespace: 'a' }, false],
    ['server and namespace glob', byServer, { server: inCluster, namespace: 'team-a' }, true],
    ['namespace outside the glob', byServer, { server: inCluster, namespace: 'kube-system' }, false],
    ['other server', byServer, { server: 'https://other', namespace: 'team-a' }, false],
    ['server entry, destination by name only', byServer, { name: 'in-cluster', namespace: 'team-a' }, false],
    ['server entry, resolved destination', byServer, { name: 'in-cluster', server: inCluster, namespace: 'team-a' }, true],
    ['name entry, destination by name', byName, { name: 'in-cluster', namespace: 'team-a' }, true],
    ['name entry, destination by server only', byName, { server: inCluster, namespace: 'team-a' }, false],
    ['name entry, other name', byName, { name: 'prod', namespace: 'team-a' }, false],
    ['missing namespace is empty, * matches it', rules({ destinations: [{ server: '*', namespace: '*' }] }), { server: inCluster }, true],
    ['missing namespace does not match a name', byServer, { server: inCluster }, false],
    ['empty entry namespace matches only empty', rules({ destinations: [{ server: '*' }] }), { server: inCluster, namespace: 'a' }, false],
    ['neither server nor name', rules({ destinations: [{ server: '*', namespace: '*' }] }), { namespace: 'a' }, false],
    ['namespace deny wins', denyKubeSystem, { server: inCluster, namespace: 'kube-system' }, false],
    ['namespace deny leaves others', denyKubeSystem, { server: inCluster, namespace: 'apps' }, true],
    ["a deny entry admits what it doesn't match (Argo)", rules({ destinations: [{ server: '*', namespace: '!kube-system' }] }), { server: inCluster, namespace: 'apps' }, true],
    ['server deny wins', denyServer, { server: 'https://prod.example.com', namespace: 'a' }, false],
    ['server deny leaves others', denyServer, { server: 'https://dev.example.com', namespace: 'a' }, true],
    ['server deny with unknown server fails closed', denyServer, { name: 'dev', namespace: 'a' }, false],
    ['name deny wins', denyName, { name: 'prod', namespace: 'a' }, false],
    ['name deny leaves others', denyName, { name: 'dev', namespace: 'a' }, true],
    ['name deny with unknown name fails closed', denyName, { server: 'https://dev', namespace: 'a' }, false],
    ["Argo's case: deny fields deny independently", rules({ destinations: [{ server: '*', namespace: '*' }, { server: `!${inCluster}`, namespace: 'kube-system' }, { server: '*', namespace: '!kube-system' }] }), { server: inCluster, namespace: 'default' }, false],
    ["Argo's case: namespace deny on any server", rules({ destinations: [{ server: '*', namespace: '*' }, { server: `!${inCluster}`, namespace: 'kube-system' }, { server: '*', namespace: '!kube-system' }] }), { server: 'https://test-dev-cluster', namespace: 'kube-system' }, false],
    ["Argo's case: a server deny alone admits other servers", rules({ destinations: [{ server: '!https://my-cluster', namespace: 'default' }] }), { server: inCluster, namespace: 'default' }, true],
    ['name deny, resolved destination', denyName, { name: 'dev', server: 'https://dev', namespace: 'a' }, true],
  ];
  it.each(cases)('%s', (_label, project, destination, expected) => {
    expect(isDestinationPermitted(project, destination)).toBe(expected);
  });

  const scoped = rules({ destinations: [{ server: '*', namespace: '*' }], permitOnlyProjectScopedClusters: true });
  it.each([
    ['no project clusters given', undefined, { server: inCluster, namespace: 'a' }, false],
    ['a project cluster by server', [{ name: 'in-cluster', server: inCluster }], { server: inCluster, namespace: 'a' }, true],
    ['a project cluster by name', [{ name: 'dev', server: 'https://dev' }], { name: 'dev', server: 'https://dev2', namespace: 'a' }, true],
    ['not a project cluster', [{ name: 'dev', server: 'https://dev' }], { server: inCluster, namespace: 'a' }, false],
    ['empty names never pair up', [{ server: 'https://dev' }], { server: inCluster, namespace: 'a' }, false],
  ])('permitOnlyProjectScopedClusters: %s', (_label, projectClusters, destination, expected) => {
    expect(isDestinationPermitted(scoped, destination, { projectClusters })).toBe(expected);
  });
});

describe('isGroupKindPermitted', () => {
  const clusterRbac = rules({ clusterResourceWhitelist: [{ group: 'rbac.authorization.k8s.io', kind: 'Cluster*' }] });
  const allButCrds = rules({
    clusterResourceWhitelist: [{ group: '*', kind: '*' }],
    clusterResourceBlacklist: [{ group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' }],
  });
  const noQuotas = rules({ namespaceResourceBlacklist: [{ group: '', kind: 'ResourceQuota' }, { group: '', kind: 'LimitRange' }] });
  const onlyApps = rules({ namespaceResourceWhitelist: [{ group: 'apps', kind: '*' }], namespaceResourceBlacklist: [{ group: 'apps', kind: 'DaemonSet' }] });
  it.each([
    ['cluster-scoped without a whitelist', rules({}), '', 'Namespace', false, false],
    ['cluster-scoped with an empty whitelist', rules({ clusterResourceWhitelist: [] }), '', 'Namespace', false, false],
    ['cluster-scoped, whitelisted by glob', clusterRbac, 'rbac.authorization.k8s.io', 'ClusterRoleBinding', false, true],
    ['cluster-scoped, other group', clusterRbac, '', 'ClusterRole', false, false],
    ['cluster-scoped, blacklist beats whitelist', allButCrds, 'apiextensions.k8s.io', 'CustomResourceDefinition', false, false],
    ['cluster-scoped, whitelisted not blacklisted', allButCrds, '', 'Namespace', false, true],
    ['core group is the empty string', rules({ clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }] }), '', 'Namespace', false, true],
    ['namespaced without lists', rules({}), 'apps', 'Deployment', true, true],
    ['namespaced, cluster whitelist irrelevant', rules({ clusterResourceWhitelist: [] }), '', 'ConfigMap', true, true],
    ['namespaced, blacklisted', noQuotas, '', 'ResourceQuota', true, false],
    ['namespaced, not blacklisted', noQuotas, '', 'ConfigMap', true, true],
    ['namespaced, blacklist on the core group only', noQuotas, 'example.com', 'ResourceQuota', true, true],
    ['namespaced, whitelisted', onlyApps, 'apps', 'Deployment', true, true],
    ['namespaced, not in the whitelist', onlyApps, '', 'ConfigMap', true, false],
    ['namespaced, blacklist beats whitelist', onlyApps, 'apps', 'DaemonSet', true, false],
    ['namespaced, empty whitelist permits none (Argo)', rules({ namespaceResourceWhitelist: [] }), '', 'ConfigMap', true, false],
    ['namespaced, empty blacklist permits all', rules({ namespaceResourceBlacklist: [] }), '', 'ConfigMap', true, true],
    ['namespace lists irrelevant for cluster kinds', rules({ namespaceResourceWhitelist: [{ group: '*', kind: '*' }] }), '', 'Namespace', false, false],
  ])('%s', (_label, project, group, kind, namespaced, expected) => {
    expect(isGroupKindPermitted(project, group, kind, namespaced)).toBe(expected);
  });

  it.each([
    ['cluster kind not whitelisted', rules({}), '', 'Namespace', false, 'clusterResourceWhitelist'],
    ['cluster kind blacklisted', allButCrds, 'apiextensions.k8s.io', 'CustomResourceDefinition', false, 'clusterResourceBlacklist'],
    ['namespaced kind not whitelisted', onlyApps, '', 'Secret', true, 'namespaceResourceWhitelist'],
    ['namespaced kind blacklisted', onlyApps, 'apps', 'DaemonSet', true, 'namespaceResourceBlacklist'],
    ['permitted', onlyApps, 'apps', 'Deployment', true, undefined],
  ])('groupKindDenial: %s', (_label, project, group, kind, namespaced, expected) => {
    expect(groupKindDenial(project, group, kind, namespaced)).toBe(expected);
  });
});

describe('isAppNamespacePermitted', () => {
  const teams = rules({ sourceNamespaces: ['team-*', '/^ci-[0-9]+$/'] });
  it.each([
    ['control-plane namespace always', rules({}), 'argocd', true],
    ['no namespace yet', rules({}), undefined, true],
    ['other namespace without sourceNamespaces', rules({}), 'team-a', false],
    ['glob', teams, 'team-a', true],
    ['regexp', teams, 'ci-42', true],
    ['regexp miss', teams, 'ci-x', false],
    ['neither', teams, 'prod', false],
    ['invalid regexp matches nothing', rules({ sourceNamespaces: ['/(/'] }), 'x', false],
  ])('%s', (_label, project, namespace, expected) => {
    expect(isAppNamespacePermitted(project, namespace, 'argocd')).toBe(expected);
  });
});
