// Turns the caller's ResolveOptions into the complete set of facts a lookup depends on; the same facts
// form the memo key, so two calls that would search alike share one answer.
import path from 'node:path';
import { defaultCacheRoot } from './packaged/packaged-tools.js';
import type { ResolveOptions, ToolName } from './tool-types.js';

/** Everything a lookup reads, with defaults applied. */
export interface Lookup {
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  readonly preferPackaged: boolean;
  readonly cacheRoot: string;
}

/** The env variable holding an explicit path for each tool. */
export const OVERRIDE_VARIABLES: Readonly<Record<ToolName, string>> = {
  kubectl: 'DRIFTLESS_KUBECTL',
  helm: 'DRIFTLESS_HELM',
  kustomize: 'DRIFTLESS_KUSTOMIZE',
};

/** Applies the documented defaults: process env, platform and arch; `DRIFTLESS_TOOLS=packaged` turns on preferPackaged. */
export function lookupOf(options: ResolveOptions): Lookup {
  const env = options.env ?? process.env;
  return {
    env,
    platform: options.platform ?? process.platform,
    arch: options.arch ?? process.arch,
    preferPackaged: options.preferPackaged ?? env['DRIFTLESS_TOOLS'] === 'packaged',
    cacheRoot: options.cacheDir !== undefined ? path.resolve(options.cacheDir) : defaultCacheRoot(env),
  };
}

/** A string equal for two lookups of `name` exactly when they would find the same binary. */
export function lookupKey(name: ToolName, lookup: Lookup): string {
  const overrides = Object.values(OVERRIDE_VARIABLES).map((variable) => lookup.env[variable] ?? null);
  return JSON.stringify([name, lookup.platform, lookup.arch, lookup.preferPackaged, lookup.cacheRoot, lookup.env['PATH'] ?? null, ...overrides]);
}
