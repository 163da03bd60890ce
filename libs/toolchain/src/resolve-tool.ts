// Finds each external binary in a fixed order: an explicit DRIFTLESS_<TOOL> path, then PATH, then the
// packaged linux/x64 binaries (packaged before PATH when asked), and reports its version.
import path from 'node:path';
import { ToolNotFoundError } from './errors.js';
import { findOnPath, isExecutableFile } from './find-on-path.js';
import { layerFits, LAYER_PACKAGE, LAYER_PLATFORM } from './packaged/layer-package.js';
import { ensurePackagedTools } from './packaged/packaged-tools.js';
import { lookupKey, lookupOf, OVERRIDE_VARIABLES } from './resolve-options.js';
import type { Lookup } from './resolve-options.js';
import { probeVersion } from './tool-versions.js';
import type { ResolvedTool, ResolveOptions, ToolName } from './tool-types.js';

/** A binary found but not yet asked for its version. */
type Found = Omit<ResolvedTool, 'version'>;

/** A step of the search: the binary, or why this step had none (for the not-found message). */
type Step = (name: ToolName, lookup: Lookup) => Promise<Found | string>;

/** What to do about a missing tool, appended to the not-found message. */
const REMEDIES: Readonly<Record<ToolName, string>> = {
  kubectl: 'install kubectl 1.33 or set DRIFTLESS_KUBECTL',
  helm: 'install helm 4 (3.x also works) or set DRIFTLESS_HELM',
  kustomize: 'install kustomize 5 or kubectl 1.33, or set DRIFTLESS_KUSTOMIZE or DRIFTLESS_KUBECTL',
};

const resolved = new Map<string, Promise<ResolvedTool>>();

/**
 * Resolves `name` to a runnable binary with its version. Order: the `DRIFTLESS_KUBECTL` / `DRIFTLESS_HELM`
 * / `DRIFTLESS_KUSTOMIZE` path; then PATH; then the packaged binaries (with `preferPackaged` or
 * `DRIFTLESS_TOOLS=packaged`, packaged before PATH). kustomize is a `kustomize` binary when PATH has one,
 * else `kubectl kustomize` through the kubectl this function resolves with the same options.
 *
 * Memoised per name and the options' effective values (PATH, overrides, cache dir, platform, arch);
 * a rejection is not memoised. Rejects with `ToolNotFoundError` (what to install or set) when nothing
 * fits, and with `UnavailableError` when a binary is found but cannot report its version.
 */
export function resolveTool(name: ToolName, options: ResolveOptions = {}): Promise<ResolvedTool> {
  const lookup = lookupOf(options);
  const key = lookupKey(name, lookup);
  const known = resolved.get(key);
  if (known !== undefined) return known;
  const pending = search(name, lookup);
  resolved.set(key, pending);
  pending.catch(() => resolved.delete(key));
  return pending;
}

async function search(name: ToolName, lookup: Lookup): Promise<ResolvedTool> {
  const override = await fromOverride(name, lookup);
  if (override !== undefined) return withVersion(override, lookup);
  const reasons: string[] = [];
  for (const step of stepsFor(name, lookup.preferPackaged)) {
    const found = await step(name, lookup);
    if (typeof found !== 'string') return withVersion(found, lookup);
    reasons.push(found);
  }
  throw new ToolNotFoundError(name, `${name} not found: ${reasons.join(' and ')}; ${REMEDIES[name]}`, {
    reasons,
    context: { platform: lookup.platform, arch: lookup.arch },
  });
}

function stepsFor(name: ToolName, preferPackaged: boolean): readonly Step[] {
  const packaged = name === 'kustomize' ? viaKubectl : fromPackage;
  return preferPackaged ? [packaged, fromPath] : [fromPath, packaged];
}

async function withVersion(found: Found, lookup: Lookup): Promise<ResolvedTool> {
  return { ...found, version: await probeVersion(found, lookup.env) };
}

// An explicit path is a promise by whoever set it: a bad one fails loudly instead of falling back silently.
async function fromOverride(name: ToolName, lookup: Lookup): Promise<Found | undefined> {
  const variable = OVERRIDE_VARIABLES[name];
  const value = lookup.env[variable];
  if (value === undefined || value === '') return undefined;
  const command = path.resolve(value);
  if (!(await isExecutableFile(command))) {
    throw new ToolNotFoundError(name, `${name} not found: ${variable}=${value} is not an executable file`, { context: { [variable]: value } });
  }
  return { name, command, args: [], source: 'env' };
}

async function fromPath(name: ToolName, lookup: Lookup): Promise<Found | string> {
  const command = await findOnPath(name, lookup.env['PATH'], lookup.platform);
  return command === undefined ? `no ${name} on PATH` : { name, command, args: [], source: 'path' };
}

async function fromPackage(name: ToolName, lookup: Lookup): Promise<Found | string> {
  if (name === 'kustomize') return 'kustomize is not packaged';
  if (!layerFits(lookup.platform, lookup.arch)) {
    const only = `${LAYER_PLATFORM.platform}/${LAYER_PLATFORM.arch}`;
    return `the packaged ${name} is ${only} only (this is ${lookup.platform}/${lookup.arch})`;
  }
  const binaries = await ensurePackagedTools(lookup.cacheRoot);
  if (binaries === undefined) return `the package ${LAYER_PACKAGE} that carries the packaged ${name} is not installed`;
  return { name, command: binaries[name], args: [], source: 'packaged' };
}

// kubectl has carried kustomize since 1.14; its source (env, path, packaged) is kustomize's source too.
async function viaKubectl(_name: ToolName, lookup: Lookup): Promise<Found | string> {
  try {
    const kubectl = await resolveTool('kubectl', optionsOf(lookup));
    return { name: 'kustomize', command: kubectl.command, args: ['kustomize'], source: kubectl.source };
  } catch (error) {
    if (error instanceof ToolNotFoundError) return `no kubectl for \`kubectl kustomize\` (${error.reasons.join(' and ')})`;
    throw error;
  }
}

function optionsOf(lookup: Lookup): ResolveOptions {
  return { env: lookup.env, platform: lookup.platform, arch: lookup.arch, preferPackaged: lookup.preferPackaged, cacheDir: lookup.cacheRoot };
}
