// `npm run bench [-- NAME... [--quick] [--apps N …]]`: runs benchmarks and prints their figures as Markdown,
// ready to record in docs/benchmarks.md.
import { parseArgs } from 'node:util';
import { formatResult } from './benchmark.js';
import type { BenchFlags } from './benchmark.js';
import { BENCHMARKS } from './registry.js';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      quick: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      apps: { type: 'string' },
      'loaded-apps': { type: 'string' },
      resources: { type: 'string' },
      samples: { type: 'string' },
      period: { type: 'string' },
      'kubectl-sample': { type: 'string' },
      phases: { type: 'string' },
      layout: { type: 'string' },
    },
  });
  const count = (name: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    if (!/^[1-9]\d*$/.test(value)) throw new Error(`--${name} must be a positive whole number, not ${JSON.stringify(value)}`);
    return Number(value);
  };
  const flags: BenchFlags = {
    apps: count('apps', values.apps),
    loadedApps: count('loaded-apps', values['loaded-apps']),
    resources: count('resources', values.resources),
    samples: count('samples', values.samples),
    periodSeconds: count('period', values.period),
    kubectlSample: count('kubectl-sample', values['kubectl-sample']),
    phases: values.phases?.split(',').map((p) => p.trim().toUpperCase()),
    layout: layoutOf(values.layout),
  };
  if (values.list) {
    for (const b of BENCHMARKS) console.log(`${b.name}\t${b.description}`);
    return;
  }
  const unknown = positionals.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) throw new Error(`unknown benchmark(s): ${unknown.join(', ')} (known: ${BENCHMARKS.map((b) => b.name).join(', ')})`);
  const selected = positionals.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => positionals.includes(b.name));
  console.log(`# Benchmarks — ${new Date().toISOString()} — node ${process.version}, ${(await import('node:os')).cpus().length} cores\n`);
  for (const benchmark of selected) {
    const result = await benchmark.run({ quick: values.quick ?? false, log: (line) => console.error(line), flags });
    console.log(formatResult(result));
  }
}

function layoutOf(value: string | undefined): BenchFlags['layout'] {
  if (value === undefined || value === 'shared' || value === 'per-app') return value;
  throw new Error(`--layout must be shared or per-app, not ${JSON.stringify(value)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
