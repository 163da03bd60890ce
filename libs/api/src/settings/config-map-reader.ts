// Reads a settings ConfigMap's keys and collects problems that name the ConfigMap, the key and, for YAML
// values, the line, so one error lists everything wrong with the ConfigMap.

import { InvalidInputError, formatProblems } from '../errors/driftless-error.js';
import type { FieldProblem } from '../errors/driftless-error.js';
import type { ConfigMap } from '../types/kube-object.js';
import { parseGoDuration } from '../util/duration.js';
import { YamlText } from './yaml-text.js';
import type { YamlCursor } from './yaml-text.js';

/** Keys and problem collection for one ConfigMap. Problems' `path` is the ConfigMap key. */
export class ConfigMapReader {
  readonly ref: string;
  readonly data: Readonly<Record<string, string>>;
  readonly problems: FieldProblem[] = [];

  constructor(configMap: ConfigMap, defaultName: string) {
    const name = configMap.metadata?.name ?? defaultName;
    this.ref = configMap.metadata?.namespace ? `${configMap.metadata.namespace}/${name}` : name;
    // The API only returns strings; hand-written manifests (Argo's docs among them) sometimes carry YAML
    // booleans, numbers or flow lists there. Read those as the text that means the same.
    const entries = Object.entries(configMap.data ?? {}).map(([key, value]): [string, string] => [key, asText(value)]);
    this.data = Object.fromEntries(entries);
  }

  problem(key: string, message: string): void {
    this.problems.push({ path: key, message });
  }

  /** Keys starting with `prefix`, sorted so results do not depend on map order. */
  keysWithPrefix(prefix: string): string[] {
    return Object.keys(this.data)
      .filter((key) => key.startsWith(prefix))
      .sort();
  }

  /** Trimmed value, `undefined` when absent or blank. */
  string(key: string): string | undefined {
    const value = this.data[key]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  /** `"true"`/`"false"` (any case); absent means `fallback`. */
  bool(key: string, fallback: boolean): boolean {
    const value = this.string(key);
    if (value === undefined) return fallback;
    if (/^true$/i.test(value)) return true;
    if (/^false$/i.test(value)) return false;
    this.problem(key, `must be "true" or "false", got ${JSON.stringify(value)}`);
    return fallback;
  }

  /** A non-negative Go duration in milliseconds (`180s`, `3m`, `1h30m`, `0`); absent means `fallback`. */
  duration(key: string, fallbackMs: number): number {
    const value = this.string(key);
    if (value === undefined) return fallbackMs;
    const ms = parseGoDuration(value);
    if (ms === undefined || ms < 0) {
      this.problem(key, `invalid duration ${JSON.stringify(value)} (want a Go duration such as 180s, 3m or 1h30m)`);
      return fallbackMs;
    }
    return ms;
  }

  /** Parses the key's value as YAML and hands a cursor to `read`; syntax and shape problems name the line. */
  yaml<T>(key: string, read: (root: YamlCursor) => T): T | undefined {
    const text = this.data[key];
    if (text === undefined) return undefined;
    const parsed = YamlText.parse(text);
    if (!parsed.ok) {
      this.problem(key, parsed.message);
      return undefined;
    }
    return read(parsed.yaml.cursor((message) => this.problem(key, message)));
  }

  /** Throws one InvalidInputError naming the ConfigMap and every problem, if there were any. */
  finish(): void {
    if (this.problems.length === 0) return;
    throw new InvalidInputError(`configmap ${this.ref}: ${formatProblems(this.problems)}`, {
      problems: [...this.problems],
      context: { configMap: this.ref },
    });
  }
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}
