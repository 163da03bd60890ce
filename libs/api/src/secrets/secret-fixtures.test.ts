// Secret parsers on valid and broken Secrets. Each `__fixtures__/<case>.yaml` has a `<case>.expected.yaml`
// with either the parsed `result` or the `error` message; no message may contain a Secret value.

import { describe, expect, it } from '@jest/globals';
import { InvalidInputError } from '../errors/driftless-error.js';
import { fixtureNames, loadYaml } from '../testing/load-yaml.js';
import type { Secret } from '../types/kube-object.js';
import { parseArgoSecret } from './argo-secret.js';
import { parseClusterSecret } from './cluster.js';
import { parseRepositorySecret } from './repository.js';

interface Expected {
  result?: unknown;
  error?: string;
}

const cases = fixtureNames(import.meta.url, './__fixtures__/')
  .filter((name) => !name.endsWith('.expected.yaml'))
  .map((name) => name.replace(/\.yaml$/, ''));

// Every value a Secret holds, decoded, plus every string inside JSON values: none may leak into messages.
// (`name` is the display name, usually the Secret's own name, which messages do show.)
function secretValues(secret: Secret): string[] {
  const values = [
    ...Object.entries(secret.data ?? {})
      .filter(([key]) => key !== 'name')
      .map(([, v]) => (/^[A-Za-z0-9+/]*={0,2}$/.test(v) ? Buffer.from(v, 'base64').toString('utf8') : v)),
    ...Object.entries(secret.stringData ?? {})
      .filter(([key]) => key !== 'name')
      .map(([, v]) => String(v)),
  ];
  const leaves = (value: unknown): string[] =>
    typeof value === 'string' || typeof value === 'number' ? [String(value)] : typeof value === 'object' && value !== null ? Object.values(value).flatMap(leaves) : [];
  for (const value of [...values]) {
    try {
      values.push(...leaves(JSON.parse(value)));
    } catch {
      // not JSON: the raw value is already listed
    }
  }
  // Short words ("true", "git") would match message text by chance; real credentials are longer.
  return values.filter((v) => v.length >= 6 && !/^(true|false)$/.test(v));
}

function parse(name: string, secret: Secret): unknown {
  if (name.startsWith('cluster-')) return parseClusterSecret(secret);
  if (name.startsWith('repository-')) return parseRepositorySecret(secret);
  return parseArgoSecret(secret);
}

describe('secret fixtures', () => {
  it.each(cases)('%s', (name) => {
    const secret = loadYaml<Secret>(import.meta.url, `./__fixtures__/${name}.yaml`);
    const expected = loadYaml<Expected>(import.meta.url, `./__fixtures__/${name}.expected.yaml`);
    if (expected.error === undefined) {
      expect(parse(name, secret)).toEqual(expected.result);
      return;
    }
    let caught: unknown;
    try {
      parse(name, secret);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    const error = caught as InvalidInputError;
    expect(error.message).toBe(expected.error);
    expect(error.problems.length).toBe(expected.error.split('; ').length);
    for (const value of secretValues(secret)) expect(error.message).not.toContain(value);
    expect(JSON.stringify(error.problems)).not.toMatch(/token|hunter2|p4ss|plain-text/);
  });
});
