// Rejects a rendered set that names the same object twice.
import { InvalidInputError } from '@driftless/api';
import type { UnstructuredObject } from '@driftless/api';
import { describeOrigin } from './parse-manifests.js';
import type { ParsedObject } from './parse-manifests.js';

/** `group/kind/namespace/name` of an object, `''` for the core group and cluster scope. */
export function objectKey(object: UnstructuredObject): string {
  const slash = object.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : object.apiVersion.slice(0, slash);
  return `${group}/${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}

/**
 * Throws InvalidInputError naming both origins when two objects share group, kind, namespace and name.
 * Objects named only by `generateName` are never duplicates.
 */
export function checkDuplicates(parsed: readonly ParsedObject[]): void {
  const seen = new Map<string, ParsedObject>();
  for (const entry of parsed) {
    if (entry.object.metadata.name === undefined) continue;
    const key = objectKey(entry.object);
    const first = seen.get(key);
    if (first !== undefined) {
      const message = `duplicate object ${key} in ${describeOrigin(first.origin)} and ${describeOrigin(entry.origin)}`;
      throw new InvalidInputError(message, { problems: [{ path: entry.origin.file, message }], context: { object: key } });
    }
    seen.set(key, entry);
  }
}
