// Kubernetes manifests the scenarios commit to Git, as YAML text a user would write.
import { stringify } from 'yaml';

/** Pod template annotations the dev cluster reads (docs/devcluster.md, tools/devcluster/src/controllers). */
export const DEVCLUSTER_FAIL = 'devcluster.driftless.io/fail';
/** Milliseconds from a pod's start until its containers run (default 500). */
export const DEVCLUSTER_READY_AFTER_MS = 'devcluster.driftless.io/ready-after-ms';

/** A ConfigMap. */
export function configMapYaml(name: string, data: Readonly<Record<string, string>>, annotations?: Readonly<Record<string, string>>): string {
  return stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(annotations === undefined ? {} : { annotations }) }, data });
}

/** Options of {@link deploymentYaml}. */
export interface DeploymentOptions {
  readonly replicas?: number;
  readonly image?: string;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly podAnnotations?: Readonly<Record<string, string>>;
  readonly progressDeadlineSeconds?: number;
}

/** A Deployment whose pods are labelled `app: <name>`. */
export function deploymentYaml(name: string, options: DeploymentOptions = {}): string {
  return stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(options.annotations === undefined ? {} : { annotations: options.annotations }) },
    spec: {
      replicas: options.replicas ?? 1,
      ...(options.progressDeadlineSeconds === undefined ? {} : { progressDeadlineSeconds: options.progressDeadlineSeconds }),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, ...(options.podAnnotations === undefined ? {} : { annotations: options.podAnnotations }) },
        spec: { containers: [{ name: 'main', image: options.image ?? 'nginx:1.27' }] },
      },
    },
  });
}

/** A Job (run to completion in the dev cluster after `complete-after-ms`, 500 ms by default). */
export function jobYaml(name: string, annotations: Readonly<Record<string, string>>): string {
  return stringify({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, annotations },
    spec: {
      backoffLimit: 0,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36', command: ['true'] }] } },
    },
  });
}
