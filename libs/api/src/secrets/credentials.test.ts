// URL normalisation and credential resolution: exact repository match first, else the longest
// credential-template prefix on a path-segment boundary.

import { describe, expect, it } from '@jest/globals';
import { credentialsFor, urlPrefixMatches } from './credentials-for.js';
import { normalizeGitUrl, sameRepoUrl } from './git-url.js';
import type { RepositoryCredentials } from './repository.js';

describe('normalizeGitUrl', () => {
  it.each([
    ['https://github.com/argoproj/argo-cd.git', 'https://github.com/argoproj/argo-cd'],
    ['https://GitHub.com/ArgoProj/Argo-CD/', 'https://github.com/argoproj/argo-cd'],
    ['  https://github.com/argoproj/argo-cd.git/  ', 'https://github.com/argoproj/argo-cd'],
    ['git@github.com:argoproj/argo-cd.git', 'git@github.com/argoproj/argo-cd'],
    ['ssh://git@github.com/argoproj/argo-cd', 'git@github.com/argoproj/argo-cd'],
    ['ssh://git@github.com:2222/argoproj/argo-cd.git', 'git@github.com:2222/argoproj/argo-cd'],
    ['https://user@git.example.com/team/app', 'https://user@git.example.com/team/app'],
    ['oci://registry.example.com/charts', 'oci://registry.example.com/charts'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeGitUrl(input)).toBe(expected);
  });

  it('treats scp-like and ssh:// spellings of one repository as the same', () => {
    expect(sameRepoUrl('git@github.com:argoproj/argo-cd.git', 'ssh://git@github.com/argoproj/argo-cd')).toBe(true);
    expect(sameRepoUrl('https://github.com/argoproj/argo-cd', 'git@github.com:argoproj/argo-cd')).toBe(false);
    expect(sameRepoUrl('', '')).toBe(false);
  });
});

describe('urlPrefixMatches', () => {
  it.each([
    ['https://github.com/argoproj', 'https://github.com/argoproj/argo-cd', true],
    ['https://github.com/argoproj', 'https://github.com/argoprojX/y', false],
    ['https://github.com/argoproj/', 'https://github.com/argoproj/argo-cd.git', true],
    ['https://github.com', 'https://github.com/any/repo', true],
    ['https://github.com/argoproj', 'https://github.com/argoproj', true],
    ['git@github.com:argoproj', 'git@github.com:argoproj/argo-cd.git', true],
    ['git@github.com:argoproj', 'ssh://git@github.com/argoproj/argo-cd', true],
    ['https://github.com/argoproj', 'git@github.com:argoproj/argo-cd', false],
    ['', 'https://github.com/argoproj/argo-cd', false],
  ])('%s covers %s: %s', (prefix, url, expected) => {
    expect(urlPrefixMatches(prefix, url)).toBe(expected);
  });
});

function creds(name: string, url: string, extra: Partial<RepositoryCredentials> = {}): RepositoryCredentials {
  return { secret: { namespace: 'argocd', name }, url, type: 'git', insecure: false, enableLfs: false, enableOCI: false, forceHttpBasicAuth: false, ...extra };
}

describe('credentialsFor', () => {
  const templates = [
    creds('github-all', 'https://github.com', { username: 'all' }),
    creds('argoproj', 'https://github.com/argoproj', { username: 'org' }),
    creds('argoproj-labs-ssh', 'git@github.com:argoproj-labs', { sshPrivateKey: 'KEY' }),
    creds('argo-cd-team', 'https://github.com/argoproj/argo-cd', { username: 'team', password: 'pw' }),
    creds('argoproj-again', 'https://github.com/argoproj/', { username: 'second' }),
  ];

  it.each([
    ['https://github.com/argoproj/argo-cd.git', 'argo-cd-team'],
    ['https://github.com/argoproj/argo-rollouts', 'argoproj'],
    ['https://github.com/argoprojX/y', 'github-all'],
    ['https://github.com/someone/else', 'github-all'],
    ['git@github.com:argoproj-labs/argocd-image-updater.git', 'argoproj-labs-ssh'],
    ['https://gitlab.com/argoproj/argo-cd', undefined],
  ])('%s uses the template %s', (url, expected) => {
    expect(credentialsFor(url, [], templates)?.secret.name).toBe(expected);
  });

  it('returns the template credentials with the repository URL', () => {
    expect(credentialsFor('https://github.com/argoproj/argo-cd.git', [], templates)).toMatchObject({ url: 'https://github.com/argoproj/argo-cd.git', username: 'team', password: 'pw' });
  });

  it("prefers a repository Secret's own credentials over any template", () => {
    const repos = [creds('own', 'https://github.com/ArgoProj/argo-cd', { username: 'own', password: 'own-pw' })];
    expect(credentialsFor('https://github.com/argoproj/argo-cd.git', repos, templates)).toMatchObject({ secret: { name: 'own' }, username: 'own' });
  });

  it('fills a credential-less repository Secret from the best template, keeping its settings', () => {
    const repos = [creds('settings-only', 'https://github.com/argoproj/argo-cd', { insecure: true, enableLfs: true, type: 'git', proxy: 'http://proxy:3128' })];
    expect(credentialsFor('https://github.com/argoproj/argo-cd', repos, templates)).toEqual({
      ...repos[0],
      secret: { namespace: 'argocd', name: 'argo-cd-team' },
      username: 'team',
      password: 'pw',
    });
  });

  it('returns a credential-less repository as is when no template matches', () => {
    const repos = [creds('public', 'https://gitlab.com/group/app')];
    expect(credentialsFor('https://gitlab.com/group/app.git', repos, templates)).toEqual(repos[0]);
  });

  it('keeps the first of two equally long templates', () => {
    expect(credentialsFor('https://github.com/argoproj/argo-workflows', [], templates)?.secret.name).toBe('argoproj');
  });

  describe('with projects', () => {
    const scoped = [
      creds('team-a', 'https://github.com/argoproj', { username: 'a', project: 'team-a' }),
      creds('shared', 'https://github.com/argoproj', { username: 'shared' }),
      creds('team-b', 'https://github.com/argoproj/argo-cd', { username: 'b', project: 'team-b' }),
    ];

    it.each([
      ['team-a', 'team-a'],
      ['team-b', 'team-b'],
      ['team-c', 'shared'],
      [undefined, 'shared'],
    ])('project %s gets %s', (project, expected) => {
      expect(credentialsFor('https://github.com/argoproj/argo-cd', [], scoped, { project })?.secret.name).toBe(expected);
    });
  });
});
