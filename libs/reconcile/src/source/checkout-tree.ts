// Writes the tree of one commit from a cache repository into a fresh folder, for rendering. Symlinks
// are written as symlinks with their target as stored (render checks confinement), executables keep
// their mode, submodules become empty folders.
import * as fs from 'node:fs';
import { chmod, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { InvalidInputError } from '@driftless/api';
import type { LocalRepo } from './resolve-revision.js';

/**
 * Writes every file of commit `sha` under `destDir`, which is created when missing and must be empty.
 * Files are created exclusively (never through an existing path), and tree entry names that could
 * escape the folder (`..`, `.`, `.git`, names with `/` or NUL) are refused with an InvalidInputError
 * before anything is written below them. Rejects with isomorphic-git's NotFoundError when `sha` is not
 * a commit in `repo`.
 */
export async function checkoutCommitTree(repo: LocalRepo, sha: string, destDir: string): Promise<void> {
  await mkdir(destDir, { recursive: true });
  if ((await readdir(destDir)).length > 0) {
    throw new InvalidInputError(`checkout folder ${destDir} is not empty`, { context: { destDir, revision: sha } });
  }
  const { commit } = await git.readCommit({ fs, gitdir: repo.gitdir, oid: sha, cache: repo.cache });
  await writeTree(repo, commit.tree, destDir, '', sha);
}

async function writeTree(repo: LocalRepo, treeOid: string, dir: string, prefix: string, sha: string): Promise<void> {
  const { tree } = await git.readTree({ fs, gitdir: repo.gitdir, oid: treeOid, cache: repo.cache });
  for (const entry of tree) {
    const shownPath = `${prefix}${entry.path}`;
    assertEntryName(entry.path, shownPath, sha);
    const path = join(dir, entry.path);
    if (entry.type === 'tree') {
      await mkdir(path);
      await writeTree(repo, entry.oid, path, `${shownPath}/`, sha);
    } else if (entry.type === 'commit') {
      // A submodule: its content lives in another repository.
      await mkdir(path);
    } else if (entry.mode === '120000') {
      const { blob } = await git.readBlob({ fs, gitdir: repo.gitdir, oid: entry.oid, cache: repo.cache });
      await symlink(Buffer.from(blob).toString('utf8'), path);
    } else {
      const { blob } = await git.readBlob({ fs, gitdir: repo.gitdir, oid: entry.oid, cache: repo.cache });
      await writeFile(path, blob, { flag: 'wx' });
      if (entry.mode === '100755') await chmod(path, 0o755);
    }
  }
}

function assertEntryName(name: string, shownPath: string, sha: string): void {
  if (name === '' || name === '.' || name === '..' || name.toLowerCase() === '.git' || /[/\\]/.test(name) || name.includes('\0')) {
    throw new InvalidInputError(`commit ${sha} holds an unsafe path ${JSON.stringify(shownPath)}`, {
      context: { revision: sha, path: shownPath },
    });
  }
}
