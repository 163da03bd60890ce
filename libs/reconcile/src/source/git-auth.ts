// How repository credentials from a Secret become isomorphic-git HTTP authentication.
import type { AuthCallback } from 'isomorphic-git';
import type { RepositoryCredentials } from '@driftless/api';

/** What one fetch sends: the `onAuth` answer to a 401, headers sent up front, and the values to scrub. */
export interface GitHttpAuth {
  readonly onAuth?: AuthCallback;
  readonly headers: Record<string, string>;
  /** Every credential value, so error messages can be scrubbed of them. */
  readonly secrets: readonly string[];
}

/**
 * Maps credentials to HTTP auth as Argo CD does for HTTPS repositories: `bearerToken` → an
 * `Authorization: Bearer` header sent with every request; `username`/`password` (a token goes in
 * `password`) → Basic auth, answered to the server's 401 challenge, or sent up front when
 * `forceHttpBasicAuth` is set. SSH keys, TLS client certificates and app credentials do not apply here.
 * The guarded HTTP client keeps every request on the repository's origin, so these never reach another host.
 */
export function gitHttpAuth(credentials: RepositoryCredentials | undefined): GitHttpAuth {
  if (credentials === undefined) return { headers: {}, secrets: [] };
  if (credentials.bearerToken !== undefined && credentials.bearerToken !== '') {
    const headers = { Authorization: `Bearer ${credentials.bearerToken}` };
    return { headers, onAuth: () => ({ headers }), secrets: [credentials.bearerToken] };
  }
  const { username, password } = credentials;
  if (username === undefined && password === undefined) return { headers: {}, secrets: [] };
  const basic = { username: username ?? '', password: password ?? '' };
  const headers: Record<string, string> = credentials.forceHttpBasicAuth
    ? { Authorization: `Basic ${Buffer.from(`${basic.username}:${basic.password}`).toString('base64')}` }
    : {};
  const secrets = password === undefined || password === '' ? [] : [password];
  return { headers, onAuth: () => basic, secrets };
}
