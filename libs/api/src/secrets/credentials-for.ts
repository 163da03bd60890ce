// Picks the credentials for a repository URL: the repository Secret's own, else the credential template
// (repo-creds) with the longest URL prefix, following Argo CD's declarative-setup rules.

import { normalizeGitUrl } from './git-url.js';
import { hasCredentials } from './repository.js';
import type { RepositoryAuth, RepositoryCredentials } from './repository.js';

/** Options for {@link credentialsFor}. */
export interface CredentialsForOptions {
  /**
   * Project of the application asking. Secrets scoped to a project serve only that project; unscoped ones
   * serve everyone. Between equally good matches, the one scoped to this project wins. When unset, only
   * unscoped Secrets are candidates.
   */
  project?: string;
}

const AUTH_KEYS: readonly (keyof RepositoryAuth)[] = [
  'username',
  'password',
  'bearerToken',
  'sshPrivateKey',
  'tlsClientCertData',
  'tlsClientCertKey',
  'githubAppPrivateKey',
  'githubAppID',
  'githubAppInstallationID',
  'githubAppEnterpriseBaseUrl',
  'gcpServiceAccountKey',
  'useAzureWorkloadIdentity',
];

/**
 * True when template URL `prefix` covers `url`, both normalised: equal, or `url` continues `prefix` at a
 * `/` boundary. `https://github.com/argoproj` covers `https://github.com/argoproj/argo-cd` but not
 * `https://github.com/argoprojx/y`. (Argo CD itself compares plain string prefixes; the segment rule is
 * stricter on purpose, so a template never leaks to a look-alike organisation.)
 */
export function urlPrefixMatches(prefix: string, url: string): boolean {
  const p = normalizeGitUrl(prefix);
  const u = normalizeGitUrl(url);
  if (p === '') return false;
  return u === p || u.startsWith(`${p}/`);
}

/**
 * Resolves the credentials to use for `repoUrl`:
 * 1. a `repository` Secret whose URL equals `repoUrl` after {@link normalizeGitUrl} and that carries
 *    credentials: returned as is;
 * 2. otherwise the `repo-creds` template whose URL is the longest {@link urlPrefixMatches} prefix: its
 *    credential fields are returned, on top of the repository Secret's settings if one exists (type,
 *    insecure, proxy, ...), with `url` set to the repository's;
 * 3. otherwise the credential-less repository Secret, or `undefined` when nothing matches.
 * Ties between equally long templates go to the one listed first. The result's `secret` names the Secret
 * the credentials came from.
 */
export function credentialsFor(
  repoUrl: string,
  repositories: readonly RepositoryCredentials[],
  repoCreds: readonly RepositoryCredentials[],
  options: CredentialsForOptions = {},
): RepositoryCredentials | undefined {
  const wanted = normalizeGitUrl(repoUrl);
  const repo = preferScoped(
    repositories.filter((r) => inScope(r, options) && normalizeGitUrl(r.url) === wanted),
    options,
  );
  if (repo !== undefined && hasCredentials(repo)) return repo;

  let best: RepositoryCredentials | undefined;
  let bestLength = -1;
  for (const template of repoCreds) {
    if (!inScope(template, options) || !urlPrefixMatches(template.url, repoUrl)) continue;
    const length = normalizeGitUrl(template.url).length;
    const better = length > bestLength || (length === bestLength && scopeRank(template, options) > scopeRank(best, options));
    if (better) {
      best = template;
      bestLength = length;
    }
  }
  if (best === undefined) return repo;
  if (repo === undefined) return { ...best, url: repoUrl };
  return withAuthFrom(repo, best);
}

function inScope(entry: RepositoryCredentials, options: CredentialsForOptions): boolean {
  return entry.project === undefined || entry.project === options.project;
}

// Higher is better: a Secret scoped to the asking project, then an unscoped one.
function scopeRank(entry: RepositoryCredentials | undefined, options: CredentialsForOptions): number {
  if (entry === undefined) return -1;
  return entry.project !== undefined && entry.project === options.project ? 2 : 1;
}

function preferScoped(candidates: RepositoryCredentials[], options: CredentialsForOptions): RepositoryCredentials | undefined {
  let best: RepositoryCredentials | undefined;
  for (const candidate of candidates) {
    if (scopeRank(candidate, options) > scopeRank(best, options)) best = candidate;
  }
  return best;
}

function withAuthFrom(repo: RepositoryCredentials, template: RepositoryCredentials): RepositoryCredentials {
  const merged: RepositoryCredentials = { ...repo, secret: template.secret };
  const target = merged as unknown as Record<string, unknown>;
  const source = template as unknown as Record<string, unknown>;
  for (const key of AUTH_KEYS) {
    if (source[key] !== undefined) target[key] = source[key];
  }
  // Settings the template may carry that the repository did not set.
  merged.proxy ??= template.proxy;
  merged.noProxy ??= template.noProxy;
  merged.forceHttpBasicAuth ||= template.forceHttpBasicAuth;
  merged.enableOCI ||= template.enableOCI;
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as unknown as RepositoryCredentials;
}
