// Loads the desired state of an application: resolve each source's revision (a commit, or a chart version
// for Helm chart repositories), serve its rendering from the render cache or check it out (or pull the
// chart) into a fresh temp dir and render it, and remove the folders again.
import type { ApplicationCondition, ApplicationDestination, ApplicationSource, SourceType, UnstructuredObject } from '@driftless/api';
import { renderCacheKey } from '../render/index.js';
import type { RenderResult } from '../render/index.js';
import { createCheckouts } from './checkouts.js';
import type { Checkouts } from './checkouts.js';
import { errorMessage, stageError } from './conditions.js';
import type { EngineOptions } from './engine-types.js';

/** What {@link loadTarget} found: per-source revisions and tools, all objects, and the failures. */
export interface LoadedTarget {
  /** Resolved commit (chart version for a `chart` source) per source, `''` where resolution failed; same order as the sources. */
  revisions: string[];
  /** Tool per rendered source (ref-only sources render nothing and have none). */
  sourceTypes: SourceType[];
  /** Rendered objects of every source, in source order. */
  objects: UnstructuredObject[];
  /** One ComparisonError per failed source; empty when everything loaded. */
  conditions: ApplicationCondition[];
}

/** What loading needs besides the sources. */
export interface LoadTargetInput {
  sources: readonly ApplicationSource[];
  /**
   * Per source, the revision to resolve instead of its `targetRevision` (a sync's `operation.sync.revision(s)`);
   * `undefined` or `''` keeps the source's. The render cache key still carries the source as given, so a sync
   * at the commit a refresh rendered hits that rendering. @defaultValue every source's `targetRevision`
   */
  revisions?: readonly (string | undefined)[];
  appName: string;
  destination: ApplicationDestination;
  now: string;
  /** Reuse a fetch of the repository younger than this. @defaultValue 0 (fetch) */
  revisionMaxAgeMs?: number;
  /** Neither read nor trust the render cache (Argo's hard refresh); fresh renderings are still stored. */
  bypassRenderCache?: boolean;
}

type Ports = Pick<EngineOptions, 'repos' | 'charts' | 'render' | 'tempDir' | 'renderCache'>;

// A `ref`-only entry of `spec.sources` supplies files to the others (`$ref/values.yaml`) and renders nothing.
function isRefOnly(source: ApplicationSource): boolean {
  return source.ref !== undefined && source.path === undefined && source.chart === undefined;
}

/** One source after resolution: its commit (or chart version), or why it has none. */
type Resolved = { ok: true; sha: string } | { ok: false; error: unknown };

/**
 * Loads every source in order; a failing source adds a condition and the others still load, so all
 * problems show at once. A source's rendering is looked up in `renderCache` first, by (repository, commit,
 * source, app, namespace, commits of the `ref` sources it reads): a hit needs no checkout at all. Sources
 * with `ref` are checked out for the `$ref/...` value files of the others; a missing ref fails the source
 * that names it. A Helm chart repository source (`chart` set) resolves `targetRevision` to a chart version
 * with `charts.resolveChart` (that version is its revision and part of its cache key), and on a cache miss
 * the chart is pulled into a temp dir and rendered as a Helm source whose path is the chart's folder;
 * without the `charts` port it fails with "Helm chart repositories are not supported yet". Never rejects
 * for a failing port (a failing cache is skipped); every temp dir is removed whatever happens.
 */
export async function loadTarget(input: LoadTargetInput, ports: Ports): Promise<LoadedTarget> {
  const loaded: LoadedTarget = { revisions: [], sourceTypes: [], objects: [], conditions: [] };
  const resolved = await resolveAll(input, ports);
  const refs = refCommits(input.sources, resolved);
  const checkouts = createCheckouts(ports);
  try {
    for (const [index, source] of input.sources.entries()) {
      const outcome = resolved[index] ?? { ok: false, error: 'not resolved' };
      loaded.revisions.push(outcome.ok ? outcome.sha : '');
      const where = input.sources.length > 1 ? `source ${index + 1} of ${input.sources.length}` : undefined;
      if (!outcome.ok) {
        loaded.conditions.push(stageError('target', outcome.error, input.now, where));
        continue;
      }
      if (isRefOnly(source)) continue;
      try {
        const rendered = await renderCached(source, outcome.sha, refs, input, ports, checkouts);
        loaded.sourceTypes.push(rendered.sourceType);
        loaded.objects.push(...rendered.objects);
      } catch (error) {
        loaded.conditions.push(stageError('target', error, input.now, where));
      }
    }
  } finally {
    await checkouts.cleanup();
  }
  return loaded;
}

