// Kubernetes name rules (RFC 1123) for metadata and for fields that hold object names.

import { asRecord, asString } from './plain.js';
import type { Path, ProblemList } from './plain.js';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** True for a valid RFC 1123 label (namespace and Service names): at most 63 lowercase alphanumerics or `-`. */
export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

/** True for a valid RFC 1123 subdomain (most object names): at most 253 chars of labels joined by `.`. */
export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/** Message for a name that is not an RFC 1123 subdomain, worded like the API server's. */
export const SUBDOMAIN_MESSAGE =
  "must be a lowercase RFC 1123 subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters";
/** Message for a name that is not an RFC 1123 label. */
export const LABEL_MESSAGE = "must be a lowercase RFC 1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters";

/** Checks `metadata.name` (required unless `generateName` is set, RFC 1123 subdomain) and `metadata.namespace` (label). */
export function checkObjectMeta(obj: Record<string, unknown>, problems: ProblemList): void {
  const meta = asRecord(obj['metadata']);
  const name = asString(meta?.['name']);
  if (name === undefined) {
    if (asString(meta?.['generateName']) === undefined) problems.add(['metadata', 'name'], 'required');
  } else if (!isDns1123Subdomain(name)) {
    problems.add(['metadata', 'name'], SUBDOMAIN_MESSAGE);
  }
  const namespace = asString(meta?.['namespace']);
  if (namespace !== undefined && !isDns1123Label(namespace)) problems.add(['metadata', 'namespace'], LABEL_MESSAGE);
}

/** Checks an optional field that names a namespace. */
export function checkNamespaceField(value: unknown, path: Path, problems: ProblemList): void {
  const namespace = asString(value);
  if (namespace !== undefined && !isDns1123Label(namespace)) problems.add(path, LABEL_MESSAGE);
}
