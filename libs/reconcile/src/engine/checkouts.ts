// The folders one load renders from: Git checkouts shared by the sources that need the same repository
// and commit, and charts pulled from Helm chart repositories; all removed again after the load.
import type { ApplicationSource } from '@driftless/api';
import type { EngineOptions, EngineTempDir } from './engine-types.js';

/** Where a source renders from: `repoRoot` and the source with `path` pointing at its folder in it. */
export interface RenderRoot {
  repoRoot: string;
  source: ApplicationSource;
}

/** The folders of one load. */
export interface Checkouts {
  /** The checkout of the source's repository at `sha`, made once per repository and commit. */
  dirFor(source: ApplicationSource, sha: string): Promise<string>;
  /** Where `source` renders from at `revision`: its Git checkout, or for a `chart` source the pulled chart. */
  rootFor(source: ApplicationSource, revision: string): Promise<RenderRoot>;
  /** Removes every folder made, never rejecting. */
  cleanup(): Promise<void>;
}

type Ports = Pick<EngineOptions, 'repos' | 'charts' | 'tempDir'>;

/** Creates the folder bookkeeping of one load over the engine's ports. */
export function createCheckouts(ports: Ports): Checkouts {
  const dirs = new Map<string, Promise<string>>();
  const pending: Promise<unknown>[] = [];
  const made: EngineTempDir[] = [];
  const fresh = async (): Promise<string> => {
    const dir = await ports.tempDir();
    made.push(dir);
    return dir.path;
  };
  const checkout = async (source: ApplicationSource, sha: string): Promise<string> => {
    const dir = await fresh();
    await ports.repos.checkout(source.repoURL, sha, dir);
    return dir;
  };
  const dirFor = (source: ApplicationSource, sha: string): Promise<string> => {
    const key = `${source.repoURL}\n${sha}`;
    let dir = dirs.get(key);
    if (dir === undefined) {
      dir = checkout(source, sha);
      dirs.set(key, dir);
      pending.push(dir);
    }
    return dir;
  };
  // The chart is rendered as a Helm source whose path is the chart's folder, so its value files are the chart's own.
  const chartRoot = async (source: ApplicationSource, chart: string, version: string): Promise<RenderRoot> => {
    if (ports.charts === undefined) throw new Error(`Helm chart repositories are not supported yet (chart ${chart} from ${source.repoURL})`);
    const dir = await fresh();
    const pulled = ports.charts.pullChart(source.repoURL, chart, version, dir);
    pending.push(pulled);
    return { repoRoot: dir, source: { ...source, path: folderInside(dir, await pulled) } };
  };
  return {
    dirFor,
    rootFor: async (source, revision) => (source.chart === undefined ? { repoRoot: await dirFor(source, revision), source } : chartRoot(source, source.chart, revision)),
    async cleanup() {
      await Promise.all(pending.map((work) => work.catch(() => undefined)));
      // A folder that cannot be removed must not turn a good render into a failure.
      await Promise.all(made.map((dir) => dir.cleanup().catch(() => undefined)));
    },
  };
}

// `pullChart` answers with a path inside `dir`; render wants it relative to the root it is given.
function folderInside(dir: string, folder: string): string {
  const base = dir.replace(/[\\/]+$/, '');
  const rest = folder.startsWith(base) ? folder.slice(base.length) : undefined;
  if (rest === undefined || !/^[\\/]./.test(rest)) throw new Error(`the pulled chart folder ${folder} is not inside ${dir}`);
  return rest.replace(/^[\\/]+/, '').replace(/[\\/]+$/, '');
}
