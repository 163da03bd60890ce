// The cluster for `npm start`: the one KUBECONFIG names, or a durable dev cluster under .driftless/;
// then the Argo CRDs and the control namespace, applied with the resolved kubectl.
import path from 'node:path';
import { UnavailableError } from '@driftless/api';
import { startDevCluster } from '@driftless/devcluster';
import { resolveTool, runTool } from '@driftless/toolchain';
import type { ResolvedTool } from '@driftless/toolchain';

/** The cluster the platform manages and keeps its state in. */
export interface PlatformCluster {
  readonly kubeconfigPath: string;
  readonly url: string;
  /** True when `npm start` runs the dev cluster itself. */
  readonly started: boolean;
  stop(): Promise<void>;
}

/**
 * Uses `kubeconfig` when given; otherwise starts the dev cluster on `port` with its data in
 * `<workDir>/devcluster` and its kubeconfig at `<workDir>/kubeconfig` (a restart resumes its data).
 */
export async function ensureCluster(workDir: string, kubeconfig: string | undefined, port: number): Promise<PlatformCluster> {
  if (kubeconfig) {
    const kubectl = await resolveTool('kubectl');
    const url = (await kubectlChecked(kubectl, kubeconfig, ['config', 'view', '--minify', '-o', 'jsonpath={.clusters[0].cluster.server}'])).trim();
    return { kubeconfigPath: kubeconfig, url, started: false, stop: async () => undefined };
  }
  const kubeconfigPath = path.join(workDir, 'kubeconfig');
  // TLS: client-node refuses plain-http clusters unless TLS checks are off, and the worker uses client-node.
  const cluster = await startDevCluster({ port, dataDir: path.join(workDir, 'devcluster'), kubeconfigPath, tls: true });
  return { kubeconfigPath, url: cluster.url, started: true, stop: () => cluster.stop() };
}

/**
 * Applies every CRD in `crdDirectory`, waits until they are Established, and applies the control
 * namespace. Idempotent: a second start reports them unchanged.
 */
export async function installControlPlane(kubeconfigPath: string, crdDirectory: string, namespace: string): Promise<void> {
  const kubectl = await resolveTool('kubectl');
  await kubectlChecked(kubectl, kubeconfigPath, ['apply', '-f', crdDirectory]);
  await kubectlChecked(kubectl, kubeconfigPath, ['wait', '--for=condition=Established', '--timeout=60s', '-f', crdDirectory]);
  const ns = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  await kubectlChecked(kubectl, kubeconfigPath, ['apply', '-f', '-'], ns);
}

/** Creates `manifest` unless an object of that name exists (a user's edits survive a restart). */
export async function createIfMissing(kubeconfigPath: string, manifest: Record<string, unknown>): Promise<boolean> {
  const kubectl = await resolveTool('kubectl');
  const result = await runTool(kubectl, ['--kubeconfig', kubeconfigPath, 'create', '-f', '-'], { input: JSON.stringify(manifest) });
  if (result.exitCode === 0) return true;
  if (/AlreadyExists|already exists/.test(result.stderr)) return false;
  throw new UnavailableError(`kubectl create failed: ${result.stderr.trim()}`, { context: { kubeconfig: kubeconfigPath } });
}

async function kubectlChecked(kubectl: ResolvedTool, kubeconfigPath: string, args: readonly string[], input?: string): Promise<string> {
  const result = await runTool(kubectl, ['--kubeconfig', kubeconfigPath, ...args], input === undefined ? {} : { input });
  if (result.exitCode !== 0) {
    throw new UnavailableError(`kubectl ${args.join(' ')} failed: ${result.stderr.trim()}`, { context: { kubeconfig: kubeconfigPath } });
  }
  return result.stdout;
}
