// Keeps every path a render touches inside the repository root: the source path, value files and symlinks.
import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { InvalidInputError, NotFoundError } from '@driftless/api';

/** Directories never read or copied: Git's own data is not part of any manifest. */
export const SKIPPED_DIRECTORIES: readonly string[] = ['.git'];

/** True when `target` is `root` itself or lies beneath it (both absolute and normalised). */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function outside(what: string, field: string): InvalidInputError {
  return new InvalidInputError(`${what} outside repository root`, { problems: [{ path: field, message: 'outside repository root' }] });
}

/**
 * The absolute directory `sourcePath` names inside `repoRoot` (which must be absolute and real).
 * Rejects an absolute path, a path that climbs out with `..` or through a symlink (InvalidInputError
 * "... outside repository root"), and a path that is missing or not a directory (NotFoundError).
 */
export async function resolveAppPath(repoRoot: string, sourcePath: string | undefined): Promise<string> {
  const given = sourcePath ?? '.';
  if (path.isAbsolute(given)) throw outside(`source path ${given} is absolute and`, 'source.path');
  const appPath = path.resolve(repoRoot, given);
  if (!isInside(repoRoot, appPath)) throw outside(`source path ${given} resolves`, 'source.path');
  const real = await realpath(appPath).catch(() => undefined);
  if (real === undefined) throw new NotFoundError(`source path ${given} does not exist in the repository`, { context: { path: given } });
  if (!isInside(repoRoot, real)) throw outside(`source path ${given} resolves through a symlink`, 'source.path');
  if (!(await stat(real)).isDirectory()) throw new NotFoundError(`source path ${given} is not a directory`, { context: { path: given } });
  return appPath;
}

/** A repository file named by the user (a value file, a `--set-file` path), resolved. */
export interface ResolvedRepoFile {
  /** Absolute path inside the repository. */
  absolute: string;
  /** Path relative to the repository root, for messages. */
  relative: string;
  exists: boolean;
}

/**
 * Resolves a file named relative to `appPath` the way Argo does: a relative name is joined to the
 * application path, an absolute one to the repository root. Rejects (InvalidInputError "... outside
 * repository root", never echoing content) a name that climbs out with `..` or whose symlinks lead out.
 */
export async function resolveRepoFile(repoRoot: string, appPath: string, name: string, field: string): Promise<ResolvedRepoFile> {
  const absolute = path.isAbsolute(name) ? path.join(repoRoot, name) : path.resolve(appPath, name);
  if (!isInside(repoRoot, absolute)) throw outside(`file ${name} resolves`, field);
  const real = await realpath(absolute).catch(() => undefined);
  if (real !== undefined && !isInside(repoRoot, real)) throw outside(`file ${name} resolves through a symlink`, field);
  const exists = real !== undefined && (await stat(real)).isFile();
  return { absolute, relative: path.relative(repoRoot, absolute), exists };
}

/**
 * Rejects the tree under `repoRoot` when any symlink in it points outside the root (Argo's out-of-bounds
 * symlink check), naming the link but not its target. Dangling links that stay inside are allowed.
 */
export async function checkSymlinks(repoRoot: string): Promise<void> {
  const pending = [repoRoot];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.includes(entry.name)) pending.push(full);
      } else if (entry.isSymbolicLink()) {
        await checkLink(repoRoot, full);
      }
    }
  }
}

async function checkLink(repoRoot: string, link: string): Promise<void> {
  const lexical = path.resolve(path.dirname(link), await readlink(link));
  const real = await realpath(link).catch(() => undefined);
  if (!isInside(repoRoot, lexical) || (real !== undefined && !isInside(repoRoot, real))) {
    const relative = path.relative(repoRoot, link);
    throw new InvalidInputError(`symlink ${relative} points outside repository root`, { problems: [{ path: relative, message: 'symlink outside repository root' }] });
  }
}

/** True when `file` is a regular file or a symlink to one (checked with `lstat` then `stat`). */
export async function isRegularFile(file: string): Promise<boolean> {
  const info = await lstat(file);
  if (info.isFile()) return true;
  if (!info.isSymbolicLink()) return false;
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}
