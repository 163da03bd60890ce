// Fixtures for this project's own tests (tools/testing depends on this package, so it cannot be used
// here without a cycle). Not exported from index.ts.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGit } from './run-git.js';

/** A fresh temp folder and its removal. */
export async function makeTempDir(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'driftless-gitserver-'));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/** A working repository in `dir` with a local identity and one commit of `file`; resolves its HEAD. */
export async function initWorkRepo(dir: string, file = 'README.md', content = 'hello\n'): Promise<string> {
  await runGit(['init', '--quiet', '--initial-branch=main', dir]);
  await runGit(['config', 'user.name', 'Test'], { cwd: dir });
  await runGit(['config', 'user.email', 'test@example.com'], { cwd: dir });
  return commitFile(dir, file, content, 'initial');
}

/** Writes and commits one file; resolves the new HEAD sha. */
export async function commitFile(dir: string, file: string, content: string, message: string): Promise<string> {
  await writeFile(join(dir, file), content);
  await runGit(['add', '--all'], { cwd: dir });
  await runGit(['commit', '--quiet', '-m', message], { cwd: dir });
  return (await runGit(['rev-parse', 'HEAD'], { cwd: dir })).trim();
}

/** A raw GET whose path is sent byte for byte (fetch() would normalise `..` away). */
export function rawGet(url: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = request({ hostname, port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('latin1') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
