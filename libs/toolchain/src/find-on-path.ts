// Looks a binary up on a PATH string the way a POSIX shell would, without a shell.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Returns the absolute path of the first executable regular file called `name` (plus `.exe` on win32) in
 * the directories of `pathValue`, or undefined. Relative and empty entries are skipped: a tool picked by
 * the current directory would be a hijack risk and could not be reported as an absolute path.
 */
export async function findOnPath(name: string, pathValue: string | undefined, platform: NodeJS.Platform): Promise<string | undefined> {
  if (pathValue === undefined || pathValue === '') return undefined;
  const delimiter = platform === 'win32' ? ';' : ':';
  const fileName = platform === 'win32' ? `${name}.exe` : name;
  for (const dir of pathValue.split(delimiter)) {
    if (!path.isAbsolute(dir)) continue;
    const candidate = path.join(dir, fileName);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** True when `file` exists, is (or links to) a regular file, and this process may execute it. */
export async function isExecutableFile(file: string): Promise<boolean> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return false;
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
