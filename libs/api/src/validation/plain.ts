// Safe reads of untrusted plain objects and a problem list with paths, for the semantic validators that run
// on objects whose types the CRD schema may already have found wrong.

import type { FieldProblem } from '../errors/driftless-error.js';
import { joinPath } from '../util/field-path.js';

/** A path into an object, e.g. `['spec', 'sources', 1]`. */
export type Path = readonly (string | number)[];

/** The value as a record, or `undefined` when it is not a plain object. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The value as an array, or `[]` when it is not one. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value when it is a non-empty string. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The value when it is a finite number. */
export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Collects problems in order, dropping exact duplicates. */
export class ProblemList {
  private readonly items: FieldProblem[] = [];
  private readonly keys = new Set<string>();

  add(path: Path | string, message: string): void {
    const text = typeof path === 'string' ? path : joinPath(path);
    const key = `${text}\u0000${message}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.items.push({ path: text, message });
  }

  addAll(problems: readonly FieldProblem[]): void {
    for (const p of problems) this.add(p.path, p.message);
  }

  get list(): FieldProblem[] {
    return [...this.items];
  }
}
