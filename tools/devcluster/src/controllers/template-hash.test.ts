// Template hashing and semantic equality: known vectors, stability, and what counts as "the same".
import { describe, expect, it } from '@jest/globals';
import type { JsonValue } from '../model/json.js';
import { equalIgnoreHash } from './deployment-replicasets.js';
import { generateName, namePrefix } from './generated-names.js';
import { canonicalJson, computeHash, fnv32a, safeEncodeString, semanticEqual } from './template-hash.js';

const TEMPLATE = { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } };

describe('template hash', () => {
  it.each([
    ['', 2166136261],
    ['a', 3826002220],
    ['foobar', 3214735720],
  ])('fnv32a(%j) = %d', (input, expected) => {
    expect(fnv32a(input)).toBe(expected);
  });

  it('safe-encodes decimal digits into 4–9 and b, c, d, f', () => {
    expect(safeEncodeString('1234')).toBe('5678');
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('is stable: a golden value guards against accidental changes', () => {
    expect(computeHash(TEMPLATE)).toBe('6779f558b');
    expect(computeHash(TEMPLATE, 1)).toBe('65ffd6fcdc');
  });

  const same: [string, JsonValue, JsonValue][] = [
    ['key order', { a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 }],
    ['empty and absent fields', { a: 1, labels: {}, list: [], note: null }, { a: 1 }],
    ['nested empties', { spec: { template: { metadata: { annotations: {} } } } }, {}],
  ];
  it.each(same)('treats %s as equal', (_case, a, b) => {
    expect(semanticEqual(a, b)).toBe(true);
    expect(computeHash(a)).toBe(computeHash(b));
  });

  const different: [string, JsonValue, JsonValue][] = [
    ['a changed image', TEMPLATE, { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } }],
    ['array order', [1, 2], [2, 1]],
    ['0 versus absent', { replicas: 0 }, {}],
  ];
  it.each(different)('tells %s apart', (_case, a, b) => {
    expect(semanticEqual(a, b)).toBe(false);
    expect(canonicalJson(a)).not.toBe(canonicalJson(b));
  });

  it('compares pod templates ignoring pod-template-hash', () => {
    const labelled = { metadata: { labels: { app: 'web', 'pod-template-hash': '6779f558b' } }, ...TEMPLATE };
    expect(equalIgnoreHash(labelled, { metadata: { labels: { app: 'web' } }, ...TEMPLATE })).toBe(true);
    expect(equalIgnoreHash(labelled, { metadata: { labels: { app: 'api' } }, ...TEMPLATE })).toBe(false);
  });
});

describe('generated names', () => {
  it('appends five deterministic characters and skips names already taken', () => {
    const taken = new Set<string>();
    const first = generateName('web-6d4cf56db-', 'uid/1700000000000/0', taken);
    expect(first).toBe('web-6d4cf56db-ksddt');
    expect(generateName('web-6d4cf56db-', 'uid/1700000000000/0', taken)).not.toBe(first);
    expect(taken.size).toBe(2);
  });

  it('truncates long prefixes to keep names within 63 characters', () => {
    const long = `${'a'.repeat(70)}-`;
    expect(namePrefix(long)).toHaveLength(58);
    expect(generateName(long, 'seed', new Set())).toHaveLength(63);
  });
});
