// Working git repositories in temp folders, driven through the real git CLI, for tests that need
// commits, tags and branches to appear the way a user would make them.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InvalidInputError } from '@driftless/api';
import { createBareRepo, runGit } from '@driftless/gitserver';
import { tempDir } from '../temp-dir.js';

/** File contents by repository-relative path; `null` deletes the file. */
export type FileChanges = Readonly<Record<string, string | null>>;

/** Options for {@link createTempRepo}. */
export interface TempRepoOptions {
  /** Files of the first commit. @defaultValue none: the first commit is empty */
  readonly files?: Readonly<Record<string, string>>;
  /** Name of the first branch. @defaultValue 'main' */
  readonly branch?: string;
  /** Where `push()` goes: a path or URL of a bare repository. @defaultValue a new bare repo beside it */
  readonly remote?: string;
}

/** Options for {@link TempRepo.tag}. */
export interface TagOptions {
  /** Create an annotated tag object instead of a lightweight ref. @defaultValue false */
  readonly annotated?: boolean;
  /** Message of an annotated tag. @defaultValue the tag name */
  readonly message?: string;
  /** What to tag. @defaultValue 'HEAD' */
  readonly ref?: string;
  /** Move an existing tag. @defaultValue false */
  readonly force?: boolean;
}

/** A working repository with one commit on `initialBranch`, a local identity and a push remote. */
export interface TempRepo {
  /** The working tree (absolute path). */
  readonly dir: string;
  /** The branch the repository started on. */
  readonly initialBranch: string;
  /** The push remote (`origin`): path or URL of a bare repository. */
  readonly remote: string;
  /** Writes (or, for `null`, deletes) files, commits all changes and resolves the new commit sha. */
  commit(files: FileChanges, message: string): Promise<string>;
  /** Creates a tag and resolves the sha its ref points at (the tag object's sha when annotated). */
  tag(name: string, options?: TagOptions): Promise<string>;
  /** Creates branch `name` at HEAD and checks it out, so later commits land on it. */
  branch(name: string): Promise<void>;
  /** Checks out an existing branch, tag or commit. */
  checkout(ref: string): Promise<void>;
  /** Makes the remote's branches and tags equal to this repository's (force, prune). */
  push(): Promise<void>;
  /** The sha of the commit HEAD points at. */
  head(): Promise<string>;
  /** Runs any other git command in the working tree; resolves its stdout. */
  git(args: readonly string[]): Promise<string>;
  /** Removes the temp folder (working tree and the default remote). */
  cleanup(): Promise<void>;
}

/** Rejects absolute paths and `..`, so a test cannot write outside its repository by mistake. */
function safePath(dir: string, file: string): string {
  if (file.startsWith('/') || file.split(/[\\/]/).some((segment) => segment === '..' || segment === '' || segment === '.git')) {
    throw new InvalidInputError(`file path ${JSON.stringify(file)} must be relative and stay inside the repository`, {
      context: { dir, file },
    });
  }
  return join(dir, file);
}

async function applyChanges(dir: string, files: FileChanges): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    const path = safePath(dir, file);
    if (content === null) {
      await rm(path, { force: true });
      continue;
    }
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
}

/**
 * Creates a working repository in a fresh temp folder with one commit of `files` (an empty commit when
 * there are none) on `branch`. All git runs use only repository-local config (identity included,
 * signing off), never the machine's global config. Call `cleanup()` when done.
 */
export async function createTempRepo(options: TempRepoOptions = {}): Promise<TempRepo> {
  const folder = await tempDir('driftless-repo');
  const dir = join(folder.path, 'work');
  const initialBranch = options.branch ?? 'main';
  const git = (args: readonly string[]): Promise<string> => runGit(args, { cwd: dir });
  try {
    const remote = options.remote ?? (await createBareRepo(folder.path, 'remote.git', { initialBranch }));
    await runGit(['init', '--quiet', `--initial-branch=${initialBranch}`, dir]);
    for (const [key, value] of [
      ['user.name', 'Driftless Test'],
      ['user.email', 'test@driftless.invalid'],
      ['commit.gpgsign', 'false'],
      ['tag.gpgsign', 'false'],
    ] as const) {
      await git(['config', key, value]);
    }
    await git(['remote', 'add', 'origin', remote]);

    const repo: TempRepo = {
      dir,
      initialBranch,
      remote,
      async commit(files, message) {
        await applyChanges(dir, files);
        await git(['add', '--all']);
        await git(['commit', '--quiet', '--allow-empty', '-m', message]);
        return repo.head();
      },
      async tag(name, tagOptions = {}) {
        const annotated = tagOptions.annotated === true;
        const args = ['tag', ...(tagOptions.force === true ? ['--force'] : [])];
        if (annotated) args.push('--annotate', '-m', tagOptions.message ?? name);
        await git([...args, name, tagOptions.ref ?? 'HEAD']);
        return (await git(['rev-parse', `refs/tags/${name}`])).trim();
      },
      async branch(name) {
        await git(['checkout', '--quiet', '-b', name]);
      },
      async checkout(ref) {
        await git(['checkout', '--quiet', ref]);
      },
      async push() {
        await git(['push', '--quiet', '--force', '--prune', 'origin', 'refs/heads/*:refs/heads/*', 'refs/tags/*:refs/tags/*']);
      },
      async head() {
        return (await git(['rev-parse', 'HEAD'])).trim();
      },
      git,
      cleanup: () => folder.cleanup(),
    };
    await repo.commit(options.files ?? {}, 'initial commit');
    return repo;
  } catch (error) {
    await folder.cleanup();
    throw error;
  }
}
