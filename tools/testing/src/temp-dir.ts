// Fresh temporary folders for tests, each with its own removal.
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary folder; `cleanup` removes it and everything in it, and may be called more than once. */
export interface TempDir {
  /** Absolute, symlink-free path (so it equals what `git` and `process.cwd()` report). */
  readonly path: string;
  cleanup(): Promise<void>;
}

/** Creates an empty folder `<os tmpdir>/<prefix>-XXXXXX`. */
export async function tempDir(prefix = 'driftless-test'): Promise<TempDir> {
  const path = await realpath(await mkdtemp(join(tmpdir(), `${prefix}-`)));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}
