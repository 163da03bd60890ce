// Fetches an HTTP(S) repository into a cache repository with isomorphic-git, under a deadline and a
// download limit, with the repository's credentials kept on its own origin.
import * as fs from 'node:fs';
import git from 'isomorphic-git';
import type { HttpClient } from 'isomorphic-git';
import { UnavailableError } from '@driftless/api';
import type { RepositoryCredentials } from '@driftless/api';
import { gitHttpAuth } from './git-auth.js';
import { toGitFetchError } from './git-errors.js';
import { abortable, guardHttpClient } from './git-http.js';
import { redactUrl } from './repo-url.js';
import { REMOTE } from './resolve-revision.js';

/** One HTTP(S) fetch. */
export interface HttpFetchRequest {
  /** The bare cache repository, with remote `origin` set to `url`. */
  readonly gitdir: string;
  /** Repository URL without a trailing slash (isomorphic-git appends `/info/refs`). */
  readonly url: string;
  readonly credentials?: RepositoryCredentials;
  /** Transport below the origin, deadline and size guards. */
  readonly http: HttpClient;
  readonly timeoutMs: number;
  readonly maxPackBytes: number;
  /** isomorphic-git's object cache for this repository. */
  readonly cache: object;
}

/**
 * Mirrors the remote's branches (`refs/remotes/origin/*`, with `origin/HEAD` as a symref to the default
 * branch) and tags (`refs/tags/*`), pruning what the remote deleted. Rejects with the typed errors of
 * toGitFetchError; a fetch past `timeoutMs` or `maxPackBytes` is aborted with an UnavailableError.
 */
export async function fetchOverHttp(request: HttpFetchRequest): Promise<void> {
  const shown = redactUrl(request.url);
  const auth = gitHttpAuth(request.credentials);
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(new UnavailableError(`fetching ${shown} timed out after ${request.timeoutMs} ms`, { context: { repoURL: shown, fetchTimeoutMs: request.timeoutMs } }));
  }, request.timeoutMs);
  const http = guardHttpClient(request.http, { repoURL: request.url, controller, maxBytes: request.maxPackBytes, insecure: request.credentials?.insecure });
  try {
    const fetching = git.fetch({
      fs,
      http,
      gitdir: request.gitdir,
      url: request.url,
      remote: REMOTE,
      singleBranch: false,
      tags: true,
      prune: true,
      pruneTags: true,
      headers: { ...auth.headers },
      ...(auth.onAuth === undefined ? {} : { onAuth: auth.onAuth }),
      cache: request.cache,
    });
    await abortable(fetching, controller.signal);
  } catch (error) {
    throw toGitFetchError(error, request.url, auth.secrets);
  } finally {
    clearTimeout(timer);
  }
}
