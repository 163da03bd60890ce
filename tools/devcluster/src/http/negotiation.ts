// Content negotiation: what the Accept header asks for and which request bodies we can decode.
import { notAcceptable } from '../errors/statuses.js';

/** The response representation chosen from an Accept header. */
export type Representation = 'json' | 'table' | 'aggregated-discovery';

interface MediaRange {
  readonly type: string;
  readonly params: Readonly<Record<string, string>>;
}

function parseAccept(header: string): MediaRange[] {
  return header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [type = '', ...rest] = part.split(';').map((p) => p.trim());
      const params: Record<string, string> = {};
      for (const p of rest) {
        const at = p.indexOf('=');
        if (at > 0) params[p.slice(0, at).toLowerCase()] = p.slice(at + 1);
      }
      return { type: type.toLowerCase(), params };
    });
}

const JSONISH = new Set(['application/json', '*/*', 'application/*', 'application/yaml']);

/**
 * Picks the first Accept entry we can produce: Tables (meta.k8s.io v1/v1beta1) when `tableOk`,
 * aggregated discovery v2 when `discoveryOk`, plain JSON otherwise; 406 when none is possible
 * (e.g. protobuf only). A missing header means JSON.
 */
export function negotiate(accept: string | undefined, options: { tableOk: boolean; discoveryOk: boolean }): Representation {
  if (accept === undefined || accept.trim() === '') return 'json';
  for (const range of parseAccept(accept)) {
    const as = range.params['as'];
    if (range.type === 'application/json' && as === 'Table' && range.params['g'] === 'meta.k8s.io') {
      if (options.tableOk) return 'table';
      continue;
    }
    if (range.type === 'application/json' && as === 'APIGroupDiscoveryList' && range.params['g'] === 'apidiscovery.k8s.io' && range.params['v'] === 'v2') {
      if (options.discoveryOk) return 'aggregated-discovery';
      continue;
    }
    if (as !== undefined) continue;
    if (JSONISH.has(range.type)) return 'json';
  }
  throw notAcceptable(`only the following media types are accepted: application/json, application/yaml, application/json;as=Table;v=v1;g=meta.k8s.io`);
}
