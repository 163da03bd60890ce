// Test support: drives `stepSync` against a dev cluster as the worker does — re-reads and re-matches the
// live objects before every step, saves the state through JSON, and loops until done within a bound.
import * as k8s from '@kubernetes/client-node';
import { NotFoundError } from '@driftless/api';
import type { Application, ApplicationSpec, Operation, OperationState, UnstructuredObject } from '@driftless/api';
import { createDiscovery, createResourceClient, gvkKey, gvkOf } from '@driftless/kube';
import type { Discovery, GroupVersionKind, ResourceClient } from '@driftless/kube';
import { appendHistory, desiredKeyOf, formatKey, keyOf, matchResources, stepSync, trackingAppName } from '@driftless/reconcile';
import type { ClusterPorts, IsNamespaced, StepInput, StepOptions, StepResult, SyncClock } from '@driftless/reconcile';
import { createKubeClusterPorts } from '../kube-cluster-ports.js';

/** The revision every test sync claims to render. */
export const REVISION = 'c0ffee0000000000000000000000000000000001';

/** Time that never waits: retries of transient errors are instant. */
export const INSTANT_CLOCK: SyncClock = { now: () => new Date(), sleep: () => Promise.resolve() };

/** A connection to one cluster: the client, its discovery and the executor's ports over them. */
export interface Connection {
  readonly client: ResourceClient;
  readonly discovery: Discovery;
  readonly ports: ClusterPorts;
}

/** Connects to the cluster of `kubeconfig` (YAML) with the worker's real ports. */
export function connect(kubeconfig: string): Connection {
  const kc = new k8s.KubeConfig();
  kc.loadFromString(kubeconfig);
  const discovery = createDiscovery(kc, { minRefreshIntervalMs: 500 });
  const client = createResourceClient(kc, discovery);
  return { client, discovery, ports: createKubeClusterPorts({ client, discovery, pollIntervalMs: 50 }) };
}

/** One Application's sync as the worker sees it: the Application (operation, status) and what Git renders. */
export interface SyncRun {
  app: Application;
  /** Rendered objects, hooks included (matching sets the hooks apart). */
  desired: UnstructuredObject[];
  /** Kinds to look for tracked live objects besides the desired ones' (what could be pruned). */
  extraKinds: GroupVersionKind[];
  options: StepOptions;
  clock: SyncClock;
}

/** What a new run needs; everything but the name and namespace has a default. */
export interface RunSpec {
  appName: string;
  namespace: string;
  desired: UnstructuredObject[];
  operation?: Operation;
  spec?: Partial<ApplicationSpec>;
  annotations?: Record<string, string>;
  extraKinds?: GroupVersionKind[];
  options?: StepOptions;
  clock?: SyncClock;
}

/** An Application deploying to `namespace` with `operation` (default: a manual sync) requested. */
export function newRun(spec: RunSpec): SyncRun {
  const app: Application = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: spec.appName, namespace: 'argocd', ...(spec.annotations === undefined ? {} : { annotations: spec.annotations }) },
    spec: {
      project: 'default',
      destination: { server: 'https://kubernetes.default.svc', namespace: spec.namespace },
      source: { repoURL: 'https://git.example/app.git', path: 'app', targetRevision: 'HEAD' },
      ...spec.spec,
    },
    operation: spec.operation ?? { sync: {} },
  };
  return {
    app,
    desired: spec.desired,
    extraKinds: spec.extraKinds ?? [],
    options: { pollIntervalMs: 100, appName: spec.appName, ...spec.options },
    clock: spec.clock ?? INSTANT_CLOCK,
  };
}

/** Requests a new operation on a run whose previous one is over (the history is kept). */
export function requestOperation(run: SyncRun, operation: Operation = { sync: {} }, desired: UnstructuredObject[] = run.desired): void {
  run.app = { ...run.app, operation };
  run.desired = desired;
}

async function listOrEmpty(client: ResourceClient, gvk: GroupVersionKind, namespace: string | undefined): Promise<UnstructuredObject[]> {
  try {
    return (await client.list(gvk, namespace === undefined ? {} : { namespace })).items;
  } catch (error) {
    // A kind not served (yet) has no objects.
    if (error instanceof NotFoundError) return [];
    throw error;
  }
}

/** Discovery's "is this kind namespaced?", undefined for kinds it does not serve. */
export async function isNamespacedFrom(discovery: Discovery): Promise<IsNamespaced> {
  const scope = new Map((await discovery.resources()).map((r) => [`${r.group}/${r.kind}`, r.namespaced]));
  return (group, kind) => scope.get(`${group}/${kind}`);
}

/**
 * The live objects the worker's cache would give: every object of a desired or extra kind, in the
 * destination namespace (or cluster-wide for cluster-scoped kinds), at a desired key or tracked by the app.
 */
