// Renders one Application source from a checked-out repository into Kubernetes objects (Argo CD's
// repo server `GenerateManifests` for Directory, Kustomize and Helm sources).
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { InvalidInputError } from '@driftless/api';
import { checkSymlinks, resolveAppPath } from './confine.js';
import { detectSourceType } from './detect-source-type.js';
import { checkDuplicates } from './duplicates.js';
import type { ParsedObject } from './parse-manifests.js';
import { renderDirectory } from './render-directory.js';
import { renderHelm } from './render-helm.js';
import { renderKustomize } from './render-kustomize.js';
import { resolveLimits } from './render-types.js';
import type { RenderOptions, RenderResult } from './render-types.js';

/**
 * Renders `options.source` from the repository at `options.repoRoot`.
 *
 * Steps: resolve `source.path` inside the root; reject the repository if any symlink points outside it
 * (Argo's out-of-bounds check); detect the source type (`detectSourceType`); render (plain files are
 * read in place; helm and kustomize run through `options.tools` in a fresh temporary copy that is
 * removed afterwards); reject duplicate objects. The result is deterministic for the same inputs:
 * files in sorted walk order, documents in file order, tool output in the tool's order.
 *
 * Errors: InvalidInputError for anything wrong with the source (paths outside the root, malformed or
 * oversized manifests, tool failures with the tool's message), NotFoundError for a missing path,
 * UnavailableError when a tool cannot start or times out.
 */
export async function renderSource(options: RenderOptions): Promise<RenderResult> {
  if (!path.isAbsolute(options.repoRoot)) throw new InvalidInputError('repoRoot must be an absolute path', { problems: [{ path: 'repoRoot', message: 'not absolute' }] });
  const repoRoot = await realpath(options.repoRoot);
  const resolved = { ...options, repoRoot };
  const limits = resolveLimits(options.limits);
  const appPath = await resolveAppPath(repoRoot, options.source.path);
  await checkSymlinks(repoRoot);
  const sourceType = await detectSourceType(options.source, appPath);
  let parsed: ParsedObject[];
  if (sourceType === 'Helm') parsed = await renderHelm(resolved, appPath, limits);
  else if (sourceType === 'Kustomize') parsed = await renderKustomize(resolved, appPath, limits);
  else parsed = await renderDirectory(repoRoot, appPath, options.source.directory, limits);
  checkDuplicates(parsed);
  return { sourceType, objects: parsed.map((entry) => entry.object) };
}
