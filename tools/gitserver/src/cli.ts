// Command line entry: `npm run gitserver -- --root DIR [--port P] [--host H] [--user U --password P]
// [--read-only]`. Prints one ready line and serves until SIGINT or SIGTERM.
import { parseArgs } from 'node:util';
import { startGitServer } from './git-server.js';

const USAGE = 'usage: gitserver --root DIR [--port P] [--host H] [--user U --password P] [--read-only]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      root: { type: 'string' },
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      user: { type: 'string' },
      password: { type: 'string' },
      'read-only': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (values.root === undefined || !Number.isInteger(port) || port < 0 || port > 65535) throw new Error(USAGE);
  if ((values.user === undefined) !== (values.password === undefined)) {
    throw new Error(`--user and --password go together\n${USAGE}`);
  }
  const auth = values.user !== undefined && values.password !== undefined ? { username: values.user, password: values.password } : undefined;
  const server = await startGitServer({
    root: values.root,
    port,
    host: values.host,
    auth,
    receivePack: !values['read-only'],
    log: (message) => process.stderr.write(`gitserver: ${message}\n`),
  });
  process.stdout.write(`gitserver ready at ${server.url} serving ${server.root}\n`);
  const shutdown = (): void => {
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`gitserver: stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`gitserver: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
