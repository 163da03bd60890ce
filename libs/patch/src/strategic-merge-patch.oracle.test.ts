// Referees our strategic merge patch against real kubectl (`kubectl patch --local`) on every fixture
// and on a probe of every kind's patch metadata. Needs kubectl; fails, never skips, without it.
// UPDATE_SMP_FIXTURES=1 rewrites the <case>.expected.json files from kubectl's output.
import { describe, expect, it, beforeAll, afterAll } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { JsonObject } from './json.js';
import { PatchError } from './patch-error.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';
import { stripLeftovers } from './strategic/directives.js';
import { describePatchMeta } from './strategic/patch-meta.js';
import { patchMetaForKind, strategicMergeKinds } from './strategic/schemas/kinds.js';
import { findKubectl, kubectlPatch } from './test-support/kubectl-oracle.js';
import type { OracleResult } from './test-support/kubectl-oracle.js';
import { buildSchemaProbe } from './test-support/schema-probe.js';
import { loadSmpFixtures, SMP_FIXTURE_DIR } from './test-support/smp-fixtures.js';

const UPDATE = process.env['UPDATE_SMP_FIXTURES'] === '1';

// Served by kube-apiserver's aggregated servers, not registered in kubectl's scheme: kubectl refuses
// them locally, so their (metadata-only or conditions) tables are checked by review, not here.
const KUBECTL_UNKNOWN = new Set(['apiextensions.k8s.io/CustomResourceDefinition', 'apiregistration.k8s.io/APIService']);

/** Ours, as a result comparable with kubectl's: the object, or the failure reason. */
function ours(original: JsonObject, patch: JsonObject, kind: { group: string; version: string; kind: string }): { ok: true; object: JsonObject } | { ok: false; reason: string } {
  try {
    return { ok: true, object: applyStrategicMergePatch(original, patch, kind) };
  } catch (err) {
    if (err instanceof PatchError) return { ok: false, reason: `${err.reason}: ${err.message}` };
    throw err;
  }
}

/** Kubectl's output as we store objects: upstream leftovers stripped (see directives.ts). */
function theirs(result: OracleResult): { ok: true; object: JsonObject } | { ok: false; stderr: string } {
  if (!result.ok) return result;
  return { ok: true, object: stripLeftovers(result.object) as JsonObject };
}

/** Runs `jobs` two at a time: the machine's two cores are shared. */
async function inPairs<T>(jobs: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < jobs.length; i += 2) results.push(...(await Promise.all(jobs.slice(i, i + 2).map((job) => job()))));
  return results;
}

describe('strategic merge patch agrees with kubectl patch --local', () => {
  let kubectl = '';
  let workDir = '';

  beforeAll(async () => {
    kubectl = await findKubectl();
    workDir = mkdtempSync(join(tmpdir(), 'smp-oracle-'));
  });
  afterAll(() => {
    if (workDir !== '') rmSync(workDir, { recursive: true, force: true });
  });

  it('on every fixture', async () => {
    const fixtures = loadSmpFixtures();
    expect(fixtures.length).toBeGreaterThan(20);
    const verdicts = await inPairs(
      fixtures.map((fixture) => async () => {
        const oracle = theirs(await kubectlPatch(kubectl, fixture.originalFile, fixture.patch));
        if (UPDATE && oracle.ok && fixture.error === undefined) {
          writeFileSync(join(SMP_FIXTURE_DIR, `${fixture.name}.expected.json`), `${JSON.stringify(oracle.object, null, 2)}\n`);
        }
        const mine = ours(fixture.original, fixture.patch, fixture.kind);
        // Both succeed with equal objects, or both refuse a patch the fixture says is refused.
        const agree = oracle.ok && mine.ok ? isDeepStrictEqual(oracle.object, mine.object) : !oracle.ok && !mine.ok && fixture.error !== undefined;
        return { name: fixture.name, agree, kubectl: oracle, ours: mine };
      }),
    );
    expect(verdicts.filter((verdict) => !verdict.agree)).toEqual([]);
  });

  it('on a probe of every tagged field of every distinct kind table', async () => {
    // One kind per distinct table: kinds with the same tagged paths would rerun the same probe.
    const seen = new Set<string>();
    const kinds = strategicMergeKinds().filter((gvk) => {
      const signature = describePatchMeta(patchMetaForKind(gvk) ?? {}).join('\n');
      if (KUBECTL_UNKNOWN.has(`${gvk.group}/${gvk.kind}`) || seen.has(signature)) return false;
      seen.add(signature);
      return true;
    });
    const verdicts = await inPairs(
      kinds.map((gvk) => async () => {
        const schema = patchMetaForKind(gvk);
        if (schema === undefined) throw new Error(`no patch metadata for ${gvk.kind}`);
        const probe = buildSchemaProbe(schema);
        const apiVersion = gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
        const metadata = { ...(probe.original['metadata'] as JsonObject), name: 'probe' };
        const original: JsonObject = { ...probe.original, apiVersion, kind: gvk.kind, metadata };
        const file = join(workDir, `${gvk.group}-${gvk.version}-${gvk.kind}.json`);
        writeFileSync(file, JSON.stringify(original));
        const oracle = theirs(await kubectlPatch(kubectl, file, probe.patch));
        const mine = ours(original, probe.patch, gvk);
        const agree = oracle.ok && mine.ok && isDeepStrictEqual(oracle.object, mine.object);
        return { kind: `${apiVersion}/${gvk.kind}`, agree, kubectl: oracle, ours: mine };
      }),
    );
    expect(verdicts.filter((verdict) => !verdict.agree)).toEqual([]);
  });
});
