// The shared on-disk cache of Git repositories: one bare mirror per normalised repository URL,
// fetched over HTTP(S) or SSH with coalescing and a per-cycle freshness check, bounded by LRU eviction.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import git from 'isomorphic-git';
import type { HttpClient } from 'isomorphic-git';
import nodeHttp from 'isomorphic-git/http/node';
import { InvalidInputError, NotFoundError, normalizeGitUrl } from '@driftless/api';
import type { RepositoryCredentials } from '@driftless/api';
import { SSH_TEMP_PREFIX, fetchOverSsh } from './adapters/ssh-fetch.js';
import { checkoutCommitTree } from './checkout-tree.js';
import { fetchOverHttp } from './http-fetch.js';
import { parseRepoUrl, redactUrl } from './repo-url.js';
import type { ParsedRepoUrl } from './repo-url.js';
import { REMOTE, hasCommit, isFullSha, resolveLocalRevision } from './resolve-revision.js';
import type { LocalRepo, ResolvedRevision } from './resolve-revision.js';

/** Options for {@link createRepoCache}. */
export interface RepoCacheOptions {
  /** Folder holding one sub-folder per cached repository; created when missing. */
  readonly dir: string;
  /** Most repositories kept on disk; the least recently used idle one is removed beyond it. @defaultValue 50 */
  readonly maxRepos?: number;
  /** Longest one fetch may take before it is aborted with an UnavailableError. @defaultValue 90000 */
  readonly fetchTimeoutMs?: number;
  /** Most bytes one HTTP(S) fetch may download (SSH fetches are bounded by the timeout only). @defaultValue 1 GiB */
  readonly maxPackBytes?: number;
  /** Allow plain `http://` repositories. @defaultValue false */
  readonly allowHttp?: boolean;
  /**
   * Credentials for a repository URL (e.g. `credentialsFor` over the repository Secrets): username and
   * password or bearer token for HTTP(S), `sshPrivateKey` for SSH; `insecure` skips TLS verification or
   * SSH host key checking. @defaultValue none
   */
  readonly credentials?: (repoURL: string) => RepositoryCredentials | undefined;
  /**
   * SSH host keys in OpenSSH known_hosts format (Argo CD's `argocd-ssh-known-hosts-cm`, key
   * `ssh_known_hosts`; `[host]:port` entries for ports other than 22), read at every SSH fetch. Host keys
   * are always checked strictly against it alone, unless the credentials say `insecure`. @defaultValue none trusted
   */
  readonly knownHosts?: () => string | undefined;
  /** Transport below the origin, deadline and size guards. @defaultValue isomorphic-git's Node client */
  readonly http?: HttpClient;
  /** Clock for fetch ages, in ms. @defaultValue Date.now */
  readonly now?: () => number;
  /**
   * Told of every fetch that went to the server (not of requests a cached or joined fetch served): the
   * repository URL with any password masked, how long it took, whether it succeeded — for metrics. What
   * it throws is ignored. @defaultValue none
   */
  readonly onFetch?: (event: { readonly repoURL: string; readonly durationMs: number; readonly ok: boolean }) => void;
}

/** Options for {@link RepoCache.resolveRevision}. */
export interface ResolveOptions {
  /** Reuse a fetch that started less than this many ms ago. @defaultValue 0 (fetch, or join a running fetch) */
  readonly maxAgeMs?: number;
}

