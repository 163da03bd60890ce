// Counts the loop's Kubernetes calls for `argocd_app_k8s_request_total` by wrapping its two ports (the
// Application writer, the sync executor's cluster ports), so neither libs/kube nor the executor knows of metrics.
import type { Application } from '@driftless/api';
import { apiStatusOf } from '@driftless/reconcile';
import type { ClusterPorts } from '@driftless/reconcile';
import type { AppKey, AppWriter } from '../applications/app-writer.js';
import type { K8sRequest, WorkerMetrics } from './worker-metrics.js';

type Call = Omit<K8sRequest, 'status'>;

/**
 * `writer` with its calls counted against the control cluster `server`: reads as Get, writes as Patch,
 * a write that found the Application gone as 404. `appOf` names the app's project. Methods added to
 * AppWriter later pass through uncounted until listed here. Without `metrics`, `writer` itself.
 */
export function instrumentAppWriter(writer: AppWriter, metrics: WorkerMetrics | undefined, server: string, appOf: (key: AppKey) => Application | undefined): AppWriter {
  if (metrics === undefined) return writer;
  const call = (key: AppKey, verb: string): Call => ({ app: appOf(key) ?? key, server, verb, resourceKind: 'Application', resourceNamespace: key.namespace });
  const write = (key: AppKey, run: () => Promise<boolean>) => counted(metrics, call(key, 'Patch'), run, (found) => (found ? 200 : 404));
  return {
    ...writer,
    get: (key) => counted(metrics, call(key, 'Get'), () => writer.get(key), (app) => (app === undefined ? 404 : 200)),
    patchStatus: (key, status) => write(key, () => writer.patchStatus(key, status)),
    setOperation: (key, operation) => write(key, () => writer.setOperation(key, operation)),
    patchStatusAndOperation: (key, status, operation) => write(key, () => writer.patchStatusAndOperation(key, status, operation)),
    clearRefreshAnnotation: (key) => write(key, () => writer.clearRefreshAnnotation(key)),
  };
}

/**
 * `ports` of `app`'s destination `server` with every object call counted once, under the verb of its
 * main request (an apply as Patch, or Update with `replace`; a hook as Create). Discovery refreshes are
 * not resource requests and are not counted. Without `metrics`, `ports` itself.
 */
export function instrumentClusterPorts(ports: ClusterPorts, metrics: WorkerMetrics | undefined, app: Application, server: string): ClusterPorts {
  if (metrics === undefined) return ports;
  const call = (verb: string, kind: string, namespace: string | undefined): Call => ({ app, server, verb, resourceKind: kind, ...(namespace === undefined ? {} : { resourceNamespace: namespace }) });
  const applyVerb = (replace: boolean) => (replace ? 'Update' : 'Patch');
  return {
    dryRun: (obj, options) => counted(metrics, call(applyVerb(options.replace), obj.kind, obj.metadata.namespace), () => ports.dryRun(obj, options), () => 200),
    apply: (obj, options) => counted(metrics, call(applyVerb(options.replace), obj.kind, obj.metadata.namespace), () => ports.apply(obj, options), () => 200),
    createHook: (obj, options) => counted(metrics, call('Create', obj.kind, obj.metadata.namespace), () => ports.createHook(obj, options), () => 201),
    delete: (key, options) => counted(metrics, call('Delete', key.kind, key.namespace), () => ports.delete(key, options), () => 200),
    get: (key) => counted(metrics, call('Get', key.kind, key.namespace), () => ports.get(key), (obj) => (obj === undefined ? 404 : 200)),
    refreshDiscovery: () => ports.refreshDiscovery(),
  };
}

// Runs `run` and counts it with the status its result stands for, or the status its error carries.
async function counted<T>(metrics: WorkerMetrics, call: Call, run: () => Promise<T>, statusOf: (result: T) => number): Promise<T> {
  let result: T;
  try {
    result = await run();
  } catch (error) {
    metrics.countK8sRequest({ ...call, status: apiStatusOf(error) });
    throw error;
  }
  metrics.countK8sRequest({ ...call, status: statusOf(result) });
  return result;
}
