import { afterAll, beforeAll, describe, it, expect } from '@jest/globals';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createBareRepo } from './bare-repo.js';
import { runGit } from './run-git.js';
import { initWorkRepo, makeTempDir } from './test-support.js';

const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

function startCli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(TSX, [CLI, ...args], { stdio: 'pipe' });
}

/** Resolves with the first stdout line, or rejects with stderr if the process exits first. */
function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const newline = out.indexOf('\n');
      if (newline >= 0) resolve(out.slice(0, newline));
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('close', (code) => reject(new Error(`cli exited ${String(code)} before its ready line: ${err}`)));
  });
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.on('close', (code) => resolve(code)));
}

describe('gitserver CLI', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;

  beforeAll(async () => {
    temp = await makeTempDir();
  });

  afterAll(async () => {
    await temp.cleanup();
  });

  it('prints its ready line, serves the root and stops on SIGTERM', async () => {
    await createBareRepo(temp.path, 'demo.git');
    const child = startCli(['--root', temp.path, '--port', '0']);
    try {
      const line = await firstLine(child);
      const match = /^gitserver ready at (http:\/\/127\.0\.0\.1:\d+) serving (.+)$/.exec(line);
      expect(match?.[2]).toBe(temp.path);
      const work = `${temp.path}/work`;
      await initWorkRepo(work);
      await runGit(['push', '--quiet', `${match?.[1] ?? ''}/demo.git`, 'main'], { cwd: work });
      expect(await runGit(['ls-remote', `${match?.[1] ?? ''}/demo.git`])).toContain('refs/heads/main');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exitCode(child)).toBe(0);
  });

  it('exits non-zero with usage when --root is missing', async () => {
    const child = startCli(['--port', '0']);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    expect(await exitCode(child)).toBe(1);
    expect(err).toContain('usage: gitserver --root DIR');
  });
});
