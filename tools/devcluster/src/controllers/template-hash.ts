// Stable short hashes of pod templates (pod-template-hash, controller-revision-hash) and the
// "semantically equal" comparison that decides whether a template changed.
import { isJsonObject } from '../model/json.js';
import type { JsonObject, JsonValue } from '../model/json.js';

/**
 * utilrand's alphabet (no vowels, so no words), shared by generated name suffixes and SafeEncodeString.
 * Upstream's includes 'l'; with it, hashes use only 4–9 and b, c, d, f, exactly as real ones look.
 */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * FNV-1a, 32 bits, over the UTF-8 bytes of `data` (plus optional extra bytes).
 * Example: fnv32a('') = 2166136261 (the offset basis); fnv32a('a') = 3826002220.
 */
export function fnv32a(data: string, extra: readonly number[] = []): number {
  let hash = 0x811c9dc5;
  for (const byte of [...Buffer.from(data, 'utf8'), ...extra]) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * rand.SafeEncodeString: maps each character into {@link SAFE_ALPHABET} (code point mod 27) so a hash
 * never spells a word. Kubernetes feeds it the decimal digits of the 32-bit hash.
 * Example: "1234" → '1' (49 % 27 = 22) → '5', '2' → '6', '3' → '7', '4' → '8' = "5678"; '6' → 'b'.
 */
export function safeEncodeString(value: string): string {
  let result = '';
  for (const char of value) result += SAFE_ALPHABET[(char.codePointAt(0) ?? 0) % SAFE_ALPHABET.length];
  return result;
}

/** True for values Go's semantic equality treats as unset: null, '', empty objects and arrays. */
function isUnset(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isJsonObject(value)) return Object.keys(value).length === 0;
  return false;
}

/** A JSON rendering with sorted keys and unset fields dropped: equal meaning gives equal text. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (isJsonObject(value)) {
    const keys = Object.keys(value)
      .filter((key) => !isUnset(value[key]) && !isUnset(prune(value[key])))
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] ?? null)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Drops unset members recursively, so an object whose members are all unset is itself unset. */
function prune(value: JsonValue | undefined): JsonValue | undefined {
  if (!isJsonObject(value)) return value;
  const kept: JsonObject = {};
  for (const [key, entry] of Object.entries(value)) {
    const pruned = prune(entry);
    if (pruned !== undefined && !isUnset(pruned)) kept[key] = pruned;
  }
  return kept;
}

/** apiequality.Semantic.DeepEqual for JSON: unset and empty are the same, key order is irrelevant. */
export function semanticEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

/**
 * controller.ComputeHash: FNV-32a of the canonical JSON, then the collision count as 4 little-endian
 * bytes when set, rendered as safe-encoded decimal digits (1–10 characters). Stable across runs and
 * machines, not equal to Kubernetes' own value (which hashes a Go struct dump).
 */
export function computeHash(value: JsonValue, collisionCount?: number): string {
  const extra = collisionCount === undefined ? [] : [0, 8, 16, 24].map((shift) => (collisionCount >>> shift) & 0xff);
  return safeEncodeString(String(fnv32a(canonicalJson(value), extra)));
}
