// Strict decoding for built-ins: finds fields a built-in type does not declare (fieldValidation=Strict).
import { isJsonObject } from '../../model/json.js';
import type { JsonValue } from '../../model/json.js';
import { typeFields } from './inventory.js';

/**
 * Paths of fields in `value` that type `typeName` does not declare, in upstream's notation
 * (`spec.template.spec.containers[0].foo`); with `remove`, they are also deleted from `value`
 * (what decoding into a typed struct does). Only names are checked, not value types (D5).
 */
export function unknownFields(typeName: string, value: JsonValue, remove = false): string[] {
  const out: string[] = [];
  walk(typeName, value, '', out, remove);
  return out;
}

function walk(code: string, value: JsonValue, path: string, out: string[], remove: boolean): void {
  if (code.startsWith('[]')) {
    if (Array.isArray(value)) value.forEach((item, i) => walk(code.slice(2), item, `${path}[${i}]`, out, remove));
    return;
  }
  if (code.startsWith('{}')) {
    if (isJsonObject(value)) for (const [key, item] of Object.entries(value)) walk(code.slice(2), item, join(path, key), out, remove);
    return;
  }
  const fields = typeFields(code);
  if (fields === undefined || !isJsonObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    const fieldCode = fields[key];
    if (fieldCode !== undefined) walk(fieldCode, item, join(path, key), out, remove);
    else {
      out.push(join(path, key));
      if (remove) delete value[key];
    }
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
