// Decides which tool renders a source, the way Argo CD's repo server does.
import { readdir } from 'node:fs/promises';
import type { ApplicationSource } from '@driftless/api';
import { InvalidInputError } from '@driftless/api';
import type { RenderSourceType } from './render-types.js';

/** File names that make a directory a Kustomize root (kustomize's own list). */
export const KUSTOMIZATION_FILE_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/**
 * The source type of `source` rendered from `appPath`. An explicit `helm`, `kustomize` or `directory`
 * block wins (more than one is an InvalidInputError, as in Argo); otherwise the files at the root of the
 * path decide: a kustomization file means Kustomize, else `Chart.yaml` means Helm, else Directory.
 * Subdirectories are not looked at (Argo only uses the path's own root). Plugins are not supported.
 */
export async function detectSourceType(source: ApplicationSource, appPath: string): Promise<RenderSourceType> {
  const explicit: RenderSourceType[] = [];
  if (source.helm !== undefined) explicit.push('Helm');
  if (source.kustomize !== undefined) explicit.push('Kustomize');
  if (source.directory !== undefined) explicit.push('Directory');
  if (source.plugin !== undefined) throw new InvalidInputError('config management plugins are not supported', { problems: [{ path: 'source.plugin', message: 'not supported' }] });
  if (explicit.length > 1) {
    throw new InvalidInputError(`multiple application sources defined: ${explicit.join(', ')}`, { problems: [{ path: 'source', message: 'multiple application sources defined' }] });
  }
  const [only] = explicit;
  if (only !== undefined) return only;
  const names = new Set(await readdir(appPath));
  // Argo records Chart.yaml first and a kustomization second, so a kustomization wins when both exist.
  if (KUSTOMIZATION_FILE_NAMES.some((name) => names.has(name))) return 'Kustomize';
  if (names.has('Chart.yaml')) return 'Helm';
  return 'Directory';
}
