import { mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { openFilePersistence } from './file-persistence.js';
import { Store } from './store.js';

const CM = { group: '', resource: 'configmaps' };
const dirs: string[] = [];

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'devcluster-store-'));
  dirs.push(dir);
  return dir;
}

function open(dir: string, snapshotEvery?: number): Store {
  const opened = openFilePersistence(dir, snapshotEvery === undefined ? {} : { snapshotEvery });
  return new Store({ persistence: opened.persistence, initial: { revision: opened.revision, entries: opened.entries } });
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('file persistence', () => {
  it('restores objects and continues resourceVersions after a restart', () => {
    const dir = freshDir();
    const first = open(dir);
    first.create({ ...CM, namespace: 'ns', name: 'a' }, { metadata: { name: 'a' }, data: { k: '1' } });
    first.create({ ...CM, namespace: 'ns', name: 'b' }, { metadata: { name: 'b' } });
    first.update({ ...CM, namespace: 'ns', name: 'a' }, { metadata: { name: 'a' }, data: { k: '2' } });
    first.delete({ ...CM, namespace: 'ns', name: 'b' });
    const revision = first.revision;
    // No close(): the log was written synchronously, as a killed process would leave it.
    const second = open(dir);
    expect(second.revision).toBe(revision);
    expect(second.list(CM).map((s) => [s.ref.name, s.object['data'], s.modRevision])).toEqual([['a', { k: '2' }, revision - 1]]);
    const next = second.create({ ...CM, namespace: 'ns', name: 'c' }, { metadata: { name: 'c' } });
    expect(next.modRevision).toBe(revision + 1);
  });

  it('ignores a torn last line (a write that was never acknowledged)', () => {
    const dir = freshDir();
    const first = open(dir);
    first.create({ ...CM, namespace: 'ns', name: 'a' }, { metadata: { name: 'a' } });
    first.close();
    appendFileSync(join(dir, 'wal.jsonl'), '{"revision":99,"op":"put","bu');
    expect(open(dir).list(CM).map((s) => s.ref.name)).toEqual(['a']);
  });

  it('rewrites the snapshot and truncates the log when the log grows', () => {
    const dir = freshDir();
    const store = open(dir, 3);
    for (let i = 0; i < 7; i++) store.create({ ...CM, namespace: 'ns', name: `o${i}` }, { metadata: { name: `o${i}` } });
    const logLines = readFileSync(join(dir, 'wal.jsonl'), 'utf8').split('\n').filter((l) => l !== '');
    expect(logLines.length).toBeLessThan(3);
    expect(open(dir).list(CM)).toHaveLength(7);
  });

  it('starts empty in a new directory', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'unrelated'), 'x');
    expect(open(dir).revision).toBe(1);
  });
});
