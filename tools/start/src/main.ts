// `npm start`: brings the local platform up, prints what runs and how to look, stops on Ctrl-C.
import path from 'node:path';
import { startPlatform } from './platform.js';

async function main(): Promise<void> {
  const env = process.env;
  const workDir = path.resolve(env['DRIFTLESS_HOME'] ?? '.driftless');
  const namespace = env['DRIFTLESS_NAMESPACE'] ?? 'argocd';
  console.log(`Driftless: starting the local platform in ${workDir}`);
  const platform = await startPlatform({
    workDir,
    redisUrl: env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    kubeconfig: env['KUBECONFIG'],
    namespace,
    devclusterPort: Number(env['DRIFTLESS_DEVCLUSTER_PORT'] ?? 6443),
    gitserverPort: Number(env['DRIFTLESS_GITSERVER_PORT'] ?? 8418),
    log: (line) => console.log(`  started ${line}`),
  });
  console.log(`
Not running yet: the worker (reconciles Applications), the GraphQL gateway and the notifier are still
being built, so the demo Application is stored but not deployed.

Look around:
  kubectl --kubeconfig ${path.relative(process.cwd(), platform.kubeconfigPath)} get applications -n ${namespace}
  git clone ${platform.demoRepoUrl}

Ctrl-C stops everything.`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    void platform.stop().then(() => {
      console.log('stopped.');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
