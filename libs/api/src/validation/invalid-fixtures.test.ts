// Broken manifests are rejected with every problem and its field path, in one pass. Each
// `__fixtures__/invalid/<case>.yaml` has a `<case>.expected.yaml` listing the problems.

import { describe, expect, it } from '@jest/globals';
import type { FieldProblem } from '../errors/driftless-error.js';
import { fixtureNames, loadYaml } from '../testing/load-yaml.js';
import { validateResource } from './validate-resource.js';

interface Expected {
  problems: FieldProblem[];
  strictProblems?: FieldProblem[];
}

const cases = fixtureNames(import.meta.url, './__fixtures__/invalid/')
  .filter((name) => !name.endsWith('.expected.yaml'))
  .map((name) => [name.replace(/\.yaml$/, '')] as const);

describe('invalid manifests', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(5);
  });

  it.each(cases)('%s: reports every expected problem', (name) => {
    const manifest = loadYaml(import.meta.url, `./__fixtures__/invalid/${name}.yaml`);
    const expected = loadYaml<Expected>(import.meta.url, `./__fixtures__/invalid/${name}.expected.yaml`);
    expect(validateResource(manifest)).toEqual(expected.problems);
    expect(validateResource(manifest, { strict: true })).toEqual(expected.strictProblems ?? expected.problems);
  });
});
