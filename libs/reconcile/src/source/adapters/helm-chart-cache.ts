// The on-disk cache of charts pulled from Helm chart repositories: one unpacked chart per (normalised
// repository URL, chart, version), pulled once with the real helm, coalesced, bounded by LRU eviction.
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidInputError, UnavailableError } from '@driftless/api';
import type { RepositoryCredentials } from '@driftless/api';
import type { ToolRunner } from '../../render/tool-runner.js';
import { checkChartName, checkVersionConstraint, isExactChartVersion, parseChartRepoUrl } from '../chart-source.js';
import type { ParsedChartRepoUrl } from '../chart-source.js';
import { redactUrl } from '../repo-url.js';
import { helmPull } from './helm-pull.js';
import type { PulledChart } from './helm-pull.js';

/** Options for {@link createHelmChartCache}. */
export interface HelmChartCacheOptions {
  /** Folder holding one sub-folder per cached chart version; created when missing. */
  readonly dir: string;
  /** Runs helm (the render stage's ToolRunner). */
  readonly tools: ToolRunner;
  /** Credentials for a repository URL (a repository Secret of `type: helm`): username, password, insecure, proxy. @defaultValue none */
  readonly credentials?: (repoURL: string) => RepositoryCredentials | undefined;
  /** Allow plain `http://` repositories. @defaultValue false */
  readonly allowHttp?: boolean;
  /** Deadline of one helm run. @defaultValue 90000 */
  readonly timeoutMs?: number;
  /** Most chart versions kept on disk; the least recently used idle one is removed beyond it. @defaultValue 100 */
  readonly maxCharts?: number;
  /** Clock for resolution ages, in ms. @defaultValue Date.now */
  readonly now?: () => number;
}

/** Options for {@link HelmChartCache.resolveChart}. */
export interface ResolveChartOptions {
  /** Reuse a resolution of the same constraint younger than this many ms. @defaultValue 0 (resolve again, or join a running one) */
  readonly maxAgeMs?: number;
}

/** Charts of Helm chart repositories, cached on disk and shared by every application that uses them. */
export interface HelmChartCache {
  /**
   * The version `versionConstraint` stands for: an exact version (`1.2.3`, `v1.2.3`) is returned as is
   * without a look-up (as Argo CD does); a constraint (`1.2.*`, `>=1.0.0 <2.0.0`, `*`, empty for the
   * latest stable) is resolved by helm against the repository's index, which pulls that version into the
   * cache as well. Rejects with InvalidInputError for a URL the policy refuses (http unless allowed,
   * oci://, ssh, credentials in the URL) or a malformed chart name; NotFoundError "chart nginx version
   * 9.* not found in <url>"; PermissionDeniedError "access to <url> was denied: check the repository
   * credentials"; UnavailableError "cannot reach <host>: …". Messages never hold a password.
   */
  resolveChart(repoURL: string, chart: string, versionConstraint: string, options?: ResolveChartOptions): Promise<{ version: string }>;
  /**
   * Copies chart `chart` at exact `version` into `destDir` (created when missing) and resolves to the
   * chart's folder in it (`<destDir>/<chart>`). Pulls once per (repository, chart, version); concurrent
   * calls share the pull and later ones make no request at all. Rejects as `resolveChart`, and with
   * InvalidInputError when `version` is a constraint.
   */
  pullChart(repoURL: string, chart: string, version: string, destDir: string): Promise<string>;
  /** Folder names of the cached chart versions, least recently used first. */
  cachedCharts(): Promise<readonly string[]>;
}

interface Entry {
  readonly name: string;
  /** Settles once the chart is on disk; rejected pulls are forgotten so the next call tries again. */
  ready?: Promise<void>;
  users: number;
}

/** Name prefix of the staging folders of running pulls; a new cache removes leftovers of a crashed one. */
const STAGING_PREFIX = '.pull-';
const FOLDER = /^[0-9a-f]{64}$/;

/** Folder name of a cached chart version: sha256 of the normalised repository URL, chart and version. */
export function chartCacheFolder(repo: ParsedChartRepoUrl, chart: string, version: string): string {
  return createHash('sha256').update(`${repo.key}\n${chart}\n${version}`).digest('hex');
}

