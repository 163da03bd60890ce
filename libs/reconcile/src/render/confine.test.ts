// Path confinement: what resolves inside the repository root and what is refused.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tempDir } from '@driftless/testing';
import type { TempDir } from '@driftless/testing';
import { isInside, resolveRepoFile } from './confine.js';

let repo: TempDir;

beforeAll(async () => {
  repo = await tempDir('render-confine');
  await mkdir(path.join(repo.path, 'app'));
  await writeFile(path.join(repo.path, 'app', 'values.yaml'), 'a: 1\n');
  await writeFile(path.join(repo.path, 'common.yaml'), 'b: 2\n');
  await symlink('/etc/hostname', path.join(repo.path, 'app', 'out.yaml'));
});

afterAll(async () => {
  await repo.cleanup();
});

describe('isInside', () => {
  it.each([
    ['/repo', '/repo', true],
    ['/repo', '/repo/a/b', true],
    ['/repo', '/repo/..a', true],
    ['/repo', '/repository', false],
    ['/repo', '/', false],
  ])('%s contains %s: %s', (root, target, expected) => {
    expect(isInside(root, target)).toBe(expected);
  });
});

describe('resolveRepoFile', () => {
  it('resolves relative names from the app path and absolute ones from the repository root', async () => {
    const app = path.join(repo.path, 'app');
    await expect(resolveRepoFile(repo.path, app, 'values.yaml', 'f')).resolves.toMatchObject({ relative: 'app/values.yaml', exists: true });
    await expect(resolveRepoFile(repo.path, app, '../common.yaml', 'f')).resolves.toMatchObject({ relative: 'common.yaml', exists: true });
    await expect(resolveRepoFile(repo.path, app, '/common.yaml', 'f')).resolves.toMatchObject({ relative: 'common.yaml', exists: true });
    await expect(resolveRepoFile(repo.path, app, '/etc/passwd', 'f')).resolves.toMatchObject({ relative: 'etc/passwd', exists: false });
  });

  it('refuses names that climb out or symlinks that lead out', async () => {
    const app = path.join(repo.path, 'app');
    await expect(resolveRepoFile(repo.path, app, '../../x', 'f')).rejects.toThrow('file ../../x resolves outside repository root');
    await expect(resolveRepoFile(repo.path, app, 'out.yaml', 'f')).rejects.toThrow('file out.yaml resolves through a symlink outside repository root');
  });
});
