import { describe, expect, it } from '@jest/globals';
import { NotFoundError, PermissionDeniedError, UnavailableError } from '@driftless/api';
import { gitHttpAuth } from './git-auth.js';
import type { RepositoryCredentials } from '@driftless/api';
import { scrub, toGitFetchError } from './git-errors.js';

const url = 'https://bob:hunter2@git.example.com/app.git';
const httpError = (statusCode: number) => Object.assign(new Error(`HTTP Error: ${statusCode}`), { code: 'HttpError', data: { statusCode } });

describe('toGitFetchError', () => {
  it.each([
    [401, PermissionDeniedError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [500, UnavailableError],
  ])('maps HTTP %i', (status, type) => {
    const error = toGitFetchError(httpError(status), url);
    expect(error).toBeInstanceOf(type);
    expect(error.message).toContain('https://bob:***@git.example.com/app.git');
    expect(error.message).not.toContain('hunter2');
  });

  it('maps socket errors to UnavailableError with the reason', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' });
    const error = toGitFetchError(refused, 'https://git.example.com/app.git');
    expect(error).toBeInstanceOf(UnavailableError);
    expect(error.message).toBe('cannot reach https://git.example.com/app.git: connect ECONNREFUSED 10.0.0.1:443');
  });

  it('scrubs secrets a library echoed into its message', () => {
    const error = toGitFetchError(new Error('bad header Bearer tok-123'), 'https://git.example.com/app.git', ['tok-123']);
    expect(error.message).toBe('fetching https://git.example.com/app.git failed: bad header Bearer ***');
  });

  it('passes typed errors through', () => {
    const typed = new UnavailableError('timed out');
    expect(toGitFetchError(typed, url)).toBe(typed);
  });

  it('scrub ignores empty secrets', () => {
    expect(scrub('abc', ['', 'b'])).toBe('a***c');
  });
});

describe('gitHttpAuth', () => {
  const base: RepositoryCredentials = {
    secret: { namespace: 'argocd', name: 'repo' },
    url: 'https://git.example.com/app.git',
    type: 'git',
    insecure: false,
    enableLfs: false,
    enableOCI: false,
    forceHttpBasicAuth: false,
  };

  it('sends nothing without credentials', () => {
    expect(gitHttpAuth(undefined)).toEqual({ headers: {}, secrets: [] });
    expect(gitHttpAuth({ ...base, sshPrivateKey: 'key' })).toEqual({ headers: {}, secrets: [] });
  });

  it('answers a challenge with Basic credentials, or sends them up front when forced', () => {
    const lazy = gitHttpAuth({ ...base, username: 'u', password: 'p' });
    expect(lazy.headers).toEqual({});
    expect(lazy.onAuth?.('', {})).toEqual({ username: 'u', password: 'p' });
    expect(lazy.secrets).toEqual(['p']);
    const forced = gitHttpAuth({ ...base, username: 'u', password: 'p', forceHttpBasicAuth: true });
    expect(forced.headers).toEqual({ Authorization: `Basic ${Buffer.from('u:p').toString('base64')}` });
  });

  it('sends a bearer token as an Authorization header', () => {
    const auth = gitHttpAuth({ ...base, bearerToken: 'tok' });
    expect(auth.headers).toEqual({ Authorization: 'Bearer tok' });
    expect(auth.secrets).toEqual(['tok']);
  });
});
