// How Go prints and orders the scalars strategicpatch's diff sorts: `fmt.Sprintf("%v", x)` and
// sort.Strings. The diff walks lists in this order, so its choices depend on it.
import type { JsonValue } from '../json.js';

/**
 * `fmt.Sprintf("%v", value)` for a JSON scalar as encoding/json decodes it (numbers are float64,
 * printed `%g`-style: `1e+06`, `0.5`). Maps and lists never reach this.
 */
export function goPrint(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '<nil>';
  if (typeof value === 'number') return goFloat(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

function goFloat(value: number): string {
  if (value === 0) return '0';
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  // %v uses the shortest digits and switches to exponent form outside [1e-4, 1e6).
  if (exponent < -4 || exponent >= 6) {
    const digits = Math.abs(exponent) < 10 ? `0${Math.abs(exponent)}` : String(Math.abs(exponent));
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${digits}`;
  }
  return String(value);
}

/** Go's byte-wise string order (UTF-8 byte order equals code point order). */
export function compareGoStrings(left: string, right: string): number {
  const a = [...left];
  const b = [...right];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const ca = a[i]?.codePointAt(0) ?? 0;
    const cb = b[i]?.codePointAt(0) ?? 0;
    if (ca !== cb) return ca - cb;
  }
  return a.length - b.length;
}

/** A sorted copy of `list` by `%v` text (upstream sortScalars, stable where Go's sort is not). */
export function sortScalars(list: readonly JsonValue[]): JsonValue[] {
  return [...list].sort((left, right) => compareGoStrings(goPrint(left), goPrint(right)));
}

/** Removes repeated scalars (by `%v` text and type), keeping first occurrences in order. */
export function deduplicateByText(list: readonly JsonValue[]): JsonValue[] {
  const seen = new Set<string>();
  return list.filter((item) => {
    const key = `${typeof item}:${goPrint(item)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
