// Creates bare repositories under a server root, the shape `git http-backend` serves.
import { mkdir } from 'node:fs/promises';
import { resolveRepoDir } from './repo-path.js';
import { runGit } from './run-git.js';

/** Options for {@link createBareRepo}. */
export interface CreateBareRepoOptions {
  /** Branch HEAD points at, so clones check it out. @defaultValue 'main' */
  readonly initialBranch?: string;
}

/**
 * Creates an empty bare repository `<root>/<name>` (parents included) and resolves with its absolute
 * path. `name` may contain `/`; a name that escapes `root` is rejected with an InvalidInputError.
 * Re-running on an existing repository is harmless (`git init` is idempotent).
 */
export async function createBareRepo(root: string, name: string, options: CreateBareRepoOptions = {}): Promise<string> {
  const dir = resolveRepoDir(root, name);
  await mkdir(dir, { recursive: true });
  await runGit(['init', '--quiet', '--bare', `--initial-branch=${options.initialBranch ?? 'main'}`, dir]);
  return dir;
}
