// The layer rules of ARCHITECTURE.md are enforced by lint: real fixture files that break them must be
// rejected, and one that keeps them must pass.
import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Lints one workspace file (fixtures are ignored by the normal lint run) and returns "rule: message" lines. */
async function lint(relativeFile: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: workspaceRoot, ignore: false });
  const [result] = await eslint.lintFiles([path.join(workspaceRoot, relativeFile)]);
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer rules', () => {
  it('rejects a queue import and an adapter-library import in libs/rollouts', async () => {
    const messages = await lint('libs/rollouts/src/__fixtures__/layer-violation.ts');
    expect(messages).toEqual(
      expect.arrayContaining([
        '@nx/enforce-module-boundaries: A project tagged with "type:domain" is not allowed to import "bullmq"',
        '@nx/enforce-module-boundaries: A project tagged with "type:domain" can only depend on libs tagged with "type:domain", "type:util"',
      ]),
    );
  });

  it('rejects client-node and child_process in the reconcile core', async () => {
    const messages = await lint('libs/reconcile/src/diff/__fixtures__/layer-violation.ts');
    expect(messages).toEqual(
      expect.arrayContaining([
        '@nx/enforce-module-boundaries: A project tagged with "type:domain" is not allowed to import "@kubernetes/client-node"',
        expect.stringMatching(/^no-restricted-imports: 'node:child_process' import is restricted/),
      ]),
    );
  });

  it('rejects ioredis in libs/rbac', async () => {
    const messages = await lint('libs/rbac/src/__fixtures__/layer-violation.ts');
    expect(messages).toContain('@nx/enforce-module-boundaries: A project tagged with "type:domain" is not allowed to import "ioredis"');
  });

  it('lets an adapter library use client-node', async () => {
    expect(await lint('libs/kube/src/__fixtures__/layer-allowed.ts')).toEqual([]);
  });

  it('rejects an import cycle', async () => {
    const messages = await lint('tools/workspace/src/__fixtures__/cycle/a.ts');
    expect(messages).toEqual([expect.stringMatching(/^import-x\/no-cycle: Dependency cycle detected/)]);
  });
});
