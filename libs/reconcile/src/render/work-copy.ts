// Private working copies: every tool render runs in a fresh copy of the repository, removed afterwards.
import { cp, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SKIPPED_DIRECTORIES } from './confine.js';

/** A temporary directory holding a copy of the repository under `repo/`, plus room for generated files. */
export interface WorkCopy {
  /** The temporary directory itself (generated files such as values go here). */
  dir: string;
  /** The copy of the repository root. */
  repo: string;
}

/**
 * Copies `repoRoot` (without `.git`; symlinks kept verbatim, already checked to stay inside) into a new
 * temporary directory, runs `work` with it and removes the directory whatever `work` did.
 */
export async function withWorkCopy<T>(repoRoot: string, tempRoot: string | undefined, work: (copy: WorkCopy) => Promise<T>): Promise<T> {
  const dir = await realpath(await mkdtemp(path.join(tempRoot ?? tmpdir(), 'driftless-render-')));
  try {
    const repo = path.join(dir, 'repo');
    await cp(repoRoot, repo, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (source) => !SKIPPED_DIRECTORIES.includes(path.basename(source)) || source === repoRoot,
    });
    return await work({ dir, repo });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
