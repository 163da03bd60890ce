// Test support (not exported): the render ToolRunner over the real helm and kustomize binaries, with
// packaged binaries extracted once into a cache shared by every test run.
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRenderToolRunner, resolveTool } from '@driftless/toolchain';
import type { ToolRunner } from '../render/tool-runner.js';

/** Where tests let the toolchain extract packaged binaries (kept between runs). */
export const TOOLS_CACHE_DIR = path.join(tmpdir(), 'driftless-toolchain-test-cache');

/** Resolves helm and kustomize (PATH first, then packaged) and returns a ToolRunner over them. */
export async function realRenderTools(): Promise<ToolRunner> {
  const [helm, kustomize] = await Promise.all([resolveTool('helm', { cacheDir: TOOLS_CACHE_DIR }), resolveTool('kustomize', { cacheDir: TOOLS_CACHE_DIR })]);
  return createRenderToolRunner({ helm, kustomize });
}
