import { afterAll, beforeAll, describe, it, expect } from '@jest/globals';
import * as fs from 'node:fs';
import { access } from 'node:fs/promises';
import git from 'isomorphic-git';
import { InvalidInputError } from '@driftless/api';
import { runGit } from '@driftless/gitserver';
import { createTempRepo } from './temp-repo.js';
import type { TempRepo } from './temp-repo.js';

describe('createTempRepo', () => {
  let repo: TempRepo;
  let first: string;

  beforeAll(async () => {
    repo = await createTempRepo({ files: { 'app/deploy.yaml': 'replicas: 1\n', 'README.md': '# demo\n' } });
    first = await repo.head();
  });

  afterAll(async () => {
    await repo.cleanup();
  });

  it('starts with one commit of the files on main', async () => {
    expect(await repo.git(['log', '--format=%s'])).toBe('initial commit\n');
    expect(await repo.git(['symbolic-ref', '--short', 'HEAD'])).toBe('main\n');
    expect(await repo.git(['log', '-1', '--format=%an <%ae>'])).toBe('Driftless Test <test@driftless.invalid>\n');
    expect((await git.listFiles({ fs, dir: repo.dir, ref: 'HEAD' })).sort()).toEqual(['README.md', 'app/deploy.yaml']);
  });

  it('commits changes and deletions, visible to git and isomorphic-git', async () => {
    const sha = await repo.commit({ 'app/deploy.yaml': 'replicas: 3\n', 'app/svc.yaml': 'kind: Service\n', 'README.md': null }, 'scale');
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(await repo.git(['show', `${sha}:app/deploy.yaml`])).toBe('replicas: 3\n');
    const log = await git.log({ fs, dir: repo.dir, ref: 'HEAD' });
    expect(log.map((entry) => entry.oid)).toEqual([sha, first]);
    expect(log[0]?.commit.message).toBe('scale\n');
    expect((await git.listFiles({ fs, dir: repo.dir, ref: sha })).sort()).toEqual(['app/deploy.yaml', 'app/svc.yaml']);
  });

  it('creates lightweight and annotated tags', async () => {
    const head = await repo.head();
    expect(await repo.tag('v1')).toBe(head);
    const tagObject = await repo.tag('v1-annotated', { annotated: true, message: 'release one' });
    expect(tagObject).not.toBe(head);
    expect(await repo.git(['cat-file', '-t', tagObject])).toBe('tag\n');
    expect(await git.listTags({ fs, dir: repo.dir })).toEqual(expect.arrayContaining(['v1', 'v1-annotated']));
    const { tag } = await git.readTag({ fs, dir: repo.dir, oid: tagObject });
    expect(tag.object).toBe(head);
    expect(tag.message).toBe('release one\n');
  });

  it('switches branches so commits land on the new one', async () => {
    const mainHead = await repo.head();
    await repo.branch('feature');
    const featureHead = await repo.commit({ 'feature.txt': 'on\n' }, 'feature work');
    expect(await git.resolveRef({ fs, dir: repo.dir, ref: 'feature' })).toBe(featureHead);
    expect(await git.resolveRef({ fs, dir: repo.dir, ref: 'main' })).toBe(mainHead);
    await repo.checkout('main');
    expect(await repo.head()).toBe(mainHead);
  });

  it('pushes branches and tags to its bare remote, pruning deleted ones', async () => {
    await repo.push();
    const refs = await runGit(['ls-remote', repo.remote]);
    expect(refs).toContain(`${await repo.head()}\trefs/heads/main`);
    expect(refs).toMatch(/\trefs\/heads\/feature\n/);
    expect(refs).toMatch(/\trefs\/tags\/v1-annotated\^\{\}\n/);
    await repo.git(['tag', '--delete', 'v1']);
    await repo.push();
    expect(await runGit(['ls-remote', '--tags', repo.remote])).not.toMatch(/refs\/tags\/v1\n/);
  });

  it('refuses file paths outside the repository', async () => {
    await expect(repo.commit({ '../escape.txt': 'x' }, 'bad')).rejects.toThrow(InvalidInputError);
    await expect(repo.commit({ '/etc/escape.txt': 'x' }, 'bad')).rejects.toThrow(InvalidInputError);
  });
});

describe('createTempRepo options', () => {
  it('starts on the given branch with an empty first commit, and cleanup removes it', async () => {
    const repo = await createTempRepo({ branch: 'trunk' });
    expect(await repo.git(['symbolic-ref', '--short', 'HEAD'])).toBe('trunk\n');
    expect(await repo.git(['ls-tree', '-r', '--name-only', 'HEAD'])).toBe('');
    await repo.cleanup();
    await expect(access(repo.dir)).rejects.toThrow(/ENOENT/);
  });
});
