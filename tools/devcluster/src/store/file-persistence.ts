// Durability for the store: an append-only JSON-lines log plus a snapshot rewritten when it grows.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { PersistedEntry, PersistedWrite, Persistence } from './store-types.js';

const SNAPSHOT = 'snapshot.json';
const LOG = 'wal.jsonl';

/** Options of {@link openFilePersistence}. */
export interface FilePersistenceOptions {
  /** Log lines after which the snapshot is rewritten and the log truncated. @defaultValue 20000 */
  readonly snapshotEvery?: number;
}

/** What was on disk, to seed the store, and the persistence to keep writing. */
export interface OpenedPersistence {
  readonly persistence: Persistence;
  readonly revision: number;
  readonly entries: PersistedEntry[];
}

/** A log line as parsed: the value was spliced in raw, so it comes back as an object. */
interface LogLine extends Omit<PersistedWrite, 'value'> {
  readonly value?: unknown;
}

interface SnapshotFile {
  readonly revision: number;
  readonly entries: PersistedEntry[];
}

/**
 * Opens (or creates) `dataDir`: loads the snapshot, replays the log after it, writes a fresh
 * snapshot and starts an empty log. Each append is one synchronous write(2) of one line, so a
 * killed process (kill -9) loses nothing it acknowledged; an OS crash may (no fsync per write, D12).
 */
export function openFilePersistence(dataDir: string, options: FilePersistenceOptions = {}): OpenedPersistence {
  mkdirSync(dataDir, { recursive: true });
  const state = new Map<string, PersistedEntry>();
  let revision = 1;
  const snapshotPath = join(dataDir, SNAPSHOT);
  if (existsSync(snapshotPath)) {
    const snap = JSON.parse(readFileSync(snapshotPath, 'utf8')) as SnapshotFile;
    revision = snap.revision;
    for (const e of snap.entries) state.set(`${e.bucket}\u0001${e.key}`, e);
  }
  const logPath = join(dataDir, LOG);
  if (existsSync(logPath)) revision = replay(readFileSync(logPath, 'utf8'), revision, state);
  const entries = [...state.values()];
  writeSnapshot(dataDir, revision, entries);
  writeFileSync(logPath, '');
  const persistence = new FilePersistence(dataDir, logPath, options.snapshotEvery ?? 20000);
  return { persistence, revision, entries };
}

function replay(text: string, fromRevision: number, state: Map<string, PersistedEntry>): number {
  let revision = fromRevision;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let write: LogLine;
    try {
      write = JSON.parse(line) as LogLine;
    } catch {
      break; // A torn last line can only be an unacknowledged write.
    }
    if (write.revision <= revision) continue;
    revision = write.revision;
    const id = `${write.bucket}\u0001${write.key}`;
    if (write.op === 'delete') state.delete(id);
    else state.set(id, { bucket: write.bucket, key: write.key, createRevision: write.createRevision, modRevision: write.revision, value: JSON.stringify(write.value) });
  }
  return revision;
}

function writeSnapshot(dataDir: string, revision: number, entries: Iterable<PersistedEntry>): void {
  const tmp = join(dataDir, `${SNAPSHOT}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, `{"revision":${revision},"entries":[`);
    let first = true;
    for (const e of entries) {
      const head = `${first ? '' : ','}{"bucket":${JSON.stringify(e.bucket)},"key":${JSON.stringify(e.key)},"createRevision":${e.createRevision},"modRevision":${e.modRevision},"value":`;
      writeSync(fd, head + JSON.stringify(e.value) + '}\n');
      first = false;
    }
    writeSync(fd, ']}');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dataDir, SNAPSHOT));
}

class FilePersistence implements Persistence {
  private fd: number;
  private lines = 0;

  constructor(
    private readonly dataDir: string,
    private readonly logPath: string,
    private readonly snapshotEvery: number,
  ) {
    this.fd = openSync(logPath, 'a');
  }

  append(write: PersistedWrite): void {
    // The value is already JSON: splice it in raw instead of escaping it as a string.
    const head = `{"revision":${write.revision},"op":"${write.op}","bucket":${JSON.stringify(write.bucket)},"key":${JSON.stringify(write.key)},"createRevision":${write.createRevision}`;
    const line = write.value === undefined ? `${head}}\n` : `${head},"value":${write.value}}\n`;
    writeSync(this.fd, line);
    this.lines++;
  }

  maybeCompact(revision: number, entries: () => Iterable<PersistedEntry>): void {
    if (this.lines < this.snapshotEvery) return;
    writeSnapshot(this.dataDir, revision, entries());
    closeSync(this.fd);
    writeFileSync(this.logPath, '');
    this.fd = openSync(this.logPath, 'a');
    this.lines = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}
