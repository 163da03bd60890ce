// Renders a Helm chart from the repository with the real `helm template`, the way Argo CD's repo server does.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidInputError } from '@driftless/api';
import type { ApplicationSourceHelm } from '@driftless/api';
import { stringify } from 'yaml';
import { resolveRepoFile } from './confine.js';
import { helmTemplateArgs } from './helm-args.js';
import type { HelmTemplateInputs } from './helm-args.js';
import { parseManifests } from './parse-manifests.js';
import type { ParsedObject } from './parse-manifests.js';
import type { RenderOptions, ResolvedLimits } from './render-types.js';
import { toolOutput } from './tool-output.js';
import { withWorkCopy } from './work-copy.js';

/** helm's complaint about a chart whose dependencies are not in `charts/` (helm 3 and 4). */
const MISSING_DEPENDENCY = /found in (Chart|requirements)\.yaml, but missing in charts\/ directory/;

/** Origin label of objects helm produced. */
export const HELM_OUTPUT = 'helm template output';

/**
 * Runs `helm template` on the chart at `appPath` in a private copy of the repository and parses the
 * output. Value files and `--set-file` paths are resolved as Argo does (relative to the chart, absolute
 * ones from the repository root) and must stay inside the repository; a missing value file is an
 * InvalidInputError unless `ignoreMissingValueFiles`. `$<ref>/<path>` value files come from the
 * checkout of the source with that `ref` (multi-source apps), confined to it. Remote (`http(s)://`) value
 * files are not supported. A chart whose dependencies are missing from `charts/` gets `helm dependency build` and
 * is templated again, as in Argo. helm's error message is surfaced in the InvalidInputError of a failed
 * render.
 */
export async function renderHelm(options: RenderOptions, appPath: string, limits: ResolvedLimits): Promise<ParsedObject[]> {
  const helm = options.source.helm ?? {};
  const valueFiles = await resolveValueFiles(options.repoRoot, appPath, helm, options.refSources ?? {});
  const setFile = new Map<string, string>();
  for (const [index, parameter] of (helm.fileParameters ?? []).entries()) {
    if (parameter.name === undefined || parameter.path === undefined) continue;
    const file = await resolveRepoFile(options.repoRoot, appPath, parameter.path, `source.helm.fileParameters[${index}].path`);
    if (!file.exists) throw new InvalidInputError(`file parameter ${parameter.name}: ${parameter.path} not found in repository`, { problems: [{ path: `source.helm.fileParameters[${index}].path`, message: 'not found' }] });
    setFile.set(parameter.name, file.relative);
  }
  return withWorkCopy(options.repoRoot, options.tempRoot, async (copy) => {
    const inCopy = (relative: string): string => path.join(copy.repo, relative);
    // Files of `ref` sources are read where they were checked out; they are not part of this copy.
    const files = valueFiles.map((file) => (path.isAbsolute(file) ? file : inCopy(file)));
    const values = extraValues(helm);
    if (values !== undefined) {
      const file = path.join(copy.dir, 'values-override.yaml');
      await writeFile(file, values, 'utf8');
      files.push(file);
    }
    const inputs: HelmTemplateInputs = {
      releaseName: nonEmpty(helm.releaseName) ?? options.appName,
      namespace: nonEmpty(helm.namespace) ?? options.namespace,
      kubeVersion: nonEmpty(helm.kubeVersion) ?? options.kubeVersion,
      apiVersions: helm.apiVersions !== undefined && helm.apiVersions.length > 0 ? helm.apiVersions : (options.apiVersions ?? []),
      valueFiles: files,
      ...parameters(helm),
      setFile: new Map([...setFile].map(([name, relative]) => [name, inCopy(relative)])),
      skipCrds: helm.skipCrds === true,
      skipTests: helm.skipTests === true,
      skipSchemaValidation: helm.skipSchemaValidation === true,
    };
    const chartDir = path.join(copy.repo, path.relative(options.repoRoot, appPath));
    const env = { HELM_CACHE_HOME: path.join(copy.dir, 'helm', 'cache'), HELM_CONFIG_HOME: path.join(copy.dir, 'helm', 'config'), HELM_DATA_HOME: path.join(copy.dir, 'helm', 'data') };
    const run = (args: readonly string[]) => options.tools.run('helm', args, { cwd: chartDir, timeoutMs: limits.timeoutMs, env });
    let result = await run(helmTemplateArgs(inputs));
    // Argo builds missing dependencies only when helm says they are missing, then templates again.
    if (result.exitCode !== 0 && MISSING_DEPENDENCY.test(result.stderr)) {
      toolOutput('helm', await run(['dependency', 'build']), copy.dir, limits.timeoutMs);
      result = await run(helmTemplateArgs(inputs));
    }
    const stdout = toolOutput('helm', result, copy.dir, limits.timeoutMs);
    return parseManifests(stdout, { file: HELM_OUTPUT, format: 'yaml', limits });
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Each value file as a path relative to the repository root, or an absolute path inside a `ref` source's
 * checkout for `$<ref>/<path>` (the path counts from that repository's root, as in Argo).
 */
async function resolveValueFiles(repoRoot: string, appPath: string, helm: ApplicationSourceHelm, refSources: Readonly<Record<string, string>>): Promise<string[]> {
  const resolved: string[] = [];
  for (const [index, name] of (helm.valueFiles ?? []).entries()) {
    const field = `source.helm.valueFiles[${index}]`;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name)) {
      throw new InvalidInputError(`value file ${name}: remote value files are not supported`, { problems: [{ path: field, message: 'not supported' }] });
    }
    const file = name.startsWith('$') ? await resolveRefFile(name, refSources, field) : await resolveRepoFile(repoRoot, appPath, name, field);
    const chosen = name.startsWith('$') ? file.absolute : file.relative;
    if (file.exists) resolved.push(chosen);
    else if (helm.ignoreMissingValueFiles !== true) throw new InvalidInputError(`value file ${name} not found in repository`, { problems: [{ path: field, message: 'not found' }] });
  }
  return resolved;
}

// `$values/env/prod.yaml`: `env/prod.yaml` from the root of the source with `ref: values`, never outside it.
async function resolveRefFile(name: string, refSources: Readonly<Record<string, string>>, field: string) {
  const slash = name.indexOf('/');
  const ref = name.slice(1, slash < 0 ? undefined : slash);
  const root = Object.hasOwn(refSources, ref) ? refSources[ref] : undefined;
  if (root === undefined || slash < 0) {
    throw new InvalidInputError(`value file ${name}: no source in spec.sources has ref ${JSON.stringify(ref)}`, { problems: [{ path: field, message: `unknown ref ${ref}` }] });
  }
  // The part after the ref always counts from that repository's root.
  return resolveRepoFile(root, root, `/${name.slice(slash + 1)}`, field);
}

// Argo: `valuesObject` wins over `values`; either is passed as the last --values file so it overrides.
function extraValues(helm: ApplicationSourceHelm): string | undefined {
  if (helm.valuesObject !== undefined && Object.keys(helm.valuesObject).length > 0) return stringify(helm.valuesObject);
  return nonEmpty(helm.values);
}

function parameters(helm: ApplicationSourceHelm): Pick<HelmTemplateInputs, 'set' | 'setString'> {
  const set = new Map<string, string>();
  const setString = new Map<string, string>();
  for (const parameter of helm.parameters ?? []) {
    if (parameter.name === undefined || parameter.name === '') continue;
    (parameter.forceString === true ? setString : set).set(parameter.name, parameter.value ?? '');
  }
  return { set, setString };
}
