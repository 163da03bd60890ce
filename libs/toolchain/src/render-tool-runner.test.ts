// The render ToolRunner against real child processes (node itself stands in for helm and kustomize).
import { describe, expect, it } from '@jest/globals';
import { createRenderToolRunner } from './render-tool-runner.js';
import { ToolSpawnError } from './errors.js';
import type { ResolvedTool } from './tool-types.js';

const node = (name: 'helm' | 'kustomize', args: string[] = []): ResolvedTool => ({ name, command: process.execPath, args, version: process.version, source: 'env' });
const cwd = process.cwd();

describe('createRenderToolRunner', () => {
  it('returns output and exit code, with extra environment variables', async () => {
    const runner = createRenderToolRunner({ helm: node('helm'), kustomize: node('kustomize') });
    const script = 'process.stdout.write(process.env.EXTRA ?? ""); process.stderr.write("warn"); process.exit(3)';
    const result = await runner.run('helm', ['-e', script], { cwd, timeoutMs: 60_000, env: { EXTRA: 'yes' } });
    expect(result).toEqual({ stdout: 'yes', stderr: 'warn', exitCode: 3 });
  });

  it('reports a child stopped at its deadline as timedOut, even when it ignores SIGTERM', async () => {
    const runner = createRenderToolRunner({ helm: node('helm'), kustomize: node('kustomize') }, { killGraceMs: 10 });
    const script = 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000); process.stdout.write("started")';
    const result = await runner.run('helm', ['-e', script], { cwd, timeoutMs: 200 });
    expect(result).toMatchObject({ timedOut: true });
  });

  it('reports a child that writes more than allowed as outputLimitExceeded', async () => {
    const runner = createRenderToolRunner({ helm: node('helm'), kustomize: node('kustomize') }, { maxOutputBytes: 10 });
    const result = await runner.run('helm', ['-e', 'process.stdout.write("x".repeat(1000))'], { cwd, timeoutMs: 60_000 });
    expect(result).toMatchObject({ outputLimitExceeded: true });
  });

  it('drops `build` for kustomize served by `kubectl kustomize`', async () => {
    const kubectlLike = node('kustomize', ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', 'kustomize']);
    const runner = createRenderToolRunner({ helm: node('helm'), kustomize: kubectlLike });
    const result = await runner.run('kustomize', ['build', '/dir'], { cwd, timeoutMs: 60_000 });
    expect(JSON.parse(result.stdout)).toEqual(['kustomize', '/dir']);
  });

  it('rejects with ToolSpawnError when the binary cannot start', async () => {
    const runner = createRenderToolRunner({ helm: { ...node('helm'), command: '/nonexistent/helm' }, kustomize: node('kustomize') });
    await expect(runner.run('helm', ['version'], { cwd, timeoutMs: 60_000 })).rejects.toBeInstanceOf(ToolSpawnError);
  });
});
