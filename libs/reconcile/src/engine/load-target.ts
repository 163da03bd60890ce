// Loads the desired state of an application: resolve each source's revision, check it out into a fresh
// temp dir, render it, and remove the checkout again.
import type { ApplicationCondition, ApplicationDestination, ApplicationSource, SourceType, UnstructuredObject } from '@driftless/api';
import { stageError } from './conditions.js';
import type { EngineOptions } from './engine-types.js';

/** What {@link loadTarget} found: per-source revisions and tools, all objects, and the failures. */
export interface LoadedTarget {
  /** Resolved commit per source, `''` where resolution failed; same order as the sources. */
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
  appName: string;
  destination: ApplicationDestination;
  now: string;
}

type Ports = Pick<EngineOptions, 'repos' | 'render' | 'tempDir'>;

// A `ref`-only entry of `spec.sources` supplies files to the others (`$ref/values.yaml`) and renders nothing.
function isRefOnly(source: ApplicationSource): boolean {
  return source.ref !== undefined && source.path === undefined && source.chart === undefined;
}

/**
 * Loads every source in order; a failing source adds a condition and the others still load, so all
 * problems show at once. Helm chart repositories (`chart` set) are not supported yet and fail with a
 * condition saying so. Never rejects for a failing port; the temp dir is removed whatever happens.
 */
export async function loadTarget(input: LoadTargetInput, ports: Ports): Promise<LoadedTarget> {
  const loaded: LoadedTarget = { revisions: [], sourceTypes: [], objects: [], conditions: [] };
  const total = input.sources.length;
  for (const [index, source] of input.sources.entries()) {
    const where = total > 1 ? `source ${index + 1} of ${total}` : undefined;
    const fail = (error: unknown): void => {
      loaded.conditions.push(stageError('target', error, input.now, where));
    };
    if (source.chart !== undefined) {
      loaded.revisions.push('');
      fail(`Helm chart repositories are not supported yet (chart ${source.chart} from ${source.repoURL})`);
      continue;
    }
    let sha: string;
    try {
      sha = (await ports.repos.resolveRevision(source.repoURL, source.targetRevision ?? 'HEAD')).sha;
      loaded.revisions.push(sha);
    } catch (error) {
      loaded.revisions.push('');
      fail(error);
      continue;
    }
    if (isRefOnly(source)) continue;
    try {
      const rendered = await checkoutAndRender(source, sha, input, ports);
      loaded.sourceTypes.push(rendered.sourceType);
      loaded.objects.push(...rendered.objects);
    } catch (error) {
      fail(error);
    }
  }
  return loaded;
}

async function checkoutAndRender(source: ApplicationSource, sha: string, input: LoadTargetInput, ports: Ports) {
  const dir = await ports.tempDir();
  try {
    await ports.repos.checkout(source.repoURL, sha, dir.path);
    return await ports.render({ repoRoot: dir.path, source, appName: input.appName, namespace: input.destination.namespace ?? '' });
  } finally {
    // A folder that cannot be removed must not turn a good render into a failure.
    await dir.cleanup().catch(() => undefined);
  }
}