/** Git repositories cached on disk, shared by every application that uses them. */
export interface RepoCache {
  /**
   * Resolves `targetRevision` (HEAD or empty, branch, tag, full or unique short sha) of `repoURL` to a
   * commit after fetching (a full sha already cached needs no fetch). `repoURL` is https, http when
   * allowed, or ssh (`ssh://user@host:port/path`, scp-like `git@host:org/repo`, fetched with the git CLI
   * and the credentials' `sshPrivateKey`). Rejects with InvalidInputError for a URL the policy refuses
   * (file://, local paths) or an unusable sshPrivateKey, NotFoundError "revision X not found in <url>" or
   * for a missing repository, PermissionDeniedError when credentials are missing or wrong or an SSH host
   * key is not in `knownHosts` ("host key of <host> is not known: add it to argocd-ssh-known-hosts-cm
   * (ssh_known_hosts)") or does not match it, UnavailableError when the server cannot be reached, times
   * out or sends too much. Messages never hold a password, token or private key.
   */
  resolveRevision(repoURL: string, targetRevision: string, options?: ResolveOptions): Promise<ResolvedRevision>;
  /** Writes the files of commit `sha` (40 hex) into `destDir`, which must be missing or empty; fetches once if the commit is not cached. */
  checkout(repoURL: string, sha: string, destDir: string): Promise<void>;
  /**
   * Fetches `repoURL` unless a fetch started less than `maxAgeMs` ago; joins a running fetch instead of
   * starting another. Resolves true when it fetched or joined, false when the cache was fresh enough.
   */
  fetchOnce(repoURL: string, maxAgeMs: number): Promise<boolean>;
  /** Folder names of the cached repositories, least recently used first. */
  cachedRepos(): Promise<readonly string[]>;
}

interface Entry {
  readonly name: string;
  readonly repo: LocalRepo & { cache: object };
  ready?: Promise<void>;
  inFlight?: Promise<void>;
  /** When the running fetch reached the network; undefined while it waits for readers. */
  inFlightStart?: number;
  lastFetchStart?: number;
  users: number;
  /** Reads of the repository running now; a fetch (the only writer) waits for them to finish. */
  readers: number;
  /**
   * Revisions resolved since the last fetch. Only a fetch changes the repository, so they hold until the
   * next one: refreshes that reuse a fetch skip isomorphic-git's ref and object reads.
   */
  readonly resolved: Map<string, ResolvedRevision>;
  /** Counts fetches, so a resolution read before one is not kept after it. */
  fetches: number;
  onReadersDone: (() => void)[];
}

/** Folder name of a repository's cache: sha256 of its normalised URL, so spellings of one repo share it. */
export function repoCacheFolder(repoURL: string): string {
  return createHash('sha256').update(normalizeGitUrl(repoURL)).digest('hex');
}

const FOLDER = /^[0-9a-f]{64}$/;

