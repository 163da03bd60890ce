import { afterAll, describe, expect, it } from '@jest/globals';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findOnPath } from './find-on-path.js';
import { ScratchDirs } from './test-support/test-tools.js';

const scratch = new ScratchDirs();
afterAll(() => scratch.removeAll());

async function binDirs(): Promise<{ notExecutable: string; directory: string; good: string }> {
  const root = await scratch.make('path');
  const dirs = { notExecutable: path.join(root, 'a'), directory: path.join(root, 'b'), good: path.join(root, 'c') };
  await mkdir(dirs.notExecutable);
  await mkdir(dirs.good);
  await mkdir(path.join(dirs.directory, 'helm'), { recursive: true });
  await writeFile(path.join(dirs.notExecutable, 'helm'), '#!/bin/sh\n', { mode: 0o644 });
  await writeFile(path.join(dirs.good, 'helm'), '#!/bin/sh\n');
  await chmod(path.join(dirs.good, 'helm'), 0o755);
  return dirs;
}

describe('findOnPath', () => {
  it('skips non-executable files and directories and returns the first executable', async () => {
    const dirs = await binDirs();
    const pathValue = [dirs.notExecutable, dirs.directory, dirs.good].join(':');
    expect(await findOnPath('helm', pathValue, 'linux')).toBe(path.join(dirs.good, 'helm'));
  });

  it('ignores relative and empty entries, which would make the result depend on the working directory', async () => {
    const dirs = await binDirs();
    const relative = path.relative(process.cwd(), dirs.good);
    expect(await findOnPath('helm', `${relative}::.`, 'linux')).toBeUndefined();
  });

  it('finds nothing in an empty or missing PATH', async () => {
    expect(await findOnPath('kubectl', '', 'linux')).toBeUndefined();
    expect(await findOnPath('kubectl', undefined, 'linux')).toBeUndefined();
  });
});
