// A test harness playing the worker around the executor: re-matches the fake cluster against the desired
// objects before every step and saves the returned state into the Application, as the worker will.
import type { Application, ApplicationSpec, Operation, UnstructuredObject } from '@driftless/api';
import { matchResources } from '../../match/index.js';
import { appendHistory } from './history.js';
import { FakeCluster } from './fake-cluster.js';
import type { StepInput, StepOptions, StepResult } from './operation-types.js';
import { stepSync } from './step-sync.js';

export const NS = 'prod';
export const REVISION = '0123456789abcdef0123456789abcdef01234567';

/** The executor's world in a test. */
export interface Harness {
  cluster: FakeCluster;
  app: Application;
  desired: UnstructuredObject[];
  options?: StepOptions;
}

/** An Application named guestbook deploying to `prod` with `operation` requested. */
export function harness(desired: UnstructuredObject[], operation: Operation = { sync: {} }, spec: Partial<ApplicationSpec> = {}): Harness {
  const app: Application = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'guestbook', namespace: 'argocd' },
    spec: { project: 'default', destination: { server: 'https://kubernetes.default.svc', namespace: NS }, source: { repoURL: 'https://git.example/gb.git', path: 'gb', targetRevision: 'HEAD' }, ...spec },
    operation,
  };
  return { cluster: new FakeCluster(), app, desired };
}

/** The step input a worker would build now: desired objects matched against the live ones. */
export function inputFor(h: Harness): StepInput {
  const match = matchResources(h.desired, [...h.cluster.objects.values()], { appName: 'guestbook', destinationNamespace: NS });
  return { app: h.app, resources: match.pairs, hooks: match.hooks, revision: REVISION, ...(h.options === undefined ? {} : { options: h.options }) };
}

/** Runs one step and saves its state (through JSON, as a status write would). */
export async function step(h: Harness): Promise<StepResult> {
  const result = await stepSync(inputFor(h), h.cluster);
  const status = { ...h.app.status, operationState: JSON.parse(JSON.stringify(result.state)) as StepResult['state'] };
  if (result.historyEntry !== undefined) status.history = appendHistory(status.history, result.historyEntry, h.app.spec.revisionHistoryLimit);
  const { operation, ...rest } = h.app;
  h.app = { ...rest, status, ...(result.done || operation === undefined ? {} : { operation }) };
  return result;
}

/** Steps until done (or `max` steps), calling `between` after each step that is not the last. */
export async function runToEnd(h: Harness, between: (result: StepResult) => void = () => undefined, max = 20): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (let i = 0; i < max; i += 1) {
    const result = await step(h);
    results.push(result);
    if (result.done) return results;
    between(result);
    h.cluster.nowMs += result.requeueAfterMs ?? 0;
  }
  return results;
}

/** `kind/name hookPhase status` per recorded result, for compact assertions. */
export function resultLines(h: Harness): string[] {
  return (h.app.status?.operationState?.syncResult?.resources ?? []).map((r) => `${r.syncPhase} ${r.kind}/${r.name} ${r.status ?? '-'} ${r.hookPhase ?? '-'}`);
}
