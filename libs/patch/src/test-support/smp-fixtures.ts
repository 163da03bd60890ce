// Loads the strategic-merge-patch fixtures: <case>.original.json, .patch.json and .expected.json or .error.json.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isJsonObject } from '../json.js';
import type { JsonObject } from '../json.js';
import type { PatchErrorReason } from '../patch-error.js';

/** The folder holding the fixtures. */
export const SMP_FIXTURE_DIR = fileURLToPath(new URL('../__fixtures__/smp/', import.meta.url));

/** One fixture: what to patch, the patch, and what kubectl produced from them (or how it failed). */
export interface SmpFixture {
  readonly name: string;
  readonly originalFile: string;
  readonly original: JsonObject;
  readonly patch: JsonObject;
  /** Kubectl's result with leftovers stripped; absent for error cases and not-yet-generated ones. */
  readonly expected?: JsonObject;
  /** For cases kubectl refuses: the reason we throw and a fragment of the message. */
  readonly error?: { readonly reason: PatchErrorReason; readonly message: string };
  readonly kind: { readonly group: string; readonly version: string; readonly kind: string };
}

function readObject(file: string): JsonObject {
  const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isJsonObject(value)) throw new Error(`${file} does not hold a JSON object`);
  return value;
}

function kindOf(object: JsonObject, name: string): SmpFixture['kind'] {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') throw new Error(`${name}: original needs apiVersion and kind`);
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion, kind } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1), kind };
}

/** Every fixture in {@link SMP_FIXTURE_DIR}, sorted by name. */
export function loadSmpFixtures(): SmpFixture[] {
  const files = readdirSync(SMP_FIXTURE_DIR);
  const names = files
    .filter((file) => file.endsWith('.original.json'))
    .map((file) => file.slice(0, -'.original.json'.length))
    .sort();
  return names.map((name) => {
    const originalFile = join(SMP_FIXTURE_DIR, `${name}.original.json`);
    const original = readObject(originalFile);
    const expectedFile = `${name}.expected.json`;
    const errorFile = `${name}.error.json`;
    const error = files.includes(errorFile) ? readObject(join(SMP_FIXTURE_DIR, errorFile)) : undefined;
    return {
      name,
      originalFile,
      original,
      patch: readObject(join(SMP_FIXTURE_DIR, `${name}.patch.json`)),
      ...(files.includes(expectedFile) ? { expected: readObject(join(SMP_FIXTURE_DIR, expectedFile)) } : {}),
      ...(error === undefined ? {} : { error: { reason: error['reason'] as PatchErrorReason, message: String(error['message']) } }),
      kind: kindOf(original, name),
    };
  });
}
