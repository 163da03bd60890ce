// Entry bundled by bundle-app.test.ts: workspace code that reads files shipped in a library's folder.
import { loadCrdManifests } from '@driftless/api';

process.stdout.write(`${loadCrdManifests().map((crd) => crd.spec.names.kind).join(',')}\n`);