/** Creates a cache over `options.dir`; folders left by an earlier process are reused and count for eviction. */
export function createRepoCache(options: RepoCacheOptions): RepoCache {
  const maxRepos = options.maxRepos ?? 50;
  const fetchTimeoutMs = options.fetchTimeoutMs ?? 90_000;
  const maxPackBytes = options.maxPackBytes ?? 1024 ** 3;
  const http = options.http ?? nodeHttp;
  const now = options.now ?? Date.now;
  // Insertion order is recency order: touching an entry moves it to the end.
  const entries = new Map<string, Entry>();
  const removals = new Map<string, Promise<void>>();
  let scanned: Promise<void> | undefined;

  const newEntry = (name: string): Entry => ({ name, repo: { gitdir: join(options.dir, name), cache: {} }, users: 0, readers: 0, onReadersDone: [], resolved: new Map(), fetches: 0 });

  // Registers folders from an earlier run, oldest first, so they are evicted before fresh ones, and
  // removes key folders a crashed process left (no fetch of this one has started yet).
  const scan = async (): Promise<void> => {
    await mkdir(options.dir, { recursive: true });
    const all = await readdir(options.dir);
    await Promise.all(all.filter((n) => n.startsWith(SSH_TEMP_PREFIX)).map((n) => rm(join(options.dir, n), { recursive: true, force: true })));
    const names = all.filter((n) => FOLDER.test(n));
    const aged = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(options.dir, n))).mtimeMs })));
    for (const { n } of aged.sort((a, b) => a.t - b.t)) if (!entries.has(n)) entries.set(n, newEntry(n));
  };

  const ensureScanned = (): Promise<void> => {
    scanned ??= scan().catch((error: unknown) => {
      scanned = undefined;
      throw error;
    });
    return scanned;
  };

  const init = async (entry: Entry, repoURL: string): Promise<void> => {
    await removals.get(entry.name);
    await mkdir(entry.repo.gitdir, { recursive: true });
    await git.init({ fs, gitdir: entry.repo.gitdir, bare: true });
    await git.addRemote({ fs, gitdir: entry.repo.gitdir, remote: REMOTE, url: repoURL, force: true });
  };

  const evict = async (): Promise<void> => {
    for (const entry of [...entries.values()]) {
      if (entries.size <= maxRepos) return;
      if (entry.users > 0 || entry.inFlight !== undefined) continue;
      entries.delete(entry.name);
      // A failed removal leaves an orphan folder that the next process's scan picks up; never fail the caller.
      const removal = rm(entry.repo.gitdir, { recursive: true, force: true })
        .catch(() => undefined)
        .finally(() => removals.delete(entry.name));
      removals.set(entry.name, removal);
      await removal;
    }
  };

  // Runs `work` on the repository's entry, which stays on disk (never evicted) until it finishes.
  const use = async <T>(repoURL: string, work: (entry: Entry, target: ParsedRepoUrl) => Promise<T>): Promise<T> => {
    const parsed = parseRepoUrl(repoURL, { allowHttp: options.allowHttp ?? false });
    await ensureScanned();
    const name = repoCacheFolder(parsed.url);
    const entry = entries.get(name) ?? newEntry(name);
    entries.delete(name);
    entries.set(name, entry);
    entry.users++;
    try {
      entry.ready ??= init(entry, parsed.url);
      await entry.ready.catch((error: unknown) => {
        entry.ready = undefined;
        throw error;
      });
      // isomorphic-git appends `/info/refs`: a trailing slash would double it.
      return await work(entry, { ...parsed, url: parsed.url.replace(/\/+$/, '') });
    } finally {
      entry.users--;
      await evict();
    }
  };

  // Reads wait for a running fetch and hold off the next one: isomorphic-git and the git CLI write refs
  // and packs in place, so a read during a fetch could see half a file. A claimed fetch blocks new reads at once.
  const withRead = async <T>(entry: Entry, read: () => Promise<T>): Promise<T> => {
    while (entry.inFlight !== undefined) await entry.inFlight.catch(() => undefined);
    entry.readers++;
    try {
      return await read();
    } finally {
      entry.readers--;
      if (entry.readers === 0) for (const done of entry.onReadersDone.splice(0)) done();
    }
  };

  // A listener is an observer: its failure must never fail the fetch it hears of.
  const reportFetch = (url: string, started: number, ok: boolean): void => {
    try {
      options.onFetch?.({ repoURL: redactUrl(url), durationMs: Math.max(0, now() - started), ok });
    } catch {
      // ignored, as documented
    }
  };

  const fetchNow = async (entry: Entry, target: ParsedRepoUrl): Promise<void> => {
    if (entry.readers > 0) await new Promise<void>((resolve) => entry.onReadersDone.push(resolve));
    const started = now();
    entry.inFlightStart = started;
    const credentials = options.credentials?.(target.url);
    const { gitdir } = entry.repo;
    try {
      if (target.transport === 'ssh') {
        const knownHosts = options.knownHosts?.();
        await fetchOverSsh({ gitdir, url: target.url, host: target.host, credentials, knownHosts, timeoutMs: fetchTimeoutMs, tempParent: options.dir });
      } else {
        await fetchOverHttp({ gitdir, url: target.url, credentials, http, timeoutMs: fetchTimeoutMs, maxPackBytes, cache: entry.repo.cache });
      }
      entry.lastFetchStart = started;
      reportFetch(target.url, started, true);
    } catch (error) {
      reportFetch(target.url, started, false);
      throw error;
    } finally {
      // Both transports add packs behind isomorphic-git's back: its cached pack list is stale now.
      entry.repo.cache = {};
      entry.resolved.clear();
      entry.fetches += 1;
    }
  };

  /**
   * Fetches unless a fetch serves the request: one that started after the request (or will), or less than
   * `maxAgeMs` before it. A running fetch that started too early (before a push the caller knows of) is
   * waited for and followed by a new one, which every such waiter joins. The final check and the claim
   * happen in one synchronous step, so callers coalesce.
   */
  const fetchEntry = async (entry: Entry, target: ParsedRepoUrl, maxAgeMs: number): Promise<boolean> => {
    const requestedAt = now();
    const serves = (startedAt: number | undefined): boolean => startedAt !== undefined && (startedAt >= requestedAt || requestedAt - startedAt < maxAgeMs);
    for (let running = entry.inFlight; running !== undefined; running = entry.inFlight) {
      if (entry.inFlightStart === undefined || serves(entry.inFlightStart)) {
        await running;
        return true;
      }
      await running.catch(() => undefined);
    }
    if (serves(entry.lastFetchStart)) return false;
    const inFlight = fetchNow(entry, target).finally(() => {
      entry.inFlight = undefined;
      entry.inFlightStart = undefined;
    });
    entry.inFlight = inFlight;
    await inFlight;
    return true;
  };

  const resolveLocal = async (entry: Entry, revision: string): Promise<ResolvedRevision | undefined> => {
    const known = entry.resolved.get(revision);
    if (known !== undefined) return known;
    const before = entry.fetches;
    const resolved = await withRead(entry, () => resolveLocalRevision(entry.repo, revision));
    if (resolved !== undefined && entry.fetches === before) entry.resolved.set(revision, resolved);
    return resolved;
  };

  return {
    resolveRevision: (repoURL, targetRevision, resolveOptions = {}) =>
      use(repoURL, async (entry, target) => {
        const revision = targetRevision.trim();
        const sha = revision.toLowerCase();
        if (isFullSha(sha) && (await withRead(entry, () => hasCommit(entry.repo, sha)))) return { sha };
        const fetched = await fetchEntry(entry, target, resolveOptions.maxAgeMs ?? 0);
        let resolved = await resolveLocal(entry, revision);
        // A reused fetch may predate a branch or tag created since: look once more, freshly, before saying it is missing.
        if (resolved === undefined && !fetched) {
          await fetchEntry(entry, target, 0);
          resolved = await resolveLocal(entry, revision);
        }
        if (resolved !== undefined) return resolved;
        const shown = redactUrl(repoURL);
        throw new NotFoundError(`revision ${revision === '' ? 'HEAD' : revision} not found in ${shown}`, {
          context: { repoURL: shown, revision },
        });
      }),

    checkout: (repoURL, sha, destDir) =>
      use(repoURL, async (entry, target) => {
        const shown = redactUrl(repoURL);
        if (!isFullSha(sha)) {
          throw new InvalidInputError(`checkout of ${shown} needs a full 40-hex commit sha, got ${JSON.stringify(sha)}`, {
            problems: [{ path: 'revision', message: 'must be a 40-hex commit sha' }],
            context: { repoURL: shown, revision: sha },
          });
        }
        const commit = sha.toLowerCase();
        if (!(await withRead(entry, () => hasCommit(entry.repo, commit)))) await fetchEntry(entry, target, 0);
        await withRead(entry, async () => {
          if (!(await hasCommit(entry.repo, commit))) {
            throw new NotFoundError(`revision ${commit} not found in ${shown}`, { context: { repoURL: shown, revision: commit } });
          }
          await checkoutCommitTree(entry.repo, commit, destDir);
        });
      }),

    fetchOnce: (repoURL, maxAgeMs) => use(repoURL, (entry, target) => fetchEntry(entry, target, maxAgeMs)),

    cachedRepos: async () => {
      await ensureScanned();
      return [...entries.keys()];
    },
  };
}
