// Test support: small manifests for sync tests (ConfigMaps, Deployments, Jobs as hooks, waves) and a fresh
// namespace per test, with the dev cluster's kubelet annotations keeping pods quick.
import { randomUUID } from 'node:crypto';
import type { UnstructuredObject } from '@driftless/api';
import type { ResourceClient } from '@driftless/kube';

const READY_AFTER_MS = 'devcluster.driftless.io/ready-after-ms';
const COMPLETE_AFTER_MS = 'devcluster.driftless.io/complete-after-ms';
const FAIL = 'devcluster.driftless.io/fail';

export const CONFIG_MAP = { group: '', version: 'v1', kind: 'ConfigMap' };
export const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };
export const REPLICA_SET = { group: 'apps', version: 'v1', kind: 'ReplicaSet' };
export const JOB = { group: 'batch', version: 'v1', kind: 'Job' };
export const NAMESPACE = { group: '', version: 'v1', kind: 'Namespace' };

/** A unique name with a prefix, e.g. `t-1a2b3c4d`. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Creates a namespace of its own for one test. */
export async function freshNamespace(client: ResourceClient, prefix = 'sync'): Promise<string> {
  const name = uniqueName(prefix);
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

/** `obj` with extra annotations. */
export function annotate(obj: UnstructuredObject, annotations: Record<string, string>): UnstructuredObject {
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...obj.metadata.annotations, ...annotations } } };
}

/** `obj` in sync wave `n`. */
export function wave(obj: UnstructuredObject, n: number): UnstructuredObject {
  return annotate(obj, { 'argocd.argoproj.io/sync-wave': String(n) });
}

/** `obj` as an Argo CD hook of `type` (PreSync, PostSync, SyncFail...) with optional delete policies. */
export function hook(obj: UnstructuredObject, type: string, deletePolicy?: string): UnstructuredObject {
  return annotate(obj, { 'argocd.argoproj.io/hook': type, ...(deletePolicy === undefined ? {} : { 'argocd.argoproj.io/hook-delete-policy': deletePolicy }) });
}

export function configMap(namespace: string, name: string, data: Record<string, string> = { a: '1' }): UnstructuredObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}

export function serviceAccount(namespace: string, name: string): UnstructuredObject {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } };
}

/** A one-replica Deployment whose pod is ready after `readyAfterMs`. */
export function deployment(namespace: string, name: string, options: { image?: string; readyAfterMs?: number } = {}): UnstructuredObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, annotations: { [READY_AFTER_MS]: String(options.readyAfterMs ?? 50) } },
        spec: { containers: [{ name: 'main', image: options.image ?? 'app:1' }] },
      },
    },
  };
}

/** A Job whose one pod runs `runMs`, then succeeds — or fails (backoffLimit 0) when `fail`. */
export function job(namespace: string, name: string, options: { runMs?: number; fail?: boolean } = {}): UnstructuredObject {
  const podAnnotations: Record<string, string> = { [READY_AFTER_MS]: '0', [COMPLETE_AFTER_MS]: String(options.runMs ?? 200) };
  if (options.fail === true) podAnnotations[FAIL] = 'job-failure';
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: { annotations: podAnnotations },
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1' }] },
      },
    },
  };
}
