// Turns what git and ssh print when an SSH fetch fails into the platform's typed errors. ssh says
// what went wrong only on stderr, so the message is read line by line; every secret is scrubbed first.
import { InvalidInputError, NotFoundError, PermissionDeniedError, UnavailableError } from '@driftless/api';
import type { DriftlessError } from '@driftless/api';
import { scrub } from './git-errors.js';
import { redactUrl } from './repo-url.js';

/** A failed git command over ssh. */
export interface SshFailure {
  /** The repository URL as fetched. */
  readonly repoURL: string;
  /** Host and port (when not 22) as the URL names them: `127.0.0.1:2222`, `github.com`. */
  readonly host: string;
  /** What git and ssh printed on stderr. */
  readonly stderr: string;
  /** Whether a private key was offered, to say what to fix when the server refuses. */
  readonly withKey: boolean;
  /** Values that must never show: the private key, the temp folder holding it. */
  readonly secrets: readonly string[];
}

/** Where Argo CD keeps SSH host keys; named in every host key error, since that is what to fix. */
export const KNOWN_HOSTS_SOURCE = 'argocd-ssh-known-hosts-cm (ssh_known_hosts)';

// git's closing advice after any transport failure says nothing about the cause.
const BOILERPLATE = [/^fatal: Could not read from remote repository\.$/, /^Please make sure you have the correct access rights$/, /^and the repository exists\.$/];
const CONNECT = /^ssh: connect to host \S+ port \d+: (.+)$/m;
const RESOLVE = /^ssh: Could not resolve hostname \S+: (.+)$/m;
const LOST = /(Connection (?:closed|reset|timed out)[^\n]*|kex_exchange_identification: [^\n]*|Connection timed out during banner exchange)/;
const NOT_FOUND = /does not appear to be a git repository|repository not found|could not be found|does not exist|no such repository/i;

/**
 * Maps the stderr of a failed `git ls-remote`/`git fetch` over ssh to a typed error, checked in this order:
 * changed or unknown host key → PermissionDeniedError naming the host and {@link KNOWN_HOSTS_SOURCE};
 * an unreadable key → InvalidInputError; `Permission denied` → PermissionDeniedError
 * "authentication failed for <url>"; connection refused, timed out, host not resolved → UnavailableError
 * naming the host and the reason; "does not appear to be a git repository" and the hosting services'
 * "not found" wordings → NotFoundError; anything else → UnavailableError with git's first line.
 */
export function toSshFetchError(failure: SshFailure): DriftlessError {
  const shown = redactUrl(failure.repoURL);
  const { host } = failure;
  const context = { repoURL: shown, host };
  const stderr = scrub(failure.stderr, failure.secrets);
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|^Host key for \S+ has changed/m.test(stderr)) {
    return new PermissionDeniedError(
      `host key of ${host} does not match the one in ${KNOWN_HOSTS_SOURCE}: the server's key changed, or someone is intercepting the connection`,
      { context: { ...context, reason: 'host key mismatch' } },
    );
  }
  if (/Host key verification failed|^No \S+ host key is known for/m.test(stderr)) {
    return new PermissionDeniedError(`host key of ${host} is not known: add it to ${KNOWN_HOSTS_SOURCE}`, {
      context: { ...context, reason: 'unknown host key' },
    });
  }
  if (/^Load key "[^\n]*":/m.test(stderr)) {
    return new InvalidInputError(`the sshPrivateKey for ${shown} is not a usable private key (OpenSSH or PEM format, no passphrase)`, {
      problems: [{ path: 'sshPrivateKey', message: 'not a usable private key' }],
      context,
    });
  }
  if (/Permission denied \(/.test(stderr)) {
    const hint = failure.withKey ? 'check sshPrivateKey in its repository Secret' : 'no repository Secret with an sshPrivateKey matches it';
    return new PermissionDeniedError(`authentication failed for ${shown}: ${hint}`, { context: { ...context, reason: 'publickey refused' } });
  }
  const unreachable = CONNECT.exec(stderr)?.[1] ?? RESOLVE.exec(stderr)?.[1] ?? LOST.exec(stderr)?.[1];
  if (unreachable !== undefined) {
    const reason = unreachable.trim().replace(/\.$/, '');
    return new UnavailableError(`cannot reach ${host} for ${shown}: ${reason}`, { context: { ...context, reason } });
  }
  if (NOT_FOUND.test(stderr)) return new NotFoundError(`repository ${shown} not found`, { context });
  const reason = firstMeaningfulLine(stderr);
  return new UnavailableError(`fetching ${shown} failed: ${reason}`, { context: { ...context, reason } });
}

function firstMeaningfulLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !BOILERPLATE.some((pattern) => pattern.test(line)));
  return (lines[0] ?? 'git exited without a message').replace(/^(fatal|error): /, '');
}
