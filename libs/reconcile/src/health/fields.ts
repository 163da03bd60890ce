// Safe readers for plain Kubernetes objects: fields may be absent or of the wrong type.
import type { HealthStatus, HealthStatusCode, PlainObject } from './types.js';

/** A condition as Kubernetes status conditions carry it; absent fields read as empty strings. */
export interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

/** The value at `path` below `obj`, or undefined when any step is missing or not an object. */
export function field(obj: unknown, ...path: string[]): unknown {
  let current: unknown = obj;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Whether a value is a non-null, non-array object. */
export function isRecord(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The number at `path`, or `fallback` (default 0) when absent — Go's zero value for int fields. */
export function num(obj: unknown, path: string[], fallback = 0): number {
  const value = field(obj, ...path);
  return typeof value === 'number' ? value : fallback;
}

/** The number at `path`, or undefined when absent (Go's `*int32` pointers). */
export function optNum(obj: unknown, path: string[]): number | undefined {
  const value = field(obj, ...path);
  return typeof value === 'number' ? value : undefined;
}

/** The string at `path`, or '' when absent — Go's zero value for string fields. */
export function str(obj: unknown, path: string[]): string {
  const value = field(obj, ...path);
  return typeof value === 'string' ? value : '';
}

/** The objects of the array at `path`; non-object entries and a missing array read as empty. */
export function list(obj: unknown, path: string[]): PlainObject[] {
  const value = field(obj, ...path);
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** `status.conditions` (or the array at `path`) normalised to `Condition`s. */
export function conditions(obj: unknown, path: string[] = ['status', 'conditions']): Condition[] {
  return list(obj, path).map((c) => ({
    type: str(c, ['type']),
    status: str(c, ['status']),
    reason: str(c, ['reason']),
    message: str(c, ['message']),
  }));
}

/** The first condition of the given type, or undefined. */
export function findCondition(all: Condition[], type: string): Condition | undefined {
  return all.find((c) => c.type === type);
}

/** `{ status, message }` leaving out an empty message, as Go's `omitempty` does. */
export function health(status: HealthStatusCode, message?: string): HealthStatus {
  return message ? { status, message } : { status };
}
