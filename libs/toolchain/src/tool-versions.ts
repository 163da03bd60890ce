// Asks a binary for its version and reads the answer; the parsers are pure so each output shape is
// tested as data (kubectl JSON, helm's template output, kustomize's v3/v4/v5 formats).
import { UnavailableError } from '@driftless/api';
import { formatArgs } from './errors.js';
import { runTool } from './run-tool.js';
import type { ResolvedTool, ToolName } from './tool-types.js';

// A probe runs once per resolve, but the PATH kubectl may be a dispatcher that is slow on its first start.
const PROBE_TIMEOUT_MS = 30_000;
const SEMVER = /v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?/;

/** The arguments that make each tool print its version in the shape its parser reads. */
export const VERSION_ARGS: Readonly<Record<ToolName, readonly string[]>> = {
  kubectl: ['version', '--client', '-o', 'json'],
  helm: ['version', '--template', '{{.Version}}'],
  kustomize: ['version'],
};

/** kubectl's `version --client -o json`: `.clientVersion.gitVersion` and `.kustomizeVersion` when present. */
export function parseKubectlVersion(stdout: string): { kubectl?: string; kustomize?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return {};
  }
  if (!isRecord(parsed)) return {};
  const client = parsed['clientVersion'];
  const gitVersion = isRecord(client) ? client['gitVersion'] : undefined;
  const kustomizeVersion = parsed['kustomizeVersion'];
  return {
    ...(typeof gitVersion === 'string' && gitVersion !== '' ? { kubectl: gitVersion } : {}),
    ...(typeof kustomizeVersion === 'string' && kustomizeVersion !== '' ? { kustomize: kustomizeVersion } : {}),
  };
}

/**
 * helm's `version --template '{{.Version}}'` (`v4.1.4`) or `--short` (`v3.14.0+g3fc9f4b`); the build
 * suffix after `+` is dropped so versions compare the same whichever form answered.
 */
export function parseHelmVersion(stdout: string): string | undefined {
  return withV(stdout.trim().match(SEMVER)?.[0]);
}

/** kustomize's `version`: `v5.6.0` (v5), `{Version:kustomize/v4.5.7 GitCommit:…}` (v4) or `kustomize/v3.8.7`. */
export function parseKustomizeVersion(stdout: string): string | undefined {
  return withV(stdout.trim().match(SEMVER)?.[0]);
}

/**
 * Runs the version command of `tool` (whose `version` is not known yet) and returns what it reports.
 * Rejects with `UnavailableError` when the binary fails or prints something no parser understands.
 */
export async function probeVersion(tool: Omit<ResolvedTool, 'version'>, env: NodeJS.ProcessEnv): Promise<string> {
  // kustomize served by kubectl reports through kubectl's version command, not `kubectl kustomize version`.
  const viaKubectl = tool.name === 'kustomize' && tool.args.length > 0;
  const probe: ResolvedTool = viaKubectl ? { ...tool, name: 'kubectl', args: [], version: '' } : { ...tool, version: '' };
  const args = VERSION_ARGS[probe.name];
  const result = await runTool(probe, args, { env, timeoutMs: PROBE_TIMEOUT_MS });
  const version = result.exitCode === 0 ? readVersion(tool.name, viaKubectl, result.stdout) : undefined;
  if (version !== undefined) return version;
  const why = result.exitCode === 0 ? `printed no version it understands: ${result.stdout.trim().slice(0, 200)}` : `exited ${result.exitCode}: ${result.stderr.trim().slice(0, 300)}`;
  throw new UnavailableError(`${tool.name} at ${tool.command} cannot report its version: \`${formatArgs(args)}\` ${why}`, {
    context: { tool: tool.name, command: tool.command, source: tool.source },
  });
}

function readVersion(name: ToolName, viaKubectl: boolean, stdout: string): string | undefined {
  if (name === 'kubectl') return parseKubectlVersion(stdout).kubectl;
  if (name === 'helm') return parseHelmVersion(stdout);
  return viaKubectl ? parseKubectlVersion(stdout).kustomize : parseKustomizeVersion(stdout);
}

function withV(version: string | undefined): string | undefined {
  if (version === undefined) return undefined;
  return version.startsWith('v') ? version : `v${version}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
