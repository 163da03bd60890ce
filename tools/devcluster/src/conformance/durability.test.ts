// Durability: a CLI server with --data-dir killed with SIGKILL loses nothing it acknowledged.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';

const here = fileURLToPath(new URL('.', import.meta.url));
const cli = join(here, '..', 'cli.ts');
const repoRoot = join(here, '..', '..', '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'devcluster-durable-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the CLI and resolves with its URL once it prints the ready line. */
function startServer(): Promise<{ child: ChildProcess; url: string }> {
  // One process (node with the tsx loader), so SIGKILL hits the server itself, not a wrapper.
  const args = ['--import', 'tsx', cli, '--port', '0', '--data-dir', dataDir, '--kubeconfig', join(dataDir, 'kubeconfig')];
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /devcluster ready at (\S+) \(kubeconfig /.exec(out);
      if (match?.[1] !== undefined) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`devcluster exited ${String(code)} before ready: ${err}`)));
  });
}

async function request(url: string, method: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method, headers: { 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return (await res.json()) as Record<string, unknown>;
}

function rvOf(obj: Record<string, unknown>): number {
  return Number((obj['metadata'] as Record<string, string>)['resourceVersion']);
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('durability with --data-dir', () => {
  it('restores every acknowledged write after kill -9 and continues resourceVersions', async () => {
    const first = await startServer();
    const base = `${first.url}/api/v1/namespaces/default/configmaps`;
    let last = 0;
    for (let i = 0; i < 20; i++) last = rvOf(await request(base, 'POST', { metadata: { name: `cm-${i}` }, data: { i: String(i) } }));
    const patched = await request(`${base}/cm-3`, 'PATCH', undefined);
    expect(patched['code']).toBe(415);
    await request(`${base}/cm-0`, 'DELETE');
    await killed(first.child);

    const second = await startServer();
    const list = await request(`${second.url}/api/v1/namespaces/default/configmaps`, 'GET');
    const names = (list['items'] as { metadata: { name: string } }[]).map((i) => i.metadata.name);
    expect(names).toHaveLength(20); // cm-1..cm-19 and kube-root-ca.crt
    expect(names).not.toContain('cm-0');
    expect(Number((list['metadata'] as Record<string, string>)['resourceVersion'])).toBeGreaterThan(last);
    const next = await request(`${second.url}/api/v1/namespaces/default/configmaps`, 'POST', { metadata: { name: 'after' } });
    expect(rvOf(next)).toBeGreaterThan(last);
    await killed(second.child);
  });
});
