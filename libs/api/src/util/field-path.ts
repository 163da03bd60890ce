// Field paths as users read them in errors: `spec.sources[1].repoURL`, `metadata.labels["app.kubernetes.io/name"]`.

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Joins path segments into the dotted form: numbers become `[i]`, keys that are not plain identifiers
 * become `["key"]`. Example: `['spec', 'sources', 1, 'repoURL']` → `spec.sources[1].repoURL`.
 */
export function joinPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * Converts an RFC 6901 JSON pointer (as ajv reports `instancePath`) into segments; all-digit segments
 * become array indexes. Example: `/spec/sources/1/repoURL` → `['spec', 'sources', 1, 'repoURL']`.
 */
export function pointerToSegments(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}
