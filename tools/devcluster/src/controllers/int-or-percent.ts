// intstr.GetScaledValueFromIntOrPercent: maxSurge/maxUnavailable are "5" or "25%" of a total.
import type { JsonValue } from '../model/json.js';

function parse(value: JsonValue | undefined, total: number, roundUp: boolean): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+)%$/.exec(value);
  if (match === null) return undefined;
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/**
 * Resolves an int-or-percent against `total`. Percentages round up or down as asked; integers are taken
 * as they are. Anything else (absent, "5" without %, negative) resolves `fallback` instead: the API
 * server validates these fields, and a simulation should not crash on what slipped through.
 *
 * Example: ("25%", 10, up) → ceil(2.5) = 3; ("25%", 10, down) → 2; (2, 10, either) → 2.
 */
export function scaledValue(value: JsonValue | undefined, total: number, roundUp: boolean, fallback: string | number): number {
  return parse(value, total, roundUp) ?? parse(fallback, total, roundUp) ?? 0;
}
