// CLI: `npm run devcluster -- --port P --kubeconfig FILE [--data-dir DIR] [--token T] [--tls] [--verbose]`.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { startDevCluster } from './server/start-dev-cluster.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    kubeconfig: { type: 'string' },
    'data-dir': { type: 'string' },
    token: { type: 'string' },
    tls: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

const logger = pino({ level: values.verbose ? 'debug' : 'warn' }, pino.destination(2));
const cluster = await startDevCluster({
  port: Number(values.port),
  host: values.host,
  tls: values.tls,
  logger,
  ...(values.kubeconfig === undefined ? {} : { kubeconfigPath: values.kubeconfig }),
  ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }),
  ...(values.token === undefined ? {} : { token: values.token }),
});
process.stdout.write(`devcluster ready at ${cluster.url} (kubeconfig ${cluster.kubeconfigPath ?? '-'})\n`);

let stopping = false;
const shutdown = (): void => {
  if (stopping) return;
  stopping = true;
  void cluster.stop().then(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
