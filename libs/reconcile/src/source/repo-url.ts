// Which repository URLs Driftless will fetch from, and how it names them. Git access is the one
// place where a user-controlled string reaches the network and the filesystem, so it is checked first.
import { InvalidInputError } from '@driftless/api';

/** How a repository is reached. */
export type RepoTransport = 'https' | 'http' | 'ssh';

/** A repository URL that passed the policy. */
export interface ParsedRepoUrl {
  readonly transport: RepoTransport;
  /** Lower-case host name (and port, if any). */
  readonly host: string;
  /** Path on the host without a trailing `.git` or `/`, e.g. `argoproj/argocd-example-apps`. */
  readonly path: string;
  /** The URL as given, for fetching. */
  readonly url: string;
}

/** Which transports are allowed. Plain `http` is off unless a deployment turns it on. */
export interface RepoUrlPolicy {
  readonly allowHttp: boolean;
}

/** The default policy: https and ssh only. */
export const DEFAULT_REPO_URL_POLICY: RepoUrlPolicy = { allowHttp: false };

// scp-like syntax as git accepts it when there is no scheme: [user@]host:path,
// e.g. `git@github.com:org/repo.git`.
const REMOTE_HELPER = /^[A-Za-z][A-Za-z0-9+.-]*::/;
const SCP_LIKE = /^(?:([A-Za-z0-9._~-]+)@)?([A-Za-z0-9.-]+):(?!\/\/)(.+)$/;
// ssh would read a host or user starting with `-` as an option (`-oProxyCommand=…`).
const OPTION_LIKE = 'a host or user starting with "-" is not allowed';

/**
 * Parses a repository URL and applies the policy. Accepts `https://`, `http://` (when allowed),
 * `ssh://` and scp-like `user@host:path`; rejects `file://`, local paths, other schemes and URLs
 * with credentials embedded (those belong in a repository Secret) and ssh hosts or users that start with
 * `-`, which ssh would take for an option. The error names the URL with any
 * password removed, never the password itself.
 */
export function parseRepoUrl(raw: string, policy: RepoUrlPolicy = DEFAULT_REPO_URL_POLICY): ParsedRepoUrl {
  const url = raw.trim();
  // `transport::address` makes git run a remote helper (`ext::` runs a shell command): never.
  if (REMOTE_HELPER.test(url)) throw invalid(url, 'remote-helper URLs (transport::address) are not allowed');
  const scp = SCP_LIKE.exec(url);
  if (scp && !url.includes('://')) {
    if (url.startsWith('-') || scp[2]!.startsWith('-')) throw invalid(url, OPTION_LIKE);
    return { transport: 'ssh', host: scp[2]!.toLowerCase(), path: trimRepoPath(scp[3]!), url };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid(url, 'not a URL (use https://host/org/repo or git@host:org/repo)');
  }
  const transport = transportOf(parsed.protocol);
  if (!transport) throw invalid(url, `scheme "${parsed.protocol.replace(/:$/, '')}" is not allowed (use https or ssh)`);
  if (transport === 'http' && !policy.allowHttp) throw invalid(url, 'plain http is disabled (use https, or allow http in the settings)');
  if (parsed.password) throw invalid(url, 'credentials in the URL are not allowed (put them in a repository Secret)');
  if (!parsed.hostname) throw invalid(url, 'the URL has no host');
  if (transport === 'ssh' && (parsed.hostname.startsWith('-') || parsed.username.startsWith('-'))) throw invalid(url, OPTION_LIKE);
  return { transport, host: parsed.host.toLowerCase(), path: trimRepoPath(parsed.pathname), url };
}

/** Removes a password from a URL for messages and logs: `https://user:***@host/repo`. */
export function redactUrl(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@]*):[^@/]*@/i, '$1:***@');
}

function transportOf(protocol: string): RepoTransport | undefined {
  if (protocol === 'https:') return 'https';
  if (protocol === 'http:') return 'http';
  if (protocol === 'ssh:') return 'ssh';
  return undefined;
}

function trimRepoPath(p: string): string {
  return p.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/, '');
}

function invalid(url: string, why: string): InvalidInputError {
  const shown = redactUrl(url);
  return new InvalidInputError(`repository URL ${JSON.stringify(shown)}: ${why}`, {
    problems: [{ path: 'repoURL', message: why }],
    context: { repoURL: shown },
  });
}
