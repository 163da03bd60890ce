// Applications driven as a user drives them: YAML manifests applied with kubectl, status read with
// `kubectl get`, operations written with `kubectl patch`, refreshes asked for with `kubectl annotate`.
import { stringify } from 'yaml';
import type { Application, ApplicationSpec, Operation } from '@driftless/api';
import { UnavailableError } from '@driftless/api';
import { waitFor } from '@driftless/testing';
import { ARGOCD_NAMESPACE } from './gitops-platform.js';
import type { GitOpsPlatform } from './gitops-platform.js';

/** The control cluster, as Applications name it. */
export const IN_CLUSTER = 'https://kubernetes.default.svc';

/** What `argocd app sync <name>` writes: a sync to HEAD of the target revision, by admin. */
export const ARGOCD_APP_SYNC: Operation = { initiatedBy: { username: 'admin' }, sync: { revision: 'HEAD' } };

/** How long the scenarios wait for the loop (2 busy cores: generous, never a timing assertion). */
export const SETTLE_MS = 90_000;

/** An Application manifest in the control namespace, as YAML. */
export function applicationYaml(name: string, spec: ApplicationSpec): string {
  return stringify({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name, namespace: ARGOCD_NAMESPACE }, spec });
}

/** `kubectl get application <name> -n argocd -o json`, parsed. */
export async function readApplication(platform: GitOpsPlatform, name: string): Promise<Application> {
  return JSON.parse(await platform.kubectlOk('get', 'application', name, '-n', ARGOCD_NAMESPACE, '-o', 'json')) as Application;
}

/** `kubectl get application <name> -n argocd -o jsonpath=<expression>`. */
export async function appJsonpath(platform: GitOpsPlatform, name: string, expression: string): Promise<string> {
  return platform.kubectlOk('get', 'application', name, '-n', ARGOCD_NAMESPACE, '-o', `jsonpath=${expression}`);
}

/** `<sync status>/<health status>/<operation phase>` of an Application, as kubectl prints them. */
export function syncHealthPhase(platform: GitOpsPlatform, name: string): Promise<string> {
  return appJsonpath(platform, name, '{.status.sync.status}/{.status.health.status}/{.status.operationState.phase}');
}

/** Polls the Application with kubectl until `test` holds and resolves it. */
export async function waitForApplication(platform: GitOpsPlatform, name: string, description: string, test: (app: Application) => boolean, timeoutMs = SETTLE_MS): Promise<Application> {
  return waitFor(async () => {
    const app = await readApplication(platform, name);
    return test(app) ? app : undefined;
  }, { description: `${name}: ${description}`, timeoutMs, intervalMs: 500 });
}

/** Polls until `<sync>/<health>/<phase>` of the Application equals `expected`. */
export async function waitForSyncHealthPhase(platform: GitOpsPlatform, name: string, expected: string, timeoutMs = SETTLE_MS): Promise<string> {
  return waitFor(async () => {
    const seen = await syncHealthPhase(platform, name);
    return seen === expected ? seen : undefined;
  }, { description: `${name} shows ${expected} (sync/health/operation phase)`, timeoutMs, intervalMs: 500 });
}

/** `kubectl patch application <name> -n argocd --type merge -p '{"operation": …}'`, as `argocd app sync` writes it. */
export async function requestOperation(platform: GitOpsPlatform, name: string, operation: Operation = ARGOCD_APP_SYNC): Promise<void> {
  await platform.kubectlOk('patch', 'application', name, '-n', ARGOCD_NAMESPACE, '--type', 'merge', '-p', JSON.stringify({ operation }));
}

/** `kubectl annotate application <name> -n argocd argocd.argoproj.io/refresh=normal --overwrite`. */
export async function requestRefresh(platform: GitOpsPlatform, name: string): Promise<void> {
  await platform.kubectlOk('annotate', 'application', name, '-n', ARGOCD_NAMESPACE, 'argocd.argoproj.io/refresh=normal', '--overwrite');
}

/** `kubectl get <kind> <name> -n <namespace> -o jsonpath=<expression>`; undefined while it does not exist. */
export async function objectJsonpath(platform: GitOpsPlatform, kind: string, namespace: string, name: string, expression: string): Promise<string | undefined> {
  const result = await platform.kubectl('get', kind, name, '-n', namespace, '-o', `jsonpath=${expression}`);
  if (result.exitCode !== 0) {
    if (/NotFound|not found/.test(result.stderr)) return undefined;
    throw new UnavailableError(`kubectl get ${kind} ${name} failed: ${result.stderr.trim()}`);
  }
  return result.stdout;
}
