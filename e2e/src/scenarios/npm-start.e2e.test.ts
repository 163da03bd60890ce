// Scenario: a newcomer runs `npm start` and looks around with kubectl and git, as the README says.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import * as k8s from '@kubernetes/client-node';
import { startPlatform } from '@driftless/start';
import type { RunningPlatform } from '@driftless/start';
import { tempDir, waitFor } from '@driftless/testing';
import type { TempDir } from '@driftless/testing';
import { resolveTool, runTool } from '@driftless/toolchain';

const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

async function kubectl(platform: RunningPlatform, ...args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const tool = await resolveTool('kubectl');
  return runTool(tool, ['--kubeconfig', platform.kubeconfigPath, '--cache-dir', path.join(path.dirname(platform.kubeconfigPath), 'kube-cache'), ...args]);
}

async function start(work: TempDir, lines: string[]): Promise<RunningPlatform> {
  return startPlatform({
    workDir: work.path,
    redisUrl,
    kubeconfig: undefined,
    namespace: 'argocd',
    devclusterPort: 0,
    gitserverPort: 0,
    log: (line) => lines.push(line),
  });
}

describe('Given a fresh machine, when a user runs npm start', () => {
  let work: TempDir;
  let platform: RunningPlatform;
  const lines: string[] = [];

  beforeAll(async () => {
    work = await tempDir('driftless-e2e-start-');
    platform = await start(work, lines);
  });

  afterAll(async () => {
    await platform?.stop();
    await work?.cleanup();
  });

  it('then it says what it started: redis, the dev cluster, the CRDs, the git server, the worker and the demo app', () => {
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(['redis', 'cluster', 'crds', 'gitserver', 'worker', 'application']);
    expect(lines[1]).toContain('dev cluster');
    expect(lines[5]).toBe('application demo in namespace argocd (created)');
  });

  it('then the worker deploys the demo app: kubectl shows it Synced and Healthy, and its objects in namespace demo', async () => {
    const status = await waitFor(async () => {
      const result = await kubectl(platform, 'get', 'application', 'demo', '-n', 'argocd', '-o', 'jsonpath={.status.sync.status}/{.status.health.status}/{.status.operationState.phase}');
      return result.stdout === 'Synced/Healthy/Succeeded' ? result.stdout : undefined;
    }, { description: 'the demo app is Synced, Healthy and its sync Succeeded', timeoutMs: 90_000, intervalMs: 500 });
    expect(status).toBe('Synced/Healthy/Succeeded');
    const objects = await kubectl(platform, 'get', 'configmap,deployment,service', '-n', 'demo', '-o', 'name');
    // kube-root-ca.crt is the cluster's own ConfigMap in every namespace.
    const names = objects.stdout.split('\n').filter((line) => line !== '' && line !== 'configmap/kube-root-ca.crt');
    expect(names.sort()).toEqual(['configmap/guestbook-config', 'deployment.apps/guestbook-ui', 'service/guestbook-ui']);
  }, 120_000);

  it('then the cluster is served over TLS, which client-node (and so the worker) accepts', async () => {
    expect(platform.clusterUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(platform.kubeconfigPath);
    const namespaces = await kc.makeApiClient(k8s.CoreV1Api).listNamespace();
    expect(namespaces.items.map((ns) => ns.metadata?.name)).toContain('argocd');
  });

  it('then kubectl lists the demo Application in the argocd namespace', async () => {
    const result = await kubectl(platform, 'get', 'applications', '-n', 'argocd', '-o', 'jsonpath={.items[*].metadata.name}');
    expect(result).toMatchObject({ exitCode: 0, stdout: 'demo' });
  });

  it('then the Argo CRDs are established', async () => {
    const result = await kubectl(platform, 'get', 'crd', 'applications.argoproj.io', 'appprojects.argoproj.io', 'rollouts.argoproj.io', '-o',
      'jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Established")].status} {end}');
    expect(result.stdout.trim().split(' ').sort()).toEqual(['applications.argoproj.io=True', 'appprojects.argoproj.io=True', 'rollouts.argoproj.io=True']);
  });

  it('then the demo repository clones over HTTP and holds the guestbook manifests', async () => {
    const dir = path.join(work.path, 'clone');
    await git.clone({ fs, http, dir, url: platform.demoRepoUrl, singleBranch: true });
    expect(fs.readdirSync(path.join(dir, 'guestbook')).sort()).toEqual(['configmap.yaml', 'deployment.yaml', 'service.yaml']);
  });

  describe('and when they stop it and start it again', () => {
    it('then the same Application is still there, untouched, and the demo repository is kept', async () => {
      const before = await kubectl(platform, 'get', 'application', 'demo', '-n', 'argocd', '-o', 'jsonpath={.metadata.uid}');
      await platform.stop();
      const again: string[] = [];
      platform = await start(work, again);
      const after = await kubectl(platform, 'get', 'application', 'demo', '-n', 'argocd', '-o', 'jsonpath={.metadata.uid}');
      expect(after.stdout).toBe(before.stdout);
      expect(again[3]).not.toContain('created');
      expect(again[5]).toBe('application demo in namespace argocd (kept as it was)');
    });
  });
});
