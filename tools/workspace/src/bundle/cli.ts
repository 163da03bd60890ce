// `tsx tools/workspace/src/bundle/cli.ts <entry.ts> <out.js>`: an app's `build` script (see bundle-app.ts).
import path from 'node:path';
import { bundleApp } from './bundle-app.js';

const [entry, outfile] = process.argv.slice(2);
if (entry === undefined || outfile === undefined) {
  process.stderr.write('usage: bundle <entry.ts> <out.js>\n');
  process.exit(2);
}
try {
  const bundle = await bundleApp({ entry: path.resolve(entry), outfile: path.resolve(outfile) });
  process.stdout.write(`bundled ${entry} → ${outfile} (imports at run time: ${bundle.external.join(', ')})\n`);
} catch (error) {
  process.stderr.write(`bundle failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
