import { describe, expect, it } from '@jest/globals';
import type { Application } from '@driftless/api';
import { NotFoundError, UnavailableError } from '@driftless/api';
import type { ClusterPorts } from '@driftless/reconcile';
import { Registry } from 'prom-client';
import type { AppWriter } from '../applications/app-writer.js';
import { instrumentAppWriter, instrumentClusterPorts } from './instrument.js';
import { createWorkerMetrics } from './worker-metrics.js';

const IN_CLUSTER = 'https://kubernetes.default.svc';

function app(name: string, extra: { status?: Application['status']; operation?: Application['operation']; automated?: boolean; project?: string } = {}): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd' },
    spec: {
      project: extra.project ?? 'default',
      source: { repoURL: 'https://GitHub.com/acme/Shop.git', path: 'shop', targetRevision: 'main' },
      destination: { server: IN_CLUSTER, namespace: 'shop' },
      ...(extra.automated === true ? { syncPolicy: { automated: {} } } : {}),
    },
    ...(extra.status === undefined ? {} : { status: extra.status }),
    ...(extra.operation === undefined ? {} : { operation: extra.operation }),
  };
}

/** The sample lines of one metric family, without HELP/TYPE comments. */
function samples(text: string, name: string): string[] {
  return text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}

describe('createWorkerMetrics', () => {
  it('describes the Applications of the callback at every scrape, with Argo CD labels and defaults', async () => {
    const metrics = createWorkerMetrics(new Registry());
    let apps: Application[] = [
      app('shop', { status: { sync: { status: 'Synced' }, health: { status: 'Healthy' } } as Application['status'], automated: true }),
      app('blog', { operation: { sync: {} } as Application['operation'], project: '' }),
    ];
    metrics.trackApplications(() => apps);

    expect(samples(await metrics.scrape(), 'argocd_app_info')).toEqual([
      'argocd_app_info{namespace="argocd",name="shop",project="default",autosync_enabled="true",repo="https://github.com/acme/shop",dest_server="https://kubernetes.default.svc",dest_namespace="shop",sync_status="Synced",health_status="Healthy",operation=""} 1',
      'argocd_app_info{namespace="argocd",name="blog",project="default",autosync_enabled="false",repo="https://github.com/acme/shop",dest_server="https://kubernetes.default.svc",dest_namespace="shop",sync_status="Unknown",health_status="Unknown",operation="sync"} 1',
    ]);

    // A deleted app drops out at the next scrape
    apps = apps.slice(0, 1);
    expect(samples(await metrics.scrape(), 'argocd_app_info').map((line) => /name="(\w+)"/.exec(line)?.[1])).toEqual(['shop']);
  });

  it('observes reconcile durations in seconds in Argo CD buckets', async () => {
    const metrics = createWorkerMetrics(new Registry());
    metrics.observeReconcile(app('shop'), 1500);
    metrics.observeReconcile({ namespace: 'argocd', name: 'gone' }, 100);
    const text = await metrics.scrape();
    expect(text).toContain('# TYPE argocd_app_reconcile histogram');
    expect(text).toContain('argocd_app_reconcile_bucket{le="1",namespace="argocd",dest_server="https://kubernetes.default.svc"} 0');
    expect(text).toContain('argocd_app_reconcile_bucket{le="2",namespace="argocd",dest_server="https://kubernetes.default.svc"} 1');
    expect(text).toContain('argocd_app_reconcile_bucket{le="16",namespace="argocd",dest_server="https://kubernetes.default.svc"} 1');
    expect(text).toContain('argocd_app_reconcile_sum{namespace="argocd",dest_server="https://kubernetes.default.svc"} 1.5');
    expect(text).toContain('argocd_app_reconcile_bucket{le="0.25",namespace="argocd",dest_server=""} 1');
  });

  it('counts finished operations by phase and ignores unfinished ones', async () => {
    const metrics = createWorkerMetrics(new Registry());
    metrics.countSync(app('shop'), 'Succeeded');
    metrics.countSync(app('shop'), 'Succeeded');
    metrics.countSync(app('shop'), 'Failed');
    metrics.countSync(app('shop'), 'Running');
    expect(samples(await metrics.scrape(), 'argocd_app_sync_total')).toEqual([
      'argocd_app_sync_total{namespace="argocd",name="shop",project="default",dest_server="https://kubernetes.default.svc",phase="Succeeded"} 2',
      'argocd_app_sync_total{namespace="argocd",name="shop",project="default",dest_server="https://kubernetes.default.svc",phase="Failed"} 1',
    ]);
  });

  it('counts Git requests and their durations by repository and request type', async () => {
    const metrics = createWorkerMetrics(new Registry());
    metrics.observeGitRequest({ repoURL: 'https://git.example/shop', durationMs: 300 });
    metrics.observeGitRequest({ repoURL: 'https://git.example/shop', durationMs: 3000, requestType: 'ls-remote' });
    const text = await metrics.scrape();
    expect(samples(text, 'argocd_git_request_total')).toEqual([
      'argocd_git_request_total{repo="https://git.example/shop",request_type="fetch"} 1',
      'argocd_git_request_total{repo="https://git.example/shop",request_type="ls-remote"} 1',
    ]);
    expect(text).toContain('argocd_git_request_duration_seconds_bucket{le="0.5",repo="https://git.example/shop",request_type="fetch"} 1');
    expect(text).toContain('argocd_git_request_duration_seconds_bucket{le="4",repo="https://git.example/shop",request_type="ls-remote"} 1');
  });

  it('reports the connection of every cluster the callback names, 1 or 0', async () => {
    const metrics = createWorkerMetrics(new Registry());
    metrics.trackClusters(() => [
      { server: IN_CLUSTER, connected: true },
      { server: 'https://prod.example:6443', connected: false },
    ]);
    expect(samples(await metrics.scrape(), 'argocd_cluster_connection_status')).toEqual([
      'argocd_cluster_connection_status{server="https://kubernetes.default.svc"} 1',
      'argocd_cluster_connection_status{server="https://prod.example:6443"} 0',
    ]);
  });

  it('includes the default Node process metrics, and the content type of the text format', async () => {
    const metrics = createWorkerMetrics(new Registry());
    expect(await metrics.scrape()).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});

describe('the k8s request counters of the ports', () => {
  const request = (text: string) => samples(text, 'argocd_app_k8s_request_total');

  it('counts Application reads and writes against the control cluster, a vanished app as 404', async () => {
    const metrics = createWorkerMetrics(new Registry());
    const inner: AppWriter = {
      get: () => Promise.resolve(undefined),
      patchStatus: () => Promise.resolve(true),
      setOperation: () => Promise.resolve(false),
      clearRefreshAnnotation: () => Promise.reject(new UnavailableError('etcd is down')),
    } as unknown as AppWriter;
    const writer = instrumentAppWriter(inner, metrics, IN_CLUSTER, (key) => (key.name === 'shop' ? app('shop', { project: 'team' }) : undefined));
    const key = { namespace: 'argocd', name: 'shop' };
    await writer.get(key);
    await writer.patchStatus(key, {});
    await writer.setOperation(key, null);
    await expect(writer.clearRefreshAnnotation(key)).rejects.toThrow('etcd is down');

    expect(request(await metrics.scrape())).toEqual([
      'argocd_app_k8s_request_total{namespace="argocd",name="shop",project="team",server="https://kubernetes.default.svc",response_code="404",verb="Get",resource_kind="Application",resource_namespace="argocd"} 1',
      'argocd_app_k8s_request_total{namespace="argocd",name="shop",project="team",server="https://kubernetes.default.svc",response_code="200",verb="Patch",resource_kind="Application",resource_namespace="argocd"} 1',
      'argocd_app_k8s_request_total{namespace="argocd",name="shop",project="team",server="https://kubernetes.default.svc",response_code="404",verb="Patch",resource_kind="Application",resource_namespace="argocd"} 1',
      'argocd_app_k8s_request_total{namespace="argocd",name="shop",project="team",server="https://kubernetes.default.svc",response_code="503",verb="Patch",resource_kind="Application",resource_namespace="argocd"} 1',
    ]);
  });

  it("counts the executor's cluster calls under the app and the destination server", async () => {
    const metrics = createWorkerMetrics(new Registry());
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' } };
    const inner: ClusterPorts = {
      dryRun: () => Promise.resolve(),
      apply: (obj) => Promise.resolve(obj),
      createHook: (obj) => Promise.resolve(obj),
      delete: () => Promise.reject(new NotFoundError('gone')),
      get: () => Promise.resolve(undefined),
      refreshDiscovery: () => Promise.resolve(),
    };
    const ports = instrumentClusterPorts(inner, metrics, app('shop'), 'https://prod.example:6443');
    const apply = { serverSideApply: false, replace: false, force: false, validate: true, skipDryRunOnMissingResource: false };
    await ports.dryRun(configMap, apply);
    await ports.apply(configMap, apply);
    await ports.apply(configMap, { ...apply, replace: true });
    await ports.createHook({ ...configMap, kind: 'Job' }, apply);
    await expect(ports.delete({ group: '', version: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'old' }, { propagationPolicy: 'foreground' })).rejects.toThrow('gone');
    await ports.get({ group: '', version: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'settings' });
    await ports.refreshDiscovery();

    const lines = request(await metrics.scrape()).map((line) => line.replace('namespace="argocd",name="shop",project="default",server="https://prod.example:6443",', ''));
    expect(lines).toEqual([
      'argocd_app_k8s_request_total{response_code="200",verb="Patch",resource_kind="ConfigMap",resource_namespace="shop"} 2',
      'argocd_app_k8s_request_total{response_code="200",verb="Update",resource_kind="ConfigMap",resource_namespace="shop"} 1',
      'argocd_app_k8s_request_total{response_code="201",verb="Create",resource_kind="Job",resource_namespace="shop"} 1',
      'argocd_app_k8s_request_total{response_code="404",verb="Delete",resource_kind="ConfigMap",resource_namespace="shop"} 1',
      'argocd_app_k8s_request_total{response_code="404",verb="Get",resource_kind="ConfigMap",resource_namespace="shop"} 1',
    ]);
  });

  it('hands the ports back unchanged without metrics', () => {
    const inner = {} as ClusterPorts;
    expect(instrumentClusterPorts(inner, undefined, app('shop'), IN_CLUSTER)).toBe(inner);
  });
});
