// Duration strings as Argo writes them: Go's time.ParseDuration syntax (`180s`, `3m`, `1h30m`, `1.5h`,
// `300ms`), plus the "bare number means seconds" form some Argo fields accept.

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

// One `<number><unit>` component; Go requires a digit before or after the decimal point.
const COMPONENT = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/**
 * Parses a Go duration string into milliseconds, exactly as Go's `time.ParseDuration` accepts it: an
 * optional sign, then one or more `<decimal><unit>` components with units ns, us (µs), ms, s, m, h; `0`
 * alone is zero. Returns `undefined` for anything else (including a bare number like `180`).
 *
 * Example: `1h30m` → 5_400_000; `1.5s` → 1500; `-2m` → -120_000; `180` → undefined.
 */
export function parseGoDuration(text: string): number | undefined {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  COMPONENT.lastIndex = 0;
  while (COMPONENT.lastIndex < rest.length) {
    const at = COMPONENT.lastIndex;
    const match = COMPONENT.exec(rest);
    if (match === null || match.index !== at) return undefined;
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? Number.NaN);
  }
  return Number.isFinite(total) ? sign * total : undefined;
}

/**
 * Parses a duration where a bare integer means seconds (Argo's retry backoff, Rollouts' pause duration),
 * otherwise a Go duration. Returns milliseconds or `undefined` when invalid.
 *
 * Example: `5` → 5000; `2m` → 120_000; `5x` → undefined.
 */
export function parseSecondsOrDuration(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  return parseGoDuration(text);
}
