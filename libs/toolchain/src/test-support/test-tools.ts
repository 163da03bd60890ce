// Helpers shared by this library's tests: one packaged-binaries cache for the whole suite (extracted once
// per machine, reused by every test file) and scratch directories removed after each file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveTool } from '../resolve-tool.js';
import type { ResolvedTool, ToolName } from '../tool-types.js';

/** Cache directory every test file shares, so the 120 MB layer is unpacked once, not per test. */
export const SHARED_CACHE_DIR = path.join(tmpdir(), 'driftless-toolchain-test-cache');

/** Absolute path of `src/__fixtures__`. */
export const FIXTURES_DIR = fileURLToPath(new URL('../__fixtures__/', import.meta.url));

/** The packaged binary for `name` (kustomize: `kubectl kustomize`), from the shared cache. */
export function packagedTool(name: ToolName): Promise<ResolvedTool> {
  return resolveTool(name, { preferPackaged: true, cacheDir: SHARED_CACHE_DIR });
}

/** The binary the production order picks (env override, PATH, packaged), packaged ones from the shared cache. */
export function defaultTool(name: ToolName): Promise<ResolvedTool> {
  return resolveTool(name, { cacheDir: SHARED_CACHE_DIR });
}

/** Creates scratch directories and removes them all in one call (from `afterAll`). */
export class ScratchDirs {
  private readonly dirs: string[] = [];

  async make(prefix: string): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), `driftless-toolchain-${prefix}-`));
    this.dirs.push(dir);
    return dir;
  }

  async removeAll(): Promise<void> {
    await Promise.all(this.dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  }
}
