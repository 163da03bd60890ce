// Reads a Secret's keys the way the API server would store them (stringData folded over base64 data) and
// collects problems that name the field but never the value: Secret values are credentials.

import { InvalidInputError, formatProblems } from '../errors/driftless-error.js';
import type { FieldProblem } from '../errors/driftless-error.js';
import type { Secret } from '../types/kube-object.js';
import { joinPath } from '../util/field-path.js';

/** Identifies a Secret in messages and results without carrying any of its data. */
export interface SecretRef {
  namespace?: string;
  name: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const TRUE_WORDS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_WORDS = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** `namespace/name`, or `name` alone for manifests that omit the namespace. */
export function formatSecretRef(ref: SecretRef): string {
  return ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
}

/** True when `text` is standard padded base64, as Kubernetes requires for `data` values. */
export function isBase64(text: string): boolean {
  return text.length % 4 === 0 && BASE64.test(text);
}

/**
 * Decoded view of one Secret. Each getter records a problem (path such as `data.url`) instead of
 * throwing, so one call to {@link SecretReader.finish} reports every problem at once.
 */
export class SecretReader {
  readonly ref: SecretRef;
  readonly problems: FieldProblem[] = [];
  private readonly values = new Map<string, { value: string; section: 'data' | 'stringData' }>();

  constructor(readonly secret: Secret) {
    this.ref = { namespace: secret.metadata?.namespace, name: secret.metadata?.name ?? '<unnamed>' };
    if (!secret.metadata?.name) this.problem(['metadata', 'name'], 'required');
    for (const [key, raw] of Object.entries(secret.data ?? {})) {
      if (typeof raw !== 'string' || !isBase64(raw)) {
        this.problem(['data', key], 'invalid base64');
        continue;
      }
      this.values.set(key, { value: Buffer.from(raw, 'base64').toString('utf8'), section: 'data' });
    }
    // stringData wins over data, as the API server merges it.
    for (const [key, raw] of Object.entries(secret.stringData ?? {})) {
      if (typeof raw === 'string') this.values.set(key, { value: raw, section: 'stringData' });
      else if (typeof raw === 'number' || typeof raw === 'boolean') this.values.set(key, { value: String(raw), section: 'stringData' });
      else this.problem(['stringData', key], 'must be a string');
    }
  }

  /** Records a problem at `segments`; the message must not contain the value. */
  problem(segments: readonly (string | number)[], message: string): void {
    this.problems.push({ path: joinPath(segments), message });
  }

  /** Where `key` was read from (`data.key` or `stringData.key`), for messages about its content. */
  pathOf(key: string): string[] {
    return [this.values.get(key)?.section ?? 'data', key];
  }

  /** The label value, if any. */
  label(key: string): string | undefined {
    return this.secret.metadata?.labels?.[key];
  }

  /** The value, or `undefined` when absent or empty (Argo treats empty as unset). */
  optional(key: string): string | undefined {
    const value = this.values.get(key)?.value;
    return value === undefined || value === '' ? undefined : value;
  }

  /** The value; records `required` when absent or empty. */
  required(key: string): string {
    const value = this.optional(key);
    if (value === undefined) this.problem(['data', key], 'required');
    return value ?? '';
  }

  /** Parses a Go-style boolean (`true`, `1`, `T`, `false`, ...); absent means `fallback`. */
  bool(key: string, fallback: boolean): boolean {
    const value = this.optional(key);
    if (value === undefined) return fallback;
    if (TRUE_WORDS.has(value)) return true;
    if (FALSE_WORDS.has(value)) return false;
    this.problem(this.pathOf(key), 'must be "true" or "false"');
    return fallback;
  }

  /** Throws one InvalidInputError naming the Secret and every problem, if there were any. */
  finish(): void {
    if (this.problems.length === 0) return;
    throw new InvalidInputError(`secret ${formatSecretRef(this.ref)}: ${formatProblems(this.problems)}`, {
      problems: [...this.problems],
      context: { secret: formatSecretRef(this.ref) },
    });
  }
}
