import { describe, it, expect } from '@jest/globals';
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from './temp-dir.js';

describe('tempDir', () => {
  it('creates distinct folders that cleanup removes with their contents', async () => {
    const a = await tempDir('wait');
    const b = await tempDir('wait');
    expect(a.path).not.toBe(b.path);
    expect(a.path).toMatch(/\/wait-[^/]+$/);
    await writeFile(join(a.path, 'file.txt'), 'x');
    await a.cleanup();
    await a.cleanup();
    await expect(access(a.path)).rejects.toThrow(/ENOENT/);
    await access(b.path);
    await b.cleanup();
  });
});