async function resolveAll(input: LoadTargetInput, ports: Ports): Promise<Resolved[]> {
  const maxAgeMs = input.revisionMaxAgeMs ?? 0;
  const results: Resolved[] = [];
  for (const [index, source] of input.sources.entries()) {
    const wanted = input.revisions?.[index];
    const revision = wanted === undefined || wanted === '' ? source.targetRevision : wanted;
    try {
      if (source.chart !== undefined) {
        results.push({ ok: true, sha: await chartVersion(source, source.chart, revision ?? '', maxAgeMs, ports) });
        continue;
      }
      const { sha } = await ports.repos.resolveRevision(source.repoURL, revision ?? 'HEAD', { maxAgeMs });
      results.push({ ok: true, sha });
    } catch (error) {
      results.push({ ok: false, error });
    }
  }
  return results;
}

// A chart's version stands where a commit stands for Git: it is the revision and keys the render cache.
async function chartVersion(source: ApplicationSource, chart: string, constraint: string, maxAgeMs: number, ports: Ports): Promise<string> {
  if (ports.charts === undefined) throw new Error(`Helm chart repositories are not supported yet (chart ${chart} from ${source.repoURL})`);
  const { version } = await ports.charts.resolveChart(source.repoURL, chart, constraint, { maxAgeMs });
  return version;
}

/** A `ref` source's name, repository and commit (or the reason it has none). */
interface RefSource {
  source: ApplicationSource;
  resolved: Resolved;
}

function refCommits(sources: readonly ApplicationSource[], resolved: readonly Resolved[]): Map<string, RefSource> {
  const refs = new Map<string, RefSource>();
  for (const [index, source] of sources.entries()) {
    if (source.ref !== undefined && source.ref !== '') refs.set(source.ref, { source, resolved: resolved[index] ?? { ok: false, error: 'not resolved' } });
  }
  return refs;
}

// The `$name` prefixes a Helm source's value files use: those refs' commits belong in its cache key.
function refsUsedBy(source: ApplicationSource): string[] {
  const names = new Set<string>();
  for (const file of source.helm?.valueFiles ?? []) {
    const match = /^\$([^/]+)\//.exec(file);
    if (match?.[1] !== undefined) names.add(match[1]);
  }
  return [...names].sort();
}

async function renderCached(source: ApplicationSource, sha: string, refs: Map<string, RefSource>, input: LoadTargetInput, ports: Ports, checkouts: Checkouts): Promise<RenderResult> {
  const used = refsUsedBy(source);
  const refShas: Record<string, string> = {};
  for (const name of used) {
    const ref = refs.get(name);
    // Unknown refs and failed refs are reported by the render below, which names the value file.
    if (ref?.resolved.ok === true) refShas[name] = `${ref.source.repoURL}@${ref.resolved.sha}`;
  }
  // Helm and Kustomize renders depend on the app (release name, namespace); a plain directory's does not,
  // so it is kept under a key without the app and apps deploying one folder share it.
  const appKey = renderCacheKey(source, sha, { appName: input.appName, namespace: input.destination.namespace ?? '', refs: refShas });
  const sharedKey = renderCacheKey(source, sha, { refs: refShas });
  const cache = ports.renderCache;
  if (cache !== undefined && input.bypassRenderCache !== true) {
    const hit = (await cache.get(sharedKey).catch(() => undefined)) ?? (await cache.get(appKey).catch(() => undefined));
    if (hit !== undefined) return hit;
  }
  const refSources: Record<string, string> = {};
  for (const name of used) {
    const ref = refs.get(name);
    if (ref === undefined) continue;
    if (!ref.resolved.ok) throw new Error(`ref source ${name} could not be loaded: ${errorMessage(ref.resolved.error)}`);
    // As in Argo CD, value files come from Git: a chart's files are not offered to other sources.
    if (ref.source.chart !== undefined) throw new Error(`ref source ${name} is a Helm chart: Helm charts are not supported as ref sources`);
    refSources[name] = await checkouts.dirFor(ref.source, ref.resolved.sha);
  }
  const { repoRoot, source: rendering } = await checkouts.rootFor(source, sha);
  const rendered = await ports.render({ repoRoot, source: rendering, appName: input.appName, namespace: input.destination.namespace ?? '', refSources });
  // A cache that cannot store must not fail a good render.
  if (cache !== undefined) await cache.set(rendered.sourceType === 'Directory' ? sharedKey : appKey, rendered).catch(() => undefined);
  return rendered;
}
