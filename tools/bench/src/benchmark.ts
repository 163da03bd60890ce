// What a benchmark is and how its figures are reported: every benchmark prints rates or durations
// next to a baseline measured in the same run, so results compare across machines.

/** One reported figure. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

/** The outcome of one benchmark run. */
export interface BenchResult {
  readonly benchmark: string;
  readonly figures: readonly Figure[];
  /** Ratios against the in-run baseline, e.g. "isomorphic-git / git CLI incremental fetch (p50)". */
  readonly ratios: readonly Figure[];
  /** The parameters used (sizes, iterations), for the record. */
  readonly parameters: Readonly<Record<string, number | string>>;
}

/** Settings every benchmark accepts. `quick` shrinks sizes so tests can exercise the code path. */
export interface BenchOptions {
  readonly quick: boolean;
  readonly log: (line: string) => void;
}

/** A named benchmark. */
export interface Benchmark {
  readonly name: string;
  readonly description: string;
  run(options: BenchOptions): Promise<BenchResult>;
}

/** Renders a result as the Markdown table recorded in docs/benchmarks.md. */
export function formatResult(result: BenchResult): string {
  const params = Object.entries(result.parameters)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const rows = [...result.figures, ...result.ratios].map((f) => `| ${f.name} | ${formatNumber(f.value)} ${f.unit} |`);
  return [`### ${result.benchmark} (${params})`, '', '| figure | value |', '| --- | --- |', ...rows, ''].join('\n');
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}
