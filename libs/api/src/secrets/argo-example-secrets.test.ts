// Argo CD's documented repository, repo-creds and cluster Secrets parse unchanged.

import { describe, expect, it } from '@jest/globals';
import { loadYamlDocuments } from '../testing/load-yaml.js';
import type { Secret } from '../types/kube-object.js';
import { parseArgoSecret } from './argo-secret.js';

const load = (file: string): Secret[] => loadYamlDocuments(import.meta.url, `../__fixtures__/argo-examples/${file}`) as Secret[];

describe('Argo CD example Secrets', () => {
  it('parses the HTTPS repository example', () => {
    const [secret] = load('repository-secret.yaml');
    expect(parseArgoSecret(secret ?? {})).toEqual({
      type: 'repository',
      repository: {
        secret: { namespace: 'argocd', name: 'private-repo' },
        url: 'https://github.com/argoproj/private-repo',
        type: 'git',
        project: 'my-project',
        username: 'my-username',
        password: 'my-password',
        insecure: false,
        enableLfs: false,
        enableOCI: false,
        forceHttpBasicAuth: false,
      },
    });
  });

  it('parses the SSH repository example', () => {
    const [secret] = load('repository-ssh-secret.yaml');
    const parsed = parseArgoSecret(secret ?? {});
    expect(parsed.type === 'repository' && parsed.repository.sshPrivateKey).toContain('BEGIN OPENSSH PRIVATE KEY');
  });

  it('parses every Secret of argocd-repositories.yaml with its flags and types', () => {
    const parsed = load('argocd-repositories.yaml').map(parseArgoSecret);
    expect(parsed.map((p) => (p.type === 'repository' ? [p.repository.secret.name, p.repository.type, p.repository.insecure, p.repository.enableLfs] : p.type))).toEqual([
      ['my-private-https-repo', 'git', true, true],
      ['my-private-ssh-repo', 'git', true, true],
      ['istio-helm-repo', 'helm', false, false],
      ['private-helm-repo', 'helm', false, false],
      ['private-repo', 'git', false, false],
    ]);
  });

  it('parses every credential template of argocd-repo-creds.yaml, GitHub App ids included', () => {
    const parsed = load('argocd-repo-creds.yaml').map(parseArgoSecret);
    expect(parsed.map((p) => (p.type === 'repo-creds' ? [p.template.url, p.template.type, p.template.githubAppID ?? null] : p.type))).toEqual([
      ['https://github.com/argoproj', 'helm', null],
      ['git@github.com:argoproj-labs', 'helm', null],
      ['https://github.com/argoproj', 'helm', '1'],
      ['https://github.com/argoproj', 'helm', '1'],
      ['oci://my.registry.com/namespace', 'oci', null],
    ]);
  });

  it('parses the bearer-token cluster example', () => {
    const [secret] = load('cluster-secret.yaml');
    expect(parseArgoSecret(secret ?? {})).toEqual({
      type: 'cluster',
      cluster: {
        secret: { name: 'mycluster-secret' },
        name: 'mycluster.example.com',
        server: 'https://mycluster.example.com',
        namespaces: [],
        clusterResources: false,
        config: { bearerToken: '<authentication token>', tlsClientConfig: { insecure: false, caData: '<base64 encoded certificate>' } },
      },
    });
  });

  it('parses the exec-provider cluster example with its namespaces', () => {
    const [secret] = load('cluster-secret-exec.yaml');
    const parsed = parseArgoSecret(secret ?? {});
    expect(parsed.type === 'cluster' && parsed.cluster).toMatchObject({
      namespaces: ['my', 'managed', 'namespaces'],
      clusterResources: true,
      config: { execProviderConfig: { command: 'argocd-k8s-auth', args: ['aws', '--cluster-name', 'my-eks-cluster'], apiVersion: 'client.authentication.k8s.io/v1beta1' } },
    });
  });

  it('refuses a Secret without a type label, naming it', () => {
    expect(() => parseArgoSecret({ metadata: { name: 'x', namespace: 'argocd' } })).toThrow(
      'secret argocd/x: metadata.labels["argocd.argoproj.io/secret-type"]: must be one of repository, repo-creds, cluster',
    );
  });
});
