// JSON text as Go's encoding/json writes it (kubectl's encoder for unstructured objects): map keys
// sorted, compact, `<`, `>`, `&`, U+2028 and U+2029 escaped, a trailing newline from Encoder.Encode.
import { isJsonObject } from '../json.js';
import type { JsonValue } from '../json.js';
import { compareGoStrings } from './go-text.js';

const GO_ESCAPES: Readonly<Record<string, string>> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * `json.NewEncoder(w).Encode(value)` text: what kubectl stores in the last-applied annotation.
 * Numbers print as JavaScript prints them (Go differs only for exponents, e.g. `1e-07`).
 */
export function encodeGoJson(value: JsonValue): string {
  return `${goJson(value)}\n`;
}

function goJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value).sort(compareGoStrings);
    return `{${keys.map((key) => `${goString(key)}:${goJson(value[key] ?? null)}`).join(',')}}`;
  }
  if (typeof value === 'string') return goString(value);
  return JSON.stringify(value);
}

function goString(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (char) => GO_ESCAPES[char] ?? char);
}
