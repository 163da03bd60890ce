// Parsing the control namespace (plain Secrets and ConfigMaps) and resolving destinations to clusters.
import { describe, expect, it } from '@jest/globals';
import type { ConfigMap, Secret } from '@driftless/api';
import { destinationCluster, readControlSnapshot, repositoryCredentials } from './control-snapshot.js';

const CONTROL = 'https://127.0.0.1:6443';
const b64 = (text: string) => Buffer.from(text).toString('base64');

function secret(name: string, type: string, data: Record<string, string>): Secret {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'argocd', labels: { 'argocd.argoproj.io/secret-type': type } }, stringData: data };
}

const secrets: Secret[] = [
  secret('repo-apps', 'repository', { url: 'https://git.example.com/org/apps.git', username: 'bot', password: 's3cret' }),
  secret('creds-org', 'repo-creds', { url: 'https://git.example.com/org', username: 'org-bot', password: 'org-pass' }),
  secret('prod', 'cluster', { name: 'production', server: 'https://prod.example.com:6443', config: JSON.stringify({ bearerToken: 'tok' }) }),
  secret('in-cluster', 'cluster', { name: 'local', server: 'https://kubernetes.default.svc', config: '{}' }),
  secret('broken', 'cluster', { name: 'broken', config: 'not json' }),
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'unrelated', namespace: 'argocd' }, data: { token: b64('x') } },
];
const configMaps: ConfigMap[] = [
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cm', namespace: 'argocd' }, data: { 'application.resourceTrackingMethod': 'label', 'timeout.reconciliation': '60s' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-ssh-known-hosts-cm', namespace: 'argocd' }, data: { ssh_known_hosts: '[127.0.0.1]:2222 ssh-ed25519 AAAAC3Nza' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cmd-params-cm', namespace: 'argocd' }, data: { 'controller.diff.server.side': 'true' } },
];
const snapshot = readControlSnapshot(secrets, configMaps);

describe('readControlSnapshot', () => {
  it('parses repositories, templates, clusters, settings, known hosts and server-side diff', () => {
    expect(snapshot.repositories.map((r) => r.url)).toEqual(['https://git.example.com/org/apps.git']);
    expect(snapshot.repoCreds.map((r) => r.url)).toEqual(['https://git.example.com/org']);
    expect(snapshot.clusters.map((c) => c.name)).toEqual(['production', 'local']);
    expect(snapshot.settings).toMatchObject({ trackingMethod: 'label', reconciliationTimeoutMs: 60_000 });
    expect(snapshot.knownHosts).toBe('[127.0.0.1]:2222 ssh-ed25519 AAAAC3Nza');
    expect(snapshot.serverSideDiff).toBe(true);
  });

  it('leaves out a Secret that does not parse and names it, without its values', () => {
    expect(snapshot.problems).toHaveLength(1);
    expect(snapshot.problems[0]).toMatch(/^secret argocd\/broken: /);
    expect(snapshot.problems[0]).not.toContain('not json');
  });

  it('gives Argo defaults without argocd-cm, and no known hosts', () => {
    const empty = readControlSnapshot([], []);
    expect(empty.settings).toMatchObject({ trackingMethod: 'annotation', reconciliationTimeoutMs: 180_000 });
    expect(empty.knownHosts).toBeUndefined();
    expect(empty.serverSideDiff).toBe(false);
  });
});

describe('repositoryCredentials', () => {
  it('uses the repository Secret, else the longest template, else nothing', () => {
    expect(repositoryCredentials(snapshot, 'https://git.example.com/org/apps')).toMatchObject({ username: 'bot', password: 's3cret' });
    expect(repositoryCredentials(snapshot, 'https://git.example.com/org/other.git')).toMatchObject({ username: 'org-bot', url: 'https://git.example.com/org/other.git' });
    expect(repositoryCredentials(snapshot, 'https://elsewhere.example.com/x.git')).toBeUndefined();
  });
});

describe('destinationCluster', () => {
  it.each([
    ['the in-cluster server', { server: 'https://kubernetes.default.svc' }, 'control'],
    ['the control kubeconfig server', { server: CONTROL }, 'control'],
    ['the in-cluster Secret by its name', { name: 'local' }, 'control'],
    ['a registered server', { server: 'https://prod.example.com:6443/' }, 'https://prod.example.com:6443'],
    ['a registered name', { name: 'production' }, 'https://prod.example.com:6443'],
    ['a server wins over a name', { server: 'https://nowhere.example.com', name: 'production' }, undefined],
    ['an unknown name', { name: 'staging' }, undefined],
    ['neither server nor name', { namespace: 'demo' }, undefined],
  ])('%s', (_label, destination, expected) => {
    const found = destinationCluster(snapshot, destination, CONTROL);
    expect(found === undefined ? undefined : found.kind === 'control' ? 'control' : found.cluster.server).toBe(expected);
  });

  it('knows the control cluster by the name in-cluster without any cluster Secret', () => {
    expect(destinationCluster(readControlSnapshot([], []), { name: 'in-cluster' }, CONTROL)).toEqual({ kind: 'control', server: CONTROL });
  });
});
