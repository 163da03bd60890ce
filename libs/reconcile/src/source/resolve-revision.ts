// Resolves an Argo CD `targetRevision` (HEAD, branch, tag, full or short commit sha) to a commit in a
// local cache repository, after it has been fetched. No network here.
import * as fs from 'node:fs';
import git from 'isomorphic-git';
import { InvalidInputError } from '@driftless/api';

/** A bare repository on disk that isomorphic-git reads. `cache` is isomorphic-git's object cache. */
export interface LocalRepo {
  readonly gitdir: string;
  readonly cache: object;
}

/** A resolved revision: the commit, and the full ref it came from when it was a name. */
export interface ResolvedRevision {
  /** 40-hex commit sha. */
  readonly sha: string;
  /** `refs/heads/<branch>` or `refs/tags/<tag>`; absent when the revision was a sha. */
  readonly ref?: string;
}

/** The remote whose refs the cache repositories mirror. */
export const REMOTE = 'origin';

const FULL_SHA = /^[0-9a-f]{40}$/i;
const SHORT_SHA = /^[0-9a-f]{7,39}$/i;
// Peeling a tag of a tag of … stops here; git itself allows any depth, real repositories use one.
const MAX_TAG_DEPTH = 10;

/** True when `revision` is a full 40-hex sha (any case). */
export function isFullSha(revision: string): boolean {
  return FULL_SHA.test(revision);
}

/**
 * Resolves `revision` in `repo`, trying in order: `HEAD` or empty → the remote's default branch; a full
 * sha → that commit if present; `refs/heads/X` / `refs/tags/X`; branch X; tag X (annotated tags peeled to
 * their commit); a unique sha prefix of 7–39 hex digits. Resolves `undefined` when nothing matches or
 * the match is not a commit. Throws InvalidInputError for names git would refuse (`..`, `~`, spaces, …),
 * which also keeps them from reaching the filesystem, and for an ambiguous short sha.
 */
export async function resolveLocalRevision(repo: LocalRepo, revision: string): Promise<ResolvedRevision | undefined> {
  const wanted = revision.trim();
  if (wanted === '' || wanted === 'HEAD') return resolveDefaultBranch(repo);
  if (isFullSha(wanted)) {
    const sha = await peelToCommit(repo, wanted.toLowerCase());
    return sha === undefined ? undefined : { sha };
  }
  assertRefName(wanted);
  if (wanted.startsWith('refs/heads/')) return resolveNamed(repo, `refs/remotes/${REMOTE}/${wanted.slice('refs/heads/'.length)}`, wanted);
  if (wanted.startsWith('refs/tags/')) return resolveNamed(repo, wanted, wanted);
  if (wanted.startsWith('refs/')) return undefined;
  const branch = await resolveNamed(repo, `refs/remotes/${REMOTE}/${wanted}`, `refs/heads/${wanted}`);
  if (branch !== undefined) return branch;
  const tag = await resolveNamed(repo, `refs/tags/${wanted}`, `refs/tags/${wanted}`);
  if (tag !== undefined) return tag;
  if (SHORT_SHA.test(wanted)) return resolveShortSha(repo, wanted.toLowerCase());
  return undefined;
}

/** True when the commit `sha` is in `repo`. */
export async function hasCommit(repo: LocalRepo, sha: string): Promise<boolean> {
  return (await objectType(repo, sha)) === 'commit';
}

async function resolveDefaultBranch(repo: LocalRepo): Promise<ResolvedRevision | undefined> {
  const head = `refs/remotes/${REMOTE}/HEAD`;
  const target = await optional(() => git.resolveRef({ fs, gitdir: repo.gitdir, ref: head, depth: 2 }));
  const prefix = `refs/remotes/${REMOTE}/`;
  const ref = target !== undefined && target.startsWith(prefix) ? `refs/heads/${target.slice(prefix.length)}` : undefined;
  return resolveNamed(repo, head, ref);
}

async function resolveNamed(repo: LocalRepo, localRef: string, ref: string | undefined): Promise<ResolvedRevision | undefined> {
  const oid = await optional(() => git.resolveRef({ fs, gitdir: repo.gitdir, ref: localRef }));
  if (oid === undefined) return undefined;
  const sha = await peelToCommit(repo, oid);
  if (sha === undefined) return undefined;
  return ref === undefined ? { sha } : { sha, ref };
}

async function resolveShortSha(repo: LocalRepo, prefix: string): Promise<ResolvedRevision | undefined> {
  let oid: string | undefined;
  try {
    oid = await git.expandOid({ fs, gitdir: repo.gitdir, oid: prefix, cache: repo.cache });
  } catch (error) {
    if (codeOf(error) === 'AmbiguousError') {
      throw new InvalidInputError(`revision ${prefix} is ambiguous: more than one object starts with it`, {
        problems: [{ path: 'targetRevision', message: 'ambiguous short sha' }],
        context: { revision: prefix },
      });
    }
    if (codeOf(error) === 'NotFoundError') return undefined;
    throw error;
  }
  const sha = await peelToCommit(repo, oid);
  return sha === undefined ? undefined : { sha };
}

// Follows annotated tags (`readTag(...).tag.object`) down to a commit; undefined for trees, blobs, missing.
async function peelToCommit(repo: LocalRepo, oid: string): Promise<string | undefined> {
  let current = oid;
  for (let depth = 0; depth <= MAX_TAG_DEPTH; depth++) {
    const type = await objectType(repo, current);
    if (type === 'commit') return current;
    if (type !== 'tag') return undefined;
    current = (await git.readTag({ fs, gitdir: repo.gitdir, oid: current, cache: repo.cache })).tag.object;
  }
  return undefined;
}

async function objectType(repo: LocalRepo, oid: string): Promise<string | undefined> {
  const object = await optional(() => git.readObject({ fs, gitdir: repo.gitdir, oid, format: 'content', cache: repo.cache }));
  return object?.type;
}

// git check-ref-format, the parts that matter for names read from disk.
function assertRefName(name: string): void {
  const bad =
    /[ ~^:?*[\\]/.test(name) ||
    [...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f) ||
    name.includes('..') ||
    name.includes('@{') ||
    name.includes('//') ||
    name.startsWith('/') ||
    name.endsWith('/') ||
    name.endsWith('.') ||
    name.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock'));
  if (bad) {
    throw new InvalidInputError(`revision ${JSON.stringify(name)} is not a valid branch, tag or commit sha`, {
      problems: [{ path: 'targetRevision', message: 'not a valid git ref name' }],
      context: { revision: name },
    });
  }
}

async function optional<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (codeOf(error) === 'NotFoundError') return undefined;
    throw error;
  }
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}