/** Creates a cache over `options.dir`; folders left by an earlier process are reused and count for eviction. */
export function createHelmChartCache(options: HelmChartCacheOptions): HelmChartCache {
  const maxCharts = options.maxCharts ?? 100;
  const timeoutMs = options.timeoutMs ?? 90_000;
  const now = options.now ?? Date.now;
  const policy = { allowHttp: options.allowHttp ?? false };
  // Insertion order is recency order: touching an entry moves it to the end.
  const entries = new Map<string, Entry>();
  const resolutions = new Map<string, { version: string; at: number }>();
  const resolving = new Map<string, Promise<string>>();
  const removals = new Map<string, Promise<void>>();
  let scanned: Promise<void> | undefined;

  const scan = async (): Promise<void> => {
    await mkdir(options.dir, { recursive: true });
    const all = await readdir(options.dir);
    await Promise.all(all.filter((n) => n.startsWith(STAGING_PREFIX)).map((n) => rm(join(options.dir, n), { recursive: true, force: true })));
    const aged = await Promise.all(all.filter((n) => FOLDER.test(n)).map(async (n) => ({ n, t: (await stat(join(options.dir, n))).mtimeMs })));
    for (const { n } of aged.sort((a, b) => a.t - b.t)) if (!entries.has(n)) entries.set(n, { name: n, ready: Promise.resolve(), users: 0 });
  };
  const ensureScanned = (): Promise<void> => {
    scanned ??= scan().catch((error: unknown) => {
      scanned = undefined;
      throw error;
    });
    return scanned;
  };

  // Pulls into a fresh staging folder and hands the unpacked chart to `adopt`; the folder goes either way.
  const pullStaged = async <T>(repo: ParsedChartRepoUrl, chart: string, version: string, adopt: (pulled: PulledChart) => Promise<T>): Promise<T> => {
    await ensureScanned();
    const staging = await mkdtemp(join(options.dir, STAGING_PREFIX));
    try {
      const credentials = options.credentials?.(repo.url);
      const pulled = await helmPull({ tools: options.tools, repo, chart, version, timeoutMs, staging, ...(credentials === undefined ? {} : { credentials }) });
      return await adopt(pulled);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  };

  // Moves a pulled chart into its cache folder; one already there (another pull won) is kept.
  const store = async (pulled: PulledChart, name: string): Promise<void> => {
    await rename(pulled.root, join(options.dir, name)).catch(async (error: unknown) => {
      if ((await stat(join(options.dir, name)).catch(() => undefined)) === undefined) throw error;
    });
  };

  const evict = async (): Promise<void> => {
    for (const entry of [...entries.values()]) {
      if (entries.size <= maxCharts) return;
      if (entry.users > 0) continue;
      entries.delete(entry.name);
      // A folder that cannot be removed is picked up by the next process's scan; never fail the caller.
      const removal = rm(join(options.dir, entry.name), { recursive: true, force: true })
        .catch(() => undefined)
        .finally(() => removals.delete(entry.name));
      removals.set(entry.name, removal);
      await removal;
    }
  };

  // Runs `work` on the entry of `name`, which stays on disk (never evicted) until it finishes.
  const use = async <T>(name: string, work: (entry: Entry) => Promise<T>): Promise<T> => {
    await ensureScanned();
    // A pull must not land in a folder that an eviction is still removing.
    await removals.get(name);
    const entry = entries.get(name) ?? { name, users: 0 };
    entries.delete(name);
    entries.set(name, entry);
    entry.users++;
    try {
      return await work(entry);
    } finally {
      entry.users--;
      await evict();
    }
  };

  const resolveNow = (repo: ParsedChartRepoUrl, chart: string, constraint: string): Promise<string> =>
    pullStaged(repo, chart, constraint, async (pulled) => {
      const name = chartCacheFolder(repo, chart, pulled.version);
      await use(name, async (entry) => {
        if (entry.ready === undefined) {
          entry.ready = store(pulled, name);
          await entry.ready.catch((error: unknown) => {
            entry.ready = undefined;
            throw error;
          });
        }
      });
      return pulled.version;
    });

  return {
    async resolveChart(repoURL, chart, versionConstraint, resolveOptions = {}) {
      const repo = parseChartRepoUrl(repoURL, policy);
      checkChartName(chart, repoURL);
      const constraint = versionConstraint.trim();
      if (isExactChartVersion(constraint)) return { version: constraint };
      checkVersionConstraint(constraint, repoURL);
      const key = `${repo.key}\n${chart}\n${constraint}`;
      const known = resolutions.get(key);
      if (known !== undefined && now() - known.at < (resolveOptions.maxAgeMs ?? 0)) return { version: known.version };
      let running = resolving.get(key);
      if (running === undefined) {
        const started = now();
        running = resolveNow(repo, chart, constraint)
          .then((version) => {
            resolutions.delete(key);
            resolutions.set(key, { version, at: started });
            // Bounded like the charts: the oldest resolutions go first.
            for (const old of resolutions.keys()) if (resolutions.size > maxCharts * 4) resolutions.delete(old);
            return version;
          })
          .finally(() => resolving.delete(key));
        resolving.set(key, running);
      }
      return { version: await running };
    },

    async pullChart(repoURL, chart, version, destDir) {
      const repo = parseChartRepoUrl(repoURL, policy);
      checkChartName(chart, repoURL);
      if (!isExactChartVersion(version)) {
        throw new InvalidInputError(`pulling chart ${chart} from ${redactUrl(repoURL)} needs an exact version, got ${JSON.stringify(version)}`, { context: { repoURL: redactUrl(repoURL), chart, version } });
      }
      const name = chartCacheFolder(repo, chart, version.trim());
      return use(name, async (entry) => {
        entry.ready ??= pullStaged(repo, chart, version.trim(), (pulled) => store(pulled, name));
        await entry.ready.catch((error: unknown) => {
          entry.ready = undefined;
          throw error;
        });
        const cached = join(options.dir, name);
        const [folder] = (await readdir(cached, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
        if (folder === undefined) throw new UnavailableError(`cached chart ${chart} ${version} holds no chart folder`, { context: { chart, version } });
        await mkdir(destDir, { recursive: true });
        await cp(join(cached, folder), join(destDir, folder), { recursive: true, verbatimSymlinks: true });
        return join(destDir, folder);
      });
    },

    async cachedCharts() {
      await ensureScanned();
      return [...entries.keys()];
    },
  };
}
