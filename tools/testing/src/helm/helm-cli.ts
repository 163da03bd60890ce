// Runs the real helm for the chart repository fixture: `helm package` and `helm repo index`, with
// helm's home folders isolated so the machine's repositories and plugins never take part.
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnavailableError } from '@driftless/api';
import { resolveTool, runTool } from '@driftless/toolchain';
import type { ResolvedTool } from '@driftless/toolchain';

/** Where packaged binaries are extracted; shared with the other test suites so helm is unpacked once. */
export const TEST_TOOLS_CACHE_DIR = join(tmpdir(), 'driftless-toolchain-test-cache');

let helm: Promise<ResolvedTool> | undefined;

/** Runs `helm <args>` in `cwd`; rejects with an UnavailableError carrying helm's stderr when it fails. */
export async function runHelm(args: readonly string[], cwd: string): Promise<string> {
  helm ??= resolveTool('helm', { cacheDir: TEST_TOOLS_CACHE_DIR });
  const home = join(cwd, '.helm-home');
  const env = { ...process.env, HELM_CACHE_HOME: join(home, 'cache'), HELM_CONFIG_HOME: join(home, 'config'), HELM_DATA_HOME: join(home, 'data') };
  const result = await runTool(await helm, args, { cwd, env, timeoutMs: 60_000 });
  if (result.exitCode !== 0) throw new UnavailableError(`helm ${args[0] ?? ''} failed: ${result.stderr.trim()}`, { context: { args: args.join(' ') } });
  return result.stdout;
}

/** A chart written from plain data: `Chart.yaml` is generated from `name` and `version`. */
export interface InlineChart {
  readonly name: string;
  readonly version: string;
  /** Further files by path inside the chart (`templates/cm.yaml`, `values.yaml`). @defaultValue a ConfigMap template */
  readonly files?: Readonly<Record<string, string>>;
}

const DEFAULT_TEMPLATE = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-{{ .Chart.Name }}\ndata:\n  version: {{ .Chart.Version | quote }}\n';

/** Writes `chart` into `<parent>/<name>-<version>/` and returns that folder. */
export async function writeInlineChart(parent: string, chart: InlineChart): Promise<string> {
  const dir = join(parent, `${chart.name}-${chart.version}`);
  const files = { 'Chart.yaml': `apiVersion: v2\nname: ${chart.name}\nversion: ${chart.version}\n`, ...(chart.files ?? { 'templates/configmap.yaml': DEFAULT_TEMPLATE }) };
  for (const [file, content] of Object.entries(files)) {
    const target = join(dir, file);
    await mkdir(join(target, '..'), { recursive: true });
    await writeFile(target, content, 'utf8');
  }
  return dir;
}
