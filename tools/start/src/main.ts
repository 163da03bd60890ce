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
  const kubeconfig = path.relative(process.cwd(), platform.kubeconfigPath);
  console.log(`
The worker deploys the demo Application (automated sync, self-heal, prune) into namespace demo.
Not running yet: the GraphQL gateway and the notifier are still being built.

Look around:
  kubectl --kubeconfig ${kubeconfig} get applications -n ${namespace}
  kubectl --kubeconfig ${kubeconfig} get all -n demo
  git clone ${platform.demoRepoUrl}   # push a change, then:
  kubectl --kubeconfig ${kubeconfig} annotate application demo -n ${namespace} argocd.argoproj.io/refresh=normal --overwrite

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
