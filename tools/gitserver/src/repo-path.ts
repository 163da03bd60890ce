// Maps request paths to repositories under the server root and refuses anything that could leave it.
import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { InvalidInputError } from '@driftless/api';

/** A request path split into the repository it names and the git endpoint inside it. */
export interface GitRequestPath {
  /** Repository path relative to the root, as named in the URL (`team/app.git`). */
  readonly repo: string;
  /** The decoded path handed to `git http-backend` as PATH_INFO (`/team/app.git/info/refs`). */
  readonly pathInfo: string;
}

// Every endpoint `git http-backend` answers (smart and dumb protocol); object names allow SHA-256.
const ENDPOINT =
  /^(.+?)\/(HEAD|info\/refs|objects\/info\/(?:alternates|http-alternates|packs)|objects\/[0-9a-f]{2}\/[0-9a-f]{38,62}|objects\/pack\/pack-[0-9a-f]{40,64}\.(?:pack|idx)|git-upload-pack|git-receive-pack)$/;

/** True when every `/`-separated segment is a plain name: no `.`, `..`, empty segment, `\` or NUL. */
function isSafeRelativePath(path: string): boolean {
  return path
    .split('/')
    .every((segment) => segment !== '' && segment !== '.' && segment !== '..' && !/[\\\0]/.test(segment));
}

/**
 * Parses the path of a request URL (without the query). Returns undefined — the caller answers 404 —
 * when the path is not percent-decodable, contains a segment that could climb out of the root (`..`,
 * also when percent-encoded), or does not end in a git endpoint.
 */
export function parseGitRequestPath(urlPath: string): GitRequestPath | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/')) return undefined;
  const path = decoded.slice(1);
  if (!isSafeRelativePath(path)) return undefined;
  const match = ENDPOINT.exec(path);
  if (match?.[1] === undefined) return undefined;
  return { repo: match[1], pathInfo: decoded };
}

/**
 * Resolves a repository name to its directory under `root`. Throws an InvalidInputError when the name
 * is absolute or has a segment that could leave the root; the result is always inside `root`.
 */
export function resolveRepoDir(root: string, name: string): string {
  const base = resolve(root);
  const dir = resolve(base, name);
  const rel = relative(base, dir);
  if (isAbsolute(name) || !isSafeRelativePath(name) || rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new InvalidInputError(`repository name ${JSON.stringify(name)} must be a relative path inside the root`, {
      context: { root: base, name },
    });
  }
  return dir;
}

/**
 * Finds the directory serving `repo` the way `git http-backend` looks it up (`name`, then `name.git`).
 * Resolves with undefined when neither exists as a directory.
 */
export async function findRepoDir(root: string, repo: string): Promise<string | undefined> {
  for (const candidate of [repo, `${repo}.git`]) {
    const dir = join(resolve(root), candidate);
    const info = await stat(dir).catch(() => undefined);
    if (info?.isDirectory() === true) return dir;
  }
  return undefined;
}
