// Repository URL normalisation, consistent with Argo CD's NormalizeGitURL, so that the many spellings of one
// repository (`.git` suffix, case, scp-like SSH) compare equal.

// Argo's test for SSH URLs: optional ssh://, then user@host with no other `@`.
const SSH_URL = /^(ssh:\/\/)?([^/:]*?)@[^@]+$/;

/** True for SSH repository URLs, both `ssh://git@host/path` and scp-like `git@host:path`. */
export function isSshUrl(url: string): boolean {
  return SSH_URL.test(url.trim());
}

/**
 * Normalises a repository URL for comparison, as Argo CD's NormalizeGitURL does: trims and lowercases the
 * whole URL, rewrites scp-like `git@host:org/repo` to the `ssh://` form, strips `.git` and trailing `/`,
 * then drops the `ssh://` scheme. Never throws; the result is a comparison key, not a URL to fetch.
 *
 * Examples: `git@GitHub.com:argoproj/argo-cd.git` and `ssh://git@github.com/argoproj/argo-cd` both give
 * `git@github.com/argoproj/argo-cd`; `https://github.com/argoproj/argo-cd.git/` gives
 * `https://github.com/argoproj/argo-cd`.
 */
export function normalizeGitUrl(url: string): string {
  let repo = url.trim().toLowerCase();
  if (SSH_URL.test(repo) && !repo.startsWith('ssh://')) {
    repo = `ssh://${repo.replace(':', '/')}`;
  }
  repo = repo.replace(/\/+$/, '');
  if (repo.endsWith('.git')) repo = repo.slice(0, -'.git'.length);
  repo = repo.replace(/\/+$/, '');
  return repo.startsWith('ssh://') ? repo.slice('ssh://'.length) : repo;
}

/** True when both URLs name the same repository after {@link normalizeGitUrl}; empty URLs never match. */
export function sameRepoUrl(left: string, right: string): boolean {
  const a = normalizeGitUrl(left);
  return a !== '' && a === normalizeGitUrl(right);
}
