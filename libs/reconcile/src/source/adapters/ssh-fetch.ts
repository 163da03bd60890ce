// Fetches an SSH repository into a cache repository with the git CLI, in the ref layout isomorphic-git's
// HTTP fetch writes, with the repository's private key in a temp file that lives only for the fetch.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DriftlessError, UnavailableError } from '@driftless/api';
import type { RepositoryCredentials } from '@driftless/api';
import { parseRemoteHead } from '../remote-head.js';
import { redactUrl } from '../repo-url.js';
import { REMOTE } from '../resolve-revision.js';
import { sshCommand, sshGitEnv } from '../ssh-command.js';
import { toSshFetchError } from '../ssh-errors.js';
import { runGitProcess } from './git-process.js';

/** Name prefix of the temp folders holding a key during a fetch; a cache removes leftovers on start. */
export const SSH_TEMP_PREFIX = '.ssh-';

/** One SSH fetch. */
export interface SshFetchRequest {
  /** The bare cache repository. */
  readonly gitdir: string;
  /** `ssh://…` or scp-like `user@host:path`, already checked by parseRepoUrl. */
  readonly url: string;
  /** Host (and port) for messages, from parseRepoUrl. */
  readonly host: string;
  readonly credentials?: RepositoryCredentials;
  /** known_hosts content (Argo CD's `ssh_known_hosts`); none means no host is trusted. */
  readonly knownHosts?: string;
  /** Deadline for the whole fetch, after which git and ssh are killed. */
  readonly timeoutMs: number;
  /** Folder that receives the temp key folder (mode 0700); it should be private to this process. */
  readonly tempParent: string;
}

const ORIGIN_HEAD = `refs/remotes/${REMOTE}/HEAD`;
// Fetch never starts background gc, hooks or submodule fetches in the cache repository.
const GIT_CONFIG = ['-c', 'gc.auto=0', '-c', 'maintenance.auto=false', '-c', 'core.hooksPath=/dev/null'];

/**
 * Mirrors the remote: branches to `refs/remotes/origin/*`, tags to `refs/tags/*` (both pruned and forced,
 * so moved tags and deleted branches follow), and `refs/remotes/origin/HEAD` as a symref to the remote's
 * default branch (a plain ref for a detached HEAD, deleted when the remote has none). The private key is
 * written with mode 0600 into a fresh temp folder under `tempParent` that is removed when the fetch ends,
 * whether it succeeded, failed or timed out. Rejects only with typed errors (see toSshFetchError; a
 * timeout is UnavailableError "fetching <url> timed out after N ms") that never carry the key or its path.
 */
export async function fetchOverSsh(request: SshFetchRequest): Promise<void> {
  const shown = redactUrl(request.url);
  const keyDir = await mkdtemp(join(request.tempParent, SSH_TEMP_PREFIX));
  const rawKey = request.credentials?.sshPrivateKey ?? '';
  // OpenSSH refuses a key without its final newline; Secrets edited on Windows may carry CRLF.
  const privateKey = rawKey.trim() === '' ? undefined : `${rawKey.replace(/\r\n/g, '\n').trimEnd()}\n`;
  const hasKey = privateKey !== undefined;
  const secrets = [keyDir, ...(hasKey ? secretParts(rawKey) : [])];
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(new UnavailableError(`fetching ${shown} timed out after ${request.timeoutMs} ms`, { context: { repoURL: shown, fetchTimeoutMs: request.timeoutMs } }));
  }, request.timeoutMs);
  try {
    let keyFile: string | undefined;
    if (privateKey !== undefined) {
      keyFile = join(keyDir, 'key');
      await writeFile(keyFile, privateKey, { mode: 0o600, flag: 'wx' });
    }
    const knownHostsFile = join(keyDir, 'known_hosts');
    await writeFile(knownHostsFile, request.knownHosts ?? '', { mode: 0o600, flag: 'wx' });
    const command = sshCommand({
      keyFile,
      knownHostsFile,
      insecure: request.credentials?.insecure ?? false,
      connectTimeoutSeconds: Math.min(30, Math.ceil(request.timeoutMs / 1000)),
    });
    const env = sshGitEnv(process.env, command);
    const git = async (args: readonly string[]): Promise<string> => {
      const result = await runGitProcess(['--git-dir', request.gitdir, ...GIT_CONFIG, ...args], { env, signal: controller.signal });
      if (result.exitCode !== 0) throw toSshFetchError({ repoURL: request.url, host: request.host, stderr: result.stderr, withKey: hasKey, secrets });
      return result.stdout;
    };
    const head = parseRemoteHead(await git(['ls-remote', '--symref', '--', request.url, 'HEAD']));
    const refspecs = [`+refs/heads/*:refs/remotes/${REMOTE}/*`, '+refs/tags/*:refs/tags/*'];
    // A symref would make fetch write through it into the branch: drop it before fetching HEAD by value.
    if (head === undefined || 'sha' in head) await git(['update-ref', '--no-deref', '-d', ORIGIN_HEAD]);
    if (head !== undefined && 'sha' in head) refspecs.push(`+HEAD:${ORIGIN_HEAD}`);
    await git(['fetch', '--quiet', '--prune', '--force', '--no-tags', '--no-write-fetch-head', '--no-recurse-submodules', '--', request.url, ...refspecs]);
    if (head !== undefined && 'branch' in head) await git(['symbolic-ref', ORIGIN_HEAD, `refs/remotes/${REMOTE}/${head.branch}`]);
  } catch (error) {
    if (error instanceof DriftlessError) throw error;
    // Only spawn failures get here (git missing, too many processes); their text names no secret.
    const reason = error instanceof Error ? error.message : String(error);
    throw new UnavailableError(`fetching ${shown} failed: git could not run: ${reason}`, { context: { repoURL: shown } });
  } finally {
    clearTimeout(timer);
    await rm(keyDir, { recursive: true, force: true });
  }
}

// The key as a whole and each of its lines, so not even a fragment echoed by a tool survives scrubbing.
function secretParts(privateKey: string): string[] {
  const lines = privateKey.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length >= 16 && !line.startsWith('-----'));
  return [privateKey, privateKey.trim(), ...lines];
}
