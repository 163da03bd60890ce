import { describe, expect, it } from '@jest/globals';
import { InvalidInputError } from '@driftless/api';
import { parseRepoUrl, redactUrl } from './repo-url.js';

describe('parseRepoUrl', () => {
  it.each([
    ['https://github.com/argoproj/argocd-example-apps.git', 'https', 'github.com', 'argoproj/argocd-example-apps'],
    ['https://GitHub.com/argoproj/argocd-example-apps/', 'https', 'github.com', 'argoproj/argocd-example-apps'],
    ['git@github.com:argoproj/argocd-example-apps.git', 'ssh', 'github.com', 'argoproj/argocd-example-apps'],
    ['ssh://git@git.example.com:2222/team/repo', 'ssh', 'git.example.com:2222', 'team/repo'],
    ['ssh://git@127.0.0.1:2222/srv/git/apps.git', 'ssh', '127.0.0.1:2222', 'srv/git/apps'],
    ['git@127.0.0.1:/srv/git/apps.git', 'ssh', '127.0.0.1', 'srv/git/apps'],
    ['gitlab.example.com:group/sub/repo', 'ssh', 'gitlab.example.com', 'group/sub/repo'],
  ])('accepts %s', (url, transport, host, path) => {
    expect(parseRepoUrl(url)).toEqual({ transport, host, path, url });
  });

  it.each([
    ['file:///etc/passwd', /scheme "file" is not allowed/],
    ['/srv/git/repo', /not a URL/],
    ['../other-repo', /not a URL/],
    ['ftp://example.com/repo', /scheme "ftp" is not allowed/],
    ['http://git.internal/repo', /plain http is disabled/],
    ['ext::sh -c touch% /tmp/pwned', /remote-helper URLs/],
    ['ssh://-oProxyCommand=touch%20pwned/repo', /starting with "-"/],
    ['ssh://-oProxyCommand=x@example.com/repo', /starting with "-"/],
    ['-oProxyCommand@example.com:repo', /starting with "-"/],
    ['git@-oProxyCommand:repo', /starting with "-"/],
  ])('rejects %s', (url, message) => {
    expect(() => parseRepoUrl(url)).toThrow(InvalidInputError);
    expect(() => parseRepoUrl(url)).toThrow(message);
  });

  it('allows plain http only when the policy says so', () => {
    expect(parseRepoUrl('http://127.0.0.1:8418/demo.git', { allowHttp: true }).transport).toBe('http');
  });

  it('rejects embedded credentials without echoing the password', () => {
    let error: unknown;
    try {
      parseRepoUrl('https://bob:hunter2@example.com/repo.git');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(String((error as Error).message)).toContain('https://bob:***@example.com/repo.git');
    expect(JSON.stringify(error) + String((error as Error).message)).not.toContain('hunter2');
  });
});

describe('redactUrl', () => {
  it.each([
    ['https://bob:s3cret@example.com/r', 'https://bob:***@example.com/r'],
    ['https://token@example.com/r', 'https://token@example.com/r'],
    ['https://example.com/r', 'https://example.com/r'],
  ])('%s → %s', (input, output) => {
    expect(redactUrl(input)).toBe(output);
  });
});
