import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { UnstructuredObject } from '@driftless/api';
import { diffResource } from './diff-resource.js';
import type { DiffInput, DiffResult } from './diff-resource.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');

/** `<name>.expected.yaml`: optional diff `options`, then the expected result (objects matched partially). */
interface Expected extends Partial<DiffResult> {
  options?: Omit<DiffInput, 'config' | 'live'>;
}

function load<T>(file: string): T {
  return parse(readFileSync(join(FIXTURES, file), 'utf8')) as T;
}

const cases = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.config.yaml'))
  .map((file) => file.slice(0, -'.config.yaml'.length))
  .sort();

describe('diffResource fixtures', () => {
  it('finds the fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('%s', async (name) => {
    const { options, normalizedLive, predictedLive, patch, ...exact } = load<Expected>(`${name}.expected.yaml`);
    const result = await diffResource({
      ...options,
      config: load<UnstructuredObject>(`${name}.config.yaml`),
      live: load<UnstructuredObject>(`${name}.live.yaml`),
    });
    expect(result).toMatchObject(exact);
    if (normalizedLive !== undefined) expect(result.normalizedLive).toMatchObject(normalizedLive ?? {});
    if (predictedLive !== undefined) expect(result.predictedLive).toMatchObject(predictedLive ?? {});
    if (patch !== undefined) expect(result.patch).toEqual(patch);
    if (result.modified === false) expect(result.patch).toBeUndefined();
    expect(JSON.stringify(result)).not.toMatch(/uid|resourceVersion|last-applied-configuration|tracking-id/);
  });
});
