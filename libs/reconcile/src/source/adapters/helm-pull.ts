// Runs one `helm pull --untar` of a chart from a Helm chart repository into a private staging folder,
// with helm's homes isolated there and the repository's credentials sent to that repository only.
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { InvalidInputError, UnavailableError } from '@driftless/api';
import type { RepositoryCredentials } from '@driftless/api';
import type { ToolRunner } from '../../render/tool-runner.js';
import type { ParsedChartRepoUrl } from '../chart-source.js';
import { toHelmPullError } from '../helm-chart-errors.js';
import { redactUrl } from '../repo-url.js';

/** One pull. */
export interface HelmPullRequest {
  readonly tools: ToolRunner;
  readonly repo: ParsedChartRepoUrl;
  readonly chart: string;
  /** An exact version or a constraint (`1.*`); empty for the latest stable version. */
  readonly version: string;
  readonly credentials?: RepositoryCredentials;
  readonly timeoutMs: number;
  /** An empty folder private to this pull; the caller removes it. */
  readonly staging: string;
}

/** A pulled chart: `root` holds nothing but the chart's folder `folder`. */
export interface PulledChart {
  readonly root: string;
  readonly folder: string;
  /** The chart's version as its Chart.yaml states it (the one helm picked for a constraint). */
  readonly version: string;
}

/**
 * Pulls and unpacks the chart into `<staging>/chart/<folder>`. Credentials go by `--username` and
 * `--password` (helm sends them to the repository's host only: `--pass-credentials` is never given);
 * `insecure` adds `--insecure-skip-tls-verify`; a `proxy` becomes HTTPS_PROXY/HTTP_PROXY. Rejects with
 * InvalidInputError for OCI credentials, and with the errors of `toHelmPullError` when helm fails.
 */
export async function helmPull(request: HelmPullRequest): Promise<PulledChart> {
  const { repo, chart, version, credentials, staging } = request;
  if (credentials?.type === 'oci' || credentials?.enableOCI === true) {
    throw new InvalidInputError(`Helm chart repository ${redactUrl(repo.url)}: OCI Helm registries are not supported yet`, { context: { repoURL: redactUrl(repo.url) } });
  }
  const home = join(staging, 'helm');
  const root = join(staging, 'chart');
  await Promise.all([mkdir(join(home, 'tmp'), { recursive: true }), mkdir(root, { recursive: true })]);
  const args = [
    'pull',
    `--repo=${repo.url}`,
    '--untar',
    `--untardir=${root}`,
    ...(version === '' ? [] : [`--version=${version}`]),
    ...(credentials?.username === undefined ? [] : [`--username=${credentials.username}`]),
    ...(credentials?.password === undefined ? [] : [`--password=${credentials.password}`]),
    ...(credentials?.insecure === true ? ['--insecure-skip-tls-verify'] : []),
    // Names after `--` are never read as options.
    '--',
    chart,
  ];
  const result = await request.tools.run('helm', args, { cwd: staging, timeoutMs: request.timeoutMs, env: helmEnv(home, credentials) });
  const secrets = [credentials?.password ?? '', credentials?.proxy ?? ''];
  if (result.exitCode !== 0 || result.timedOut === true) throw toHelmPullError(result, { repoURL: repo.url, host: repo.host, chart, version, secrets, timeoutMs: request.timeoutMs });
  const folders = (await readdir(root, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const folder = folders.length === 1 ? folders[0] : undefined;
  if (folder === undefined) throw new UnavailableError(`helm pull of chart ${chart} from ${redactUrl(repo.url)} unpacked ${folders.length} folders, expected one`, { context: { repoURL: redactUrl(repo.url), chart } });
  return { root, folder, version: await chartVersion(join(root, folder, 'Chart.yaml'), chart) };
}

// Every home, the repository list and temp files inside the staging folder: nothing of the machine's
// helm setup takes part, and nothing outlives the pull.
function helmEnv(home: string, credentials: RepositoryCredentials | undefined): Record<string, string> {
  const proxy: Record<string, string> = credentials?.proxy === undefined ? {} : { HTTPS_PROXY: credentials.proxy, HTTP_PROXY: credentials.proxy, NO_PROXY: credentials.noProxy ?? '' };
  return {
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
    HELM_REPOSITORY_CONFIG: join(home, 'config', 'repositories.yaml'),
    HELM_REPOSITORY_CACHE: join(home, 'cache', 'repository'),
    HELM_REGISTRY_CONFIG: join(home, 'config', 'registry.json'),
    TMPDIR: join(home, 'tmp'),
    ...proxy,
  };
}

async function chartVersion(file: string, chart: string): Promise<string> {
  const meta: unknown = parse(await readFile(file, 'utf8'));
  const version = typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>)['version'] : undefined;
  if (typeof version !== 'string' || version === '') throw new InvalidInputError(`chart ${chart}: Chart.yaml has no version`, { context: { chart } });
  return version;
}
