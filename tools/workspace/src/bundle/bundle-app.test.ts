// The release bundle of an app runs under plain node: every module loads (CommonJS named exports
// included) and files shipped inside workspace libraries are still found.
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bundleApp, packageName } from './bundle-app.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
// Inside the repository, so the packages left external resolve from its node_modules as in a release.
const OUT = path.join(ROOT, 'node_modules', '.cache', `bundle-test-${randomUUID().slice(0, 8)}`);

afterAll(() => rm(OUT, { recursive: true, force: true }));

async function runBundle(outfile: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [outfile], { env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('bundleApp', () => {
  it('bundles the worker so that plain node starts it and reaches its configuration checks', async () => {
    // Given the worker bundled from its TypeScript entry
    const outfile = path.join(OUT, 'worker.js');
    const bundle = await bundleApp({ entry: path.join(ROOT, 'apps/worker/src/main.ts'), outfile });
    expect(bundle.external).toEqual(['jq-wasm', 'wasmoon']);
    // When it runs under node without tsx, with a kubeconfig that does not exist
    const result = await runBundle(outfile, { REDIS_URL: 'redis://127.0.0.1:6379', KUBECONFIG: '/nonexistent/kubeconfig', DRIFTLESS_WORKER_METRICS_PORT: '0' });
    // Then every module loaded and the worker stops at the kubeconfig, naming it
    expect(result.stderr).toContain('driftless worker: cannot load the kubeconfig /nonexistent/kubeconfig (KUBECONFIG)');
    expect(result.code).toBe(1);
  }, 120_000);

  it('keeps files shipped in a workspace library reachable from the bundle', async () => {
    const outfile = path.join(OUT, 'crd-count.js');
    await bundleApp({ entry: path.join(ROOT, 'tools/workspace/src/__fixtures__/bundle/crd-count.ts'), outfile });
    const result = await runBundle(outfile, {});
    expect(result).toMatchObject({ code: 0, stdout: 'AnalysisRun,AnalysisTemplate,Application,AppProject,ClusterAnalysisTemplate,Rollout\n' });
  }, 60_000);

  it('rejects with the compiler message when an import cannot be resolved', async () => {
    await expect(bundleApp({ entry: path.join(ROOT, 'tools/workspace/src/__fixtures__/bundle/missing.ts'), outfile: path.join(OUT, 'missing.js') })).rejects.toThrow(/missing\.ts/);
  });
});

describe('packageName', () => {
  it.each([
    ['yaml', 'yaml'],
    ['pino/file', 'pino'],
    ['@kubernetes/client-node', '@kubernetes/client-node'],
    ['@aws-sdk/client-s3/dist/x.js', '@aws-sdk/client-s3'],
  ])('%s belongs to %s', (specifier, name) => {
    expect(packageName(specifier)).toBe(name);
  });
});
