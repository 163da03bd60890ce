// Renders a Kustomize root from the repository with the real kustomize, Argo CD's options applied.
import { access, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidInputError } from '@driftless/api';
import { parseDocument, stringify } from 'yaml';
import { KUSTOMIZATION_FILE_NAMES } from './detect-source-type.js';
import { applyKustomizeOptions, hasKustomizeEdits } from './kustomize-edit.js';
import type { Kustomization } from './kustomize-edit.js';
import { checkSize, parseManifests } from './parse-manifests.js';
import type { ParsedObject } from './parse-manifests.js';
import type { RenderOptions, ResolvedLimits } from './render-types.js';
import { toolOutput } from './tool-output.js';
import { withWorkCopy } from './work-copy.js';

/** Origin label of objects kustomize produced. */
export const KUSTOMIZE_OUTPUT = 'kustomize build output';

/**
 * Runs `kustomize build` on `appPath` in a private copy of the repository, after rewriting the copy's
 * kustomization with the source's kustomize options (see `applyKustomizeOptions`), and parses the output.
 * Options without a kustomization file are an InvalidInputError; kustomize's own failures surface with
 * its message. Kustomize's load restrictions keep it inside the copy.
 */
export async function renderKustomize(options: RenderOptions, appPath: string, limits: ResolvedLimits): Promise<ParsedObject[]> {
  const kustomize = options.source.kustomize ?? {};
  return withWorkCopy(options.repoRoot, options.tempRoot, async (copy) => {
    const relativeApp = path.relative(options.repoRoot, appPath);
    const dir = path.join(copy.repo, relativeApp);
    if (hasKustomizeEdits(kustomize)) {
      const fileName = await kustomizationFile(dir);
      if (fileName === undefined) {
        throw new InvalidInputError(`no kustomization file in ${relativeApp === '' ? '.' : relativeApp} to apply kustomize options to`, { problems: [{ path: 'source.kustomize', message: 'no kustomization file' }] });
      }
      const file = path.join(dir, fileName);
      const existing = await readKustomization(file, path.join(relativeApp, fileName), limits);
      const components = new Set<string>();
      for (const component of kustomize.components ?? []) {
        if (await exists(path.join(dir, component))) components.add(component);
      }
      const context = { appName: options.appName, namespace: options.namespace, componentExists: (c: string) => components.has(c) };
      await writeFile(file, stringify(applyKustomizeOptions(existing, kustomize, context)), 'utf8');
    }
    const result = await options.tools.run('kustomize', ['build', dir], { cwd: copy.repo, timeoutMs: limits.timeoutMs });
    const stdout = toolOutput('kustomize', result, copy.dir, limits.timeoutMs);
    return parseManifests(stdout, { file: KUSTOMIZE_OUTPUT, format: 'yaml', limits });
  });
}

async function kustomizationFile(dir: string): Promise<string | undefined> {
  const names = new Set(await readdir(dir));
  return KUSTOMIZATION_FILE_NAMES.find((name) => names.has(name));
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function readKustomization(file: string, relative: string, limits: ResolvedLimits): Promise<Kustomization> {
  checkSize((await stat(file)).size, relative, limits);
  const text = await readFile(file, 'utf8');
  const document = parseDocument(text);
  const [error] = document.errors;
  if (error !== undefined) throw new InvalidInputError(`${relative}: malformed YAML (${error.code})`, { problems: [{ path: relative, message: 'malformed YAML' }], cause: error });
  const value: unknown = document.toJS({ maxAliasCount: limits.maxAliasCount });
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new InvalidInputError(`${relative}: not a kustomization`, { problems: [{ path: relative, message: 'not a mapping' }] });
  return value as Kustomization;
}
