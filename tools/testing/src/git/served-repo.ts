// A repository served by a running @driftless/gitserver, with a working clone that feeds it.
import { rm } from 'node:fs/promises';
import { createBareRepo } from '@driftless/gitserver';
import type { GitServer } from '@driftless/gitserver';
import { createTempRepo } from './temp-repo.js';
import type { TempRepo } from './temp-repo.js';

/** A {@link TempRepo} whose remote is served over HTTP at `url`. */
export interface ServedRepo extends TempRepo {
  /** Clone URL on the git server (no credentials in it). */
  readonly url: string;
}

/**
 * Creates bare repository `name` under the server's root, a working repository whose first commit holds
 * `files`, and pushes it, so `url` can be cloned at once. `push()` writes to the bare repository
 * directly on disk (no credentials needed even when the server requires them); clients read through
 * the server. `cleanup()` removes the working copy and the bare repository.
 */
export async function createServedRepo(
  server: Pick<GitServer, 'root' | 'repoUrl'>,
  name: string,
  files: Readonly<Record<string, string>> = {},
  options: { readonly branch?: string } = {},
): Promise<ServedRepo> {
  const bare = await createBareRepo(server.root, name, { initialBranch: options.branch ?? 'main' });
  let repo: TempRepo | undefined;
  try {
    repo = await createTempRepo({ files, branch: options.branch, remote: bare });
    await repo.push();
  } catch (error) {
    await repo?.cleanup();
    await rm(bare, { recursive: true, force: true });
    throw error;
  }
  const created = repo;
  return {
    ...created,
    url: server.repoUrl(name),
    cleanup: async () => {
      await created.cleanup();
      await rm(bare, { recursive: true, force: true });
    },
  };
}