export async function readLive(conn: Connection, run: SyncRun): Promise<UnstructuredObject[]> {
  const isNamespaced = await isNamespacedFrom(conn.discovery);
  const appName = run.options.appName ?? run.app.metadata.name ?? '';
  const destination = run.app.spec.destination.namespace ?? '';
  const wanted = new Set(run.desired.map((obj) => formatKey(desiredKeyOf(obj, isNamespaced, destination))));
  const kinds = new Map<string, GroupVersionKind>();
  for (const gvk of [...run.desired.map((obj) => gvkOf(obj)), ...run.extraKinds]) kinds.set(gvkKey(gvk), gvk);
  const namespaces = new Set([destination, ...run.desired.flatMap((obj) => (obj.metadata.namespace ? [obj.metadata.namespace] : []))]);
  const found = new Map<string, UnstructuredObject>();
  for (const gvk of kinds.values()) {
    const scopes = isNamespaced(gvk.group, gvk.kind) === false ? [undefined] : [...namespaces];
    for (const namespace of scopes) {
      for (const obj of await listOrEmpty(conn.client, gvk, namespace)) {
        const id = formatKey(keyOf(obj));
        if (wanted.has(id) || trackingAppName(obj) === appName) found.set(id, obj);
      }
    }
  }
  return [...found.values()];
}

/** The step input the worker would build now: desired objects matched against the live ones. */
export async function inputFor(conn: Connection, run: SyncRun): Promise<StepInput> {
  const live = await readLive(conn, run);
  const isNamespaced = await isNamespacedFrom(conn.discovery);
  const appName = run.options.appName ?? run.app.metadata.name ?? '';
  const match = matchResources(run.desired, live, { appName, destinationNamespace: run.app.spec.destination.namespace ?? '', isNamespaced });
  return { app: run.app, resources: match.pairs, hooks: match.hooks, revision: REVISION, sharedResourceWarnings: match.warnings, options: run.options };
}

/** Saves a step's result into the Application as the worker does (through JSON, as a status write). */
export function save(run: SyncRun, result: StepResult): void {
  const status = { ...run.app.status, operationState: JSON.parse(JSON.stringify(result.state)) as OperationState };
  if (result.historyEntry !== undefined) status.history = appendHistory(status.history, result.historyEntry, run.app.spec.revisionHistoryLimit);
  const { operation, ...rest } = run.app;
  run.app = { ...rest, status, ...(result.done || operation === undefined ? {} : { operation }) };
}

/** Re-reads, re-matches, runs one step and saves its state; `beforeStepSync` runs once the input is read. */
export async function step(conn: Connection, run: SyncRun, beforeStepSync?: () => void): Promise<StepResult> {
  const input = await inputFor(conn, run);
  beforeStepSync?.();
  const result = await stepSync(input, { ...conn.ports, clock: run.clock });
  save(run, result);
  return result;
}

/** Bounds and observers of {@link runToEnd}. */
export interface RunOptions {
  /** Steps at most. @defaultValue 300 */
  maxSteps?: number;
  /** Real wait between steps, at most (the requeue delay otherwise). @defaultValue 100 */
  maxWaitMs?: number;
  /** Called after every saved step that is not the last; may change `run` (terminate, approve, ...). */
  between?: (result: StepResult, run: SyncRun) => void | Promise<void>;
  /** Called with the step's index after the input was read, right before `stepSync` (to inject faults). */
  beforeStepSync?: (index: number) => void;
  /** Called with every saved state (as a worker would persist it). */
  onSaved?: (run: SyncRun) => void;
}

/** Steps until the operation is done, or fails the test after `maxSteps`. Returns every step's result. */
export async function runToEnd(conn: Connection, run: SyncRun, options: RunOptions = {}): Promise<StepResult[]> {
  const results: StepResult[] = [];
  const maxSteps = options.maxSteps ?? 300;
  for (let i = 0; i < maxSteps; i += 1) {
    const result = await step(conn, run, () => options.beforeStepSync?.(i));
    options.onSaved?.(run);
    results.push(result);
    if (result.done) return results;
    await options.between?.(result, run);
    await delay(Math.min(result.requeueAfterMs ?? 0, options.maxWaitMs ?? 100));
  }
  const state = run.app.status?.operationState;
  throw new Error(`the sync was not done after ${maxSteps} steps: ${state?.phase ?? '-'} ${state?.message ?? ''}`);
}

/** Steps until `until` holds for the saved state (or the operation is done), within `maxSteps`. */
export async function runUntil(conn: Connection, run: SyncRun, until: (run: SyncRun) => boolean | Promise<boolean>, maxSteps = 300): Promise<StepResult> {
  for (let i = 0; i < maxSteps; i += 1) {
    const result = await step(conn, run);
    if (result.done || (await until(run))) return result;
    await delay(Math.min(result.requeueAfterMs ?? 0, 100));
  }
  throw new Error(`the condition did not hold after ${maxSteps} steps`);
}

/** Resolves after `ms` real milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The saved operation state (fails loudly when there is none). */
export function stateOf(run: SyncRun): OperationState {
  const state = run.app.status?.operationState;
  if (state === undefined) throw new Error('no operation state saved');
  return state;
}

/** `syncPhase kind/name status hookPhase` per recorded result, for compact assertions. */
export function resultLines(run: SyncRun): string[] {
  return (run.app.status?.operationState?.syncResult?.resources ?? []).map((r) => `${r.syncPhase ?? '-'} ${r.kind}/${r.name} ${r.status ?? '-'} ${r.hookPhase ?? '-'}`);
}
