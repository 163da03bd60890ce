// The exec ToolRunner against real child processes (node itself stands in for helm and kustomize).
import { describe, expect, it } from '@jest/globals';
import { UnavailableError } from '@driftless/api';
import { createExecToolRunner } from './exec-runner.js';

const node = { command: process.execPath, args: [] as string[] };
const cwd = process.cwd();

describe('createExecToolRunner', () => {
  it('returns output and exit code, with extra environment variables', async () => {
    const runner = createExecToolRunner({ helm: node, kustomize: node });
    const script = 'process.stdout.write(process.env.EXTRA ?? ""); process.stderr.write("warn"); process.exit(3)';
    const result = await runner.run('helm', ['-e', script], { cwd, timeoutMs: 60_000, env: { EXTRA: 'yes' } });
    expect(result).toEqual({ stdout: 'yes', stderr: 'warn', exitCode: 3, timedOut: false, outputLimitExceeded: false });
  });

  it('stops a child that outlives its deadline, with SIGKILL when it ignores SIGTERM', async () => {
    const runner = createExecToolRunner({ helm: node, kustomize: node }, { killGraceMs: 10 });
    const script = 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000); process.stdout.write("started")';
    const result = await runner.run('helm', ['-e', script], { cwd, timeoutMs: 200, env: {} });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBe(137);
  });

  it('stops a child that writes more than allowed', async () => {
    const runner = createExecToolRunner({ helm: node, kustomize: node }, { maxOutputBytes: 10 });
    const result = await runner.run('helm', ['-e', 'process.stdout.write("x".repeat(1000))'], { cwd, timeoutMs: 60_000 });
    expect(result.outputLimitExceeded).toBe(true);
  });

  it('drops `build` for kustomize served by `kubectl kustomize`', async () => {
    const kubectlLike = { command: process.execPath, args: ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', 'kustomize'] };
    const runner = createExecToolRunner({ helm: node, kustomize: kubectlLike });
    const result = await runner.run('kustomize', ['build', '/dir'], { cwd, timeoutMs: 60_000 });
    expect(JSON.parse(result.stdout)).toEqual(['kustomize', '/dir']);
  });

  it('rejects with UnavailableError when the binary cannot start', async () => {
    const runner = createExecToolRunner({ helm: { command: '/nonexistent/helm', args: [] }, kustomize: node });
    await expect(runner.run('helm', ['version'], { cwd, timeoutMs: 60_000 })).rejects.toBeInstanceOf(UnavailableError);
  });
});
