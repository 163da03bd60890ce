// Test harness: run the real kubectl against a dev cluster with its own kubeconfig and a fresh cache dir.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from '@jest/globals';
import { startDevCluster } from '../server/start-dev-cluster.js';
import type { DevCluster } from '../server/start-dev-cluster.js';

/** What one kubectl run produced. */
export interface KubectlResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** A long-running kubectl (e.g. `get -w`) whose output is read while it runs. */
export interface KubectlProcess {
  /** Everything printed on stdout so far. */
  stdout(): string;
  /** Everything printed on stderr so far. */
  stderr(): string;
  /** Ends the process (SIGTERM) and resolves once it has exited. */
  stop(): Promise<void>;
}

/** A kubectl bound to one cluster. */
export interface Kubectl {
  /** Runs kubectl with `args` (and `input` on stdin) using a fresh --cache-dir. */
  run(args: readonly string[], input?: string): Promise<KubectlResult>;
  /** Starts kubectl with `args` without waiting for it to exit; the caller must `stop()` it. */
  start(args: readonly string[]): KubectlProcess;
  /** Like run, but throws unless the exit code is 0; returns stdout. */
  ok(args: readonly string[], input?: string): Promise<string>;
  /** Removes the temporary kubeconfig and cache directories. */
  dispose(): void;
}

/** Binds kubectl (resolved by @driftless/toolchain) to `kubeconfig`. */
export async function kubectlFor(kubeconfig: string): Promise<Kubectl> {
  // Loaded lazily, as elsewhere in this project (nx forbids mixing static and lazy imports of a lib).
  const { resolveTool, runTool } = await import('@driftless/toolchain');
  const tool = await resolveTool('kubectl');
  const dir = mkdtempSync(join(tmpdir(), 'devcluster-kubectl-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  writeFileSync(kubeconfigPath, kubeconfig, { mode: 0o600 });
  let runs = 0;
  // A fresh discovery cache per run: CRDs come and go between runs (research §2.14).
  const withConfig = (args: readonly string[]): string[] => ['--kubeconfig', kubeconfigPath, '--cache-dir', join(dir, `cache-${runs++}`), ...args];
  const run = async (args: readonly string[], input?: string): Promise<KubectlResult> => {
    const result = await runTool(tool, withConfig(args), { timeoutMs: 60000, ...(input === undefined ? {} : { input }) });
    return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode };
  };
  return {
    run,
    start(args) {
      // runTool waits for the exit; a watch never exits by itself, so this one is spawned directly.
      const child = spawn(tool.command, [...tool.args, ...withConfig(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
      return {
        stdout: () => stdout,
        stderr: () => stderr,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      };
    },
    async ok(args, input) {
      const result = await run(args, input);
      if (result.exitCode !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${result.exitCode}: ${result.stderr}`);
      return result.stdout;
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** What a kubectl conformance file shares: one TLS + token dev cluster, kubectl, fresh namespaces. */
export interface KubectlSuite {
  readonly cluster: DevCluster;
  readonly kubectl: Kubectl;
  /** Creates a namespace `<prefix>-<random>` through kubectl and returns its name. */
  namespace(): Promise<string>;
  /** `kubectl <args> -o jsonpath=<path>`, which must succeed. */
  jsonpath(args: readonly string[], path: string): Promise<string>;
}

/**
 * Registers jest hooks that start one dev cluster (TLS, token) and a kubectl for it before the file's
 * tests and stop them after; the returned suite's fields are usable inside tests.
 */
export function kubectlSuite(namespacePrefix: string): KubectlSuite {
  let cluster: DevCluster | undefined;
  let kubectl: Kubectl | undefined;
  beforeAll(async () => {
    cluster = await startDevCluster({ tls: true, token: 'conformance' });
    kubectl = await kubectlFor(cluster.kubeconfig);
  });
  afterAll(async () => {
    kubectl?.dispose();
    await cluster?.stop();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('kubectlSuite: used outside a test (the cluster is not started)');
    return value;
  };
  return {
    get cluster() {
      return ready(cluster);
    },
    get kubectl() {
      return ready(kubectl);
    },
    async namespace() {
      const name = `${namespacePrefix}-${randomUUID().slice(0, 8)}`;
      await ready(kubectl).ok(['create', '-f', '-'], `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`);
      return name;
    },
    jsonpath: (args, path) => ready(kubectl).ok([...args, '-o', `jsonpath=${path}`]),
  };
}
