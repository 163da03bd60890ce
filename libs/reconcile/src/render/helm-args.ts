// Builds the `helm template` command line from resolved inputs, in Argo CD's argument order.

/** Inputs of one `helm template` run, with every file already resolved to a path in the working copy. */
export interface HelmTemplateInputs {
  releaseName: string;
  namespace: string;
  kubeVersion?: string;
  apiVersions: readonly string[];
  /** `--values` files in order: value files first, then the file holding `values`/`valuesObject`. */
  valueFiles: readonly string[];
  /** `--set` parameters, in first-seen order with the last value for a repeated name. */
  set: ReadonlyMap<string, string>;
  /** `--set-string` parameters (`forceString`). */
  setString: ReadonlyMap<string, string>;
  /** `--set-file` parameters: name to file path. */
  setFile: ReadonlyMap<string, string>;
  skipCrds: boolean;
  skipTests: boolean;
  skipSchemaValidation: boolean;
}

/**
 * Escapes the commas of a `--set` value that helm would otherwise split on, unless the value is a helm
 * list (`{a,b}`) or the comma is already escaped, as Argo's `cleanSetParameters` does.
 * Example: `a,b` becomes `a\,b`; `{a,b}` and `a\,b` stay as they are.
 */
export function escapeSetValue(value: string): string {
  if (value.startsWith('{') && value.endsWith('}')) return value;
  return value.replace(/(?<!\\),/g, '\\,');
}

/**
 * The arguments after `helm`: `template . --name-template <release> --namespace <ns> [--kube-version v]
 * --set… --set-string… --set-file… --values… --api-versions… [--include-crds] [--skip-schema-validation]
 * [--skip-tests]`, run with the chart directory as working directory.
 */
export function helmTemplateArgs(inputs: HelmTemplateInputs): string[] {
  const args = ['template', '.', '--name-template', inputs.releaseName];
  if (inputs.namespace !== '') args.push('--namespace', inputs.namespace);
  if (inputs.kubeVersion !== undefined && inputs.kubeVersion !== '') args.push('--kube-version', inputs.kubeVersion);
  for (const [name, value] of inputs.set) args.push('--set', `${name}=${escapeSetValue(value)}`);
  for (const [name, value] of inputs.setString) args.push('--set-string', `${name}=${escapeSetValue(value)}`);
  for (const [name, file] of inputs.setFile) args.push('--set-file', `${name}=${escapeSetValue(file)}`);
  for (const file of inputs.valueFiles) args.push('--values', file);
  for (const version of inputs.apiVersions) args.push('--api-versions', version);
  if (!inputs.skipCrds) args.push('--include-crds');
  if (inputs.skipSchemaValidation) args.push('--skip-schema-validation');
  if (inputs.skipTests) args.push('--skip-tests');
  return args;
}
