// `npm run bench [-- NAME... [--quick]]`: runs benchmarks and prints their figures as Markdown,
// ready to record in docs/benchmarks.md.
import { parseArgs } from 'node:util';
import { formatResult } from './benchmark.js';
import { BENCHMARKS } from './registry.js';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { quick: { type: 'boolean', default: false }, list: { type: 'boolean', default: false } } });
  if (values.list) {
    for (const b of BENCHMARKS) console.log(`${b.name}\t${b.description}`);
    return;
  }
  const unknown = positionals.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) throw new Error(`unknown benchmark(s): ${unknown.join(', ')} (known: ${BENCHMARKS.map((b) => b.name).join(', ')})`);
  const selected = positionals.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => positionals.includes(b.name));
  console.log(`# Benchmarks — ${new Date().toISOString()} — node ${process.version}, ${(await import('node:os')).cpus().length} cores\n`);
  for (const benchmark of selected) {
    const result = await benchmark.run({ quick: values.quick ?? false, log: (line) => console.error(line) });
    console.log(formatResult(result));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
