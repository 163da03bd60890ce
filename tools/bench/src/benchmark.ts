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
  /** Sizes given on the command line; each benchmark reads those it names and defaults the rest. */
  readonly flags?: BenchFlags;
}

/** Command-line sizes (`npm run bench -- loop --apps 2000 --phases P1,P5`). */
export interface BenchFlags {
  /** `--apps`: apps synced by `sync` (1,000) and created at once by `loop` P1 (10,000). */
  readonly apps?: number;
  /** `--loaded-apps`: apps loaded for `loop` P2/P3/P5 (1,000). */
  readonly loadedApps?: number;
  /** `--resources`: ConfigMaps per loaded app for `loop` P2/P5 (20). */
  readonly resources?: number;
  /** `--samples`: `loop` P3 samples (20). */
  readonly samples?: number;
  /** `--period`: `timeout.reconciliation` in seconds during `loop` P2 (10). */
  readonly periodSeconds?: number;
  /** `--kubectl-sample`: apps applied one at a time for the kubectl baseline (100). */
  readonly kubectlSample?: number;
  /**
   * `--layout`: `shared` — every app renders the same folder `shared/` (one render, one checkout per
   * commit), except the P3 sample apps, which have their own; `per-app` — a folder `apps/app-<i>/` each,
   * so every app's first render checks out the whole repository (`sync`, `loop`; default `shared`).
   */
  readonly layout?: 'shared' | 'per-app';
  /** `--phases`: which `loop` phases run (P1,P2,P3,P5). */
  readonly phases?: readonly string[];
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
