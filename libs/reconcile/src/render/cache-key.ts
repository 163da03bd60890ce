// A stable key for a rendered source, so identical renders are served from a cache.
import { createHash } from 'node:crypto';
import type { ApplicationSource } from '@driftless/api';

/** Render inputs beyond the source that change the output (Helm's release name, namespace, versions). */
export interface RenderCacheContext {
  appName?: string;
  namespace?: string;
  kubeVersion?: string;
  apiVersions?: readonly string[];
  /** `repoURL@commit` of each `ref` source whose files the render reads (`$ref/values.yaml`), by ref name. */
  refs?: Readonly<Record<string, string>>;
}

/** JSON with object keys sorted at every level and `undefined` fields dropped, so equal inputs serialise equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item: unknown) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * `render:` plus the SHA-256 (hex) of the canonical JSON of the source (repo, path, tool options), the
 * resolved commit `sha` and `context`. Equal inputs give equal keys whatever the key order of the
 * objects; any difference in them gives a different key.
 * Example: `renderCacheKey({repoURL, path: 'app'}, 'abc')` is `render:` + 64 hex digits.
 */
export function renderCacheKey(source: ApplicationSource, sha: string, context: RenderCacheContext = {}): string {
  const digest = createHash('sha256').update(canonicalJson({ source, sha, context })).digest('hex');
  return `render:${digest}`;
}
