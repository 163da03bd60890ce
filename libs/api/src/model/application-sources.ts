// Which sources an Application actually uses: Argo CD ignores `spec.source` whenever `spec.sources` is set.

import type { ApplicationSource } from '../types/application-source.js';
import type { ApplicationSpec } from '../types/application.js';

/** True when the application renders `spec.sources` (non-empty), in which case `spec.source` is ignored. */
export function hasMultipleSources(spec: Pick<ApplicationSpec, 'sources'>): boolean {
  return (spec.sources?.length ?? 0) > 0;
}

/** The sources to render, in order: `spec.sources` when non-empty, else `[spec.source]`, else `[]`. */
export function applicationSources(spec: Pick<ApplicationSpec, 'source' | 'sources'>): ApplicationSource[] {
  if (spec.sources !== undefined && spec.sources.length > 0) return spec.sources;
  return spec.source !== undefined ? [spec.source] : [];
}
