// Test support: reads YAML fixtures (one or many documents) relative to a test file.

import { readFileSync, readdirSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

/** Every document of the YAML file at `relativePath` from `base` (pass `import.meta.url`), as plain values. */
export function loadYamlDocuments(base: string, relativePath: string): unknown[] {
  const text = readFileSync(new URL(relativePath, base), 'utf8');
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${relativePath}: ${doc.errors[0]?.message ?? 'invalid YAML'}`);
      return doc.toJS() as unknown;
    })
    .filter((value) => value !== null && value !== undefined);
}

/** The single document of a YAML fixture. */
export function loadYaml<T = unknown>(base: string, relativePath: string): T {
  const [first] = loadYamlDocuments(base, relativePath);
  return first as T;
}

/** File names in a fixture folder (relative to `base`) that end with `suffix`, sorted. */
export function fixtureNames(base: string, folder: string, suffix = '.yaml'): string[] {
  return readdirSync(new URL(folder, base))
    .filter((name) => name.endsWith(suffix))
    .sort();
}
