// A subset of Kubernetes JSONPath for printer columns, scale paths and selectable fields.
import { isJsonObject } from './json.js';
import type { JsonValue } from './json.js';

type Step =
  | { readonly type: 'field'; readonly name: string }
  | { readonly type: 'index'; readonly index: number }
  | { readonly type: 'wildcard' }
  | { readonly type: 'filter'; readonly path: readonly string[]; readonly negate: boolean; readonly value: string };

/**
 * Parses `.spec.replicas`, `.metadata.labels['app.kubernetes.io/name']`, `.items[0]`, `.a[*].b`
 * and `.status.conditions[?(@.type=="Ready")].status`. Throws on anything else.
 */
export function parseJsonPath(path: string): Step[] {
  const text = path.startsWith('{') && path.endsWith('}') ? path.slice(1, -1) : path;
  const steps: Step[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      let name = '';
      i++;
      while (i < text.length && text[i] !== '.' && text[i] !== '[') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        name += text[i];
        i++;
      }
      if (name !== '') steps.push({ type: 'field', name });
    } else if (c === '[') {
      const end = text.indexOf(']', i);
      if (end < 0) throw new Error(`unterminated [ in ${path}`);
      steps.push(bracket(text.slice(i + 1, end), path));
      i = end + 1;
    } else if (c === '$' && i === 0) i++;
    else throw new Error(`unexpected '${c ?? ''}' in JSONPath ${path}`);
  }
  return steps;
}

function bracket(inner: string, path: string): Step {
  if (inner === '*') return { type: 'wildcard' };
  if (/^-?\d+$/.test(inner)) return { type: 'index', index: Number(inner) };
  const quoted = /^'(.*)'$|^"(.*)"$/.exec(inner);
  if (quoted !== null) return { type: 'field', name: quoted[1] ?? quoted[2] ?? '' };
  const filter = /^\?\(@((?:\.[A-Za-z0-9_-]+)+)\s*(==|!=)\s*(?:'([^']*)'|"([^"]*)"|(\S+))\)$/.exec(inner);
  if (filter !== null) {
    const [, fields = '', op, single, double, bare] = filter;
    return { type: 'filter', path: fields.slice(1).split('.'), negate: op === '!=', value: single ?? double ?? bare ?? '' };
  }
  throw new Error(`unsupported JSONPath element [${inner}] in ${path}`);
}

function scalarText(value: JsonValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Every value `steps` reach in `root` (filters and wildcards may yield several). */
export function evaluateJsonPath(root: JsonValue, steps: readonly Step[]): JsonValue[] {
  let current: JsonValue[] = [root];
  for (const step of steps) {
    const next: JsonValue[] = [];
    for (const value of current) {
      if (step.type === 'field') {
        if (isJsonObject(value) && value[step.name] !== undefined) next.push(value[step.name] as JsonValue);
      } else if (step.type === 'index') {
        if (Array.isArray(value)) {
          const item = value[step.index < 0 ? value.length + step.index : step.index];
          if (item !== undefined) next.push(item);
        }
      } else if (step.type === 'wildcard') {
        if (Array.isArray(value)) next.push(...value);
        else if (isJsonObject(value)) next.push(...Object.values(value));
      } else if (Array.isArray(value)) {
        for (const item of value) {
          let probe: JsonValue | undefined = item;
          for (const f of step.path) probe = isJsonObject(probe) ? probe[f] : undefined;
          if ((scalarText(probe) === step.value) !== step.negate) next.push(item);
        }
      }
    }
    current = next;
  }
  return current;
}

/** The first value a JSONPath reaches, or undefined (a malformed path reaches nothing). */
export function firstAt(root: JsonValue, path: string): JsonValue | undefined {
  try {
    return evaluateJsonPath(root, parseJsonPath(path))[0];
  } catch {
    return undefined;
  }
}
