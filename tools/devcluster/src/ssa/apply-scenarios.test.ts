// Walks __fixtures__/apply/*.yaml: each file is a sequence of writes (apply, update, store) against one
// stored object, with the object, managedFields, conflicts or message expected after some steps.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { JsonObject } from '../model/json.js';
import { builtinSchema, conflictCauses, conflictMessage, recordUpdate, serverSideApply } from './index.js';
import type { ApplyConflict } from './index.js';
import { withoutManagedFields } from './object-fields.js';

interface Step {
  readonly op: 'apply' | 'update' | 'store';
  readonly manager?: string;
  readonly force?: boolean;
  readonly subresource?: string;
  readonly object: JsonObject;
  readonly expect?: {
    readonly object?: JsonObject;
    readonly managedFields?: JsonObject[];
    readonly conflicts?: ApplyConflict[];
    readonly message?: string;
  };
}

interface Scenario {
  /** `group/version/Kind`, core kinds as `v1/Kind`. */
  readonly kind: string;
  readonly steps: readonly Step[];
}

const FIXTURES = new URL('./__fixtures__/apply/', import.meta.url);
const START = Date.UTC(2024, 4, 1, 10, 0, 0);

function kindOf(key: string): { group: string; version: string; kind: string } {
  const parts = key.split('/');
  return parts.length === 2 ? { group: '', version: parts[0] ?? '', kind: parts[1] ?? '' } : { group: parts[0] ?? '', version: parts[1] ?? '', kind: parts[2] ?? '' };
}

function runStep(stored: JsonObject | undefined, step: Step, index: number, scenario: Scenario): JsonObject | undefined {
  const gvk = kindOf(scenario.kind);
  const apiVersion = gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
  const common = { manager: step.manager ?? 'test', apiVersion, schema: builtinSchema(gvk), now: new Date(START + index * 60_000), ...(step.subresource === undefined ? {} : { subresource: step.subresource }) };
  if (step.op === 'store') return step.object;
  if (step.op === 'update') return recordUpdate({ before: stored, after: step.object, ...common });

  const result = serverSideApply({ live: stored, applied: step.object, force: step.force ?? false, ...common });
  if (step.expect?.conflicts !== undefined) {
    expect(result).toEqual({ ok: false, conflicts: step.expect.conflicts });
    if (!result.ok) {
      if (step.expect.message !== undefined) expect(conflictMessage(result.conflicts)).toBe(step.expect.message);
      expect(conflictCauses(result.conflicts).map((cause) => cause.field)).toEqual(step.expect.conflicts.map((conflict) => conflict.field));
    }
    return stored;
  }
  if (!result.ok) throw new Error(`step ${index}: unexpected conflicts: ${conflictMessage(result.conflicts)}`);
  return result.object;
}

describe('server-side apply scenarios', () => {
  const files = readdirSync(FIXTURES).filter((file) => file.endsWith('.yaml'));

  it.each(files)('%s', (file) => {
    const scenario = parse(readFileSync(new URL(file, FIXTURES), 'utf8')) as Scenario;
    let stored: JsonObject | undefined;
    scenario.steps.forEach((step, index) => {
      stored = runStep(stored, step, index, scenario);
      if (stored === undefined) throw new Error(`step ${index} left no object`);
      const metadata = stored['metadata'] as JsonObject | undefined;
      if (step.expect?.object !== undefined) expect(withoutManagedFields(stored)).toEqual(step.expect.object);
      if (step.expect?.managedFields !== undefined) expect(metadata?.['managedFields'] ?? []).toEqual(step.expect.managedFields);
    });
  });
});
