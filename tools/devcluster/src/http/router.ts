// Maps a request path to what it addresses: discovery, OpenAPI, health, or a resource endpoint.

/** A parsed request path. */
export type Route =
  | { readonly kind: 'version' }
  | { readonly kind: 'health' }
  | { readonly kind: 'core-versions' }
  | { readonly kind: 'groups' }
  | { readonly kind: 'group'; readonly group: string }
  | { readonly kind: 'resource-list'; readonly group: string; readonly version: string }
  | { readonly kind: 'openapi-root' }
  | { readonly kind: 'openapi-doc'; readonly group: string; readonly version: string }
  | { readonly kind: 'openapi-v2' }
  | ResourceRoute
  | { readonly kind: 'unknown' };

/** A resource endpoint: collection (no name), item, or subresource. */
export interface ResourceRoute {
  readonly kind: 'resource';
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  /** Undefined for cluster-scoped paths and all-namespaces lists. */
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly subresource: string | undefined;
  /** The deprecated /watch/ path prefix was used. */
  readonly legacyWatch: boolean;
}

const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

/** Parses a URL path (no query). */
export function route(pathname: string): Route {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  if (path === '/version') return { kind: 'version' };
  if (HEALTH.has(path) || /^\/(healthz|livez|readyz)\/.+/.test(path)) return { kind: 'health' };
  if (path === '/api') return { kind: 'core-versions' };
  if (path === '/apis') return { kind: 'groups' };
  if (path === '/openapi/v3') return { kind: 'openapi-root' };
  if (path === '/openapi/v2' || path === '/swagger.json') return { kind: 'openapi-v2' };
  const segments = path.split('/').slice(1).map(decodeURIComponent);
  if (segments[0] === 'openapi' && segments[1] === 'v3') {
    if (segments[2] === 'api' && segments.length === 4) return { kind: 'openapi-doc', group: '', version: segments[3] ?? '' };
    if (segments[2] === 'apis' && segments.length === 5) return { kind: 'openapi-doc', group: segments[3] ?? '', version: segments[4] ?? '' };
    return { kind: 'unknown' };
  }
  if (segments[0] === 'api' && segments.length >= 2) return resourcePath('', segments[1] ?? '', segments.slice(2));
  if (segments[0] === 'apis' && segments.length === 2) return { kind: 'group', group: segments[1] ?? '' };
  if (segments[0] === 'apis' && segments.length >= 3) return resourcePath(segments[1] ?? '', segments[2] ?? '', segments.slice(3));
  return { kind: 'unknown' };
}

function resourcePath(group: string, version: string, rest: string[]): Route {
  if (rest.length === 0) return { kind: 'resource-list', group, version };
  const legacyWatch = rest[0] === 'watch';
  const segs = legacyWatch ? rest.slice(1) : rest;
  const base = { kind: 'resource' as const, group, version, legacyWatch };
  const namespacesSub = group === '' && segs.length === 3 && (segs[2] === 'status' || segs[2] === 'finalize');
  if (segs[0] === 'namespaces' && segs.length >= 3 && !namespacesSub) {
    if (segs.length > 5) return { kind: 'unknown' };
    return { ...base, namespace: segs[1], resource: segs[2] ?? '', name: segs[3], subresource: segs[4] };
  }
  if (segs.length === 0 || segs.length > 3) return { kind: 'unknown' };
  return { ...base, namespace: undefined, resource: segs[0] ?? '', name: segs[1], subresource: segs[2] };
}
