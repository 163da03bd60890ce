// Renders a plain directory of YAML and JSON manifests the way Argo CD's repo server reads one.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InvalidInputError } from '@driftless/api';
import type { ApplicationSourceDirectory } from '@driftless/api';
import { isRegularFile, SKIPPED_DIRECTORIES } from './confine.js';
import { compileGlob } from './glob.js';
import { checkSize, parseManifests } from './parse-manifests.js';
import type { ParsedObject } from './parse-manifests.js';
import type { ResolvedLimits } from './render-types.js';

const MANIFEST_FILE = /\.(yaml|yml|json|jsonnet)$/;

/**
 * Lists the manifest files of `appPath` in Argo's order (depth-first, entries sorted by name), relative
 * to `appPath`: `.yaml`, `.yml`, `.json` (and `.jsonnet`) files, subdirectories only with `recurse`,
 * `exclude` winning over `include` (globs matched against the relative path, see `compileGlob`).
 * Symlinked directories are not followed; symlinks to non-regular files are skipped.
 */
export async function listManifestFiles(appPath: string, directory: ApplicationSourceDirectory = {}): Promise<string[]> {
  const include = nonEmpty(directory.include) === undefined ? undefined : compileGlob(directory.include ?? '');
  const exclude = nonEmpty(directory.exclude) === undefined ? undefined : compileGlob(directory.exclude ?? '');
  const files: string[] = [];
  const walk = async (relativeDir: string): Promise<void> => {
    const entries = await readdir(path.join(appPath, relativeDir), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const relative = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (directory.recurse === true && !SKIPPED_DIRECTORIES.includes(entry.name)) await walk(relative);
        continue;
      }
      if (!MANIFEST_FILE.test(entry.name) || !(await isRegularFile(path.join(appPath, relative)))) continue;
      if (exclude?.test(relative) === true || include?.test(relative) === false) continue;
      files.push(relative);
    }
  };
  await walk('');
  return files;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Reads every manifest file of a directory source into objects, files in `listManifestFiles` order and
 * documents in file order. Every file's size, and their total, is checked before any is read. YAML files that are not
 * manifests (Argo's rule, see `ParseOptions.skipNonManifests`) are ignored; JSON files must be objects.
 * Jsonnet is not supported and is an InvalidInputError.
 */
export async function renderDirectory(repoRoot: string, appPath: string, directory: ApplicationSourceDirectory | undefined, limits: ResolvedLimits): Promise<ParsedObject[]> {
  const files = await listManifestFiles(appPath, directory);
  let total = 0;
  for (const relative of files) {
    const file = path.relative(repoRoot, path.join(appPath, relative));
    if (relative.endsWith('.jsonnet')) throw new InvalidInputError(`${file}: Jsonnet is not supported`, { problems: [{ path: file, message: 'Jsonnet is not supported' }] });
    const size = (await stat(path.join(appPath, relative))).size;
    checkSize(size, file, limits);
    total += size;
  }
  if (total > limits.maxDirectoryBytes) {
    const message = `the manifest files of ${path.relative(repoRoot, appPath) || '.'} total ${total} bytes, more than the ${limits.maxDirectoryBytes} bytes allowed`;
    throw new InvalidInputError(message, { problems: [{ path: 'source.path', message }] });
  }
  const parsed: ParsedObject[] = [];
  for (const relative of files) {
    const absolute = path.join(appPath, relative);
    const file = path.relative(repoRoot, absolute);
    const text = await readFile(absolute, 'utf8');
    const format = relative.endsWith('.json') ? 'json' : 'yaml';
    parsed.push(...parseManifests(text, { file, format, limits, skipNonManifests: format === 'yaml' }));
  }
  return parsed;
}
