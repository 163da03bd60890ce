// kubectl as the referee of the simulated controllers: rollouts, scaling, image updates, undo, stuck
// rollouts, watch streams and Jobs, asserted on kubectl's own output and exit codes.
import { describe, expect, it } from '@jest/globals';
import { COMPLETE_AFTER_MS, FAIL, READY_AFTER_MS } from '../controllers/annotations.js';
import { eventually } from '../testing/eventually.js';
import { kubectlSuite } from './kubectl-harness.js';

const suite = kubectlSuite('w');
const { namespace, jsonpath } = suite;

/** Lines of `text` without the empty ones, sorted (kubectl lists by name, pods have random names). */
function sortedLines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '').sort();
}

interface DeploymentOptions {
  readonly replicas?: number;
  readonly image?: string;
  /** Extra pod-template annotations (failure modes). */
  readonly podAnnotations?: Readonly<Record<string, string>>;
  readonly progressDeadlineSeconds?: number;
}

/** A Deployment `name` (label app=name, container `app`) whose pods are ready 50 ms after they start. */
function deployment(name: string, options: DeploymentOptions = {}): string {
  const annotations = { [READY_AFTER_MS]: '50', ...options.podAnnotations };
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${options.replicas ?? 2}
${options.progressDeadlineSeconds === undefined ? '' : `  progressDeadlineSeconds: ${options.progressDeadlineSeconds}\n`}  selector: {matchLabels: {app: ${name}}}
  template:
    metadata:
      labels: {app: ${name}}
      annotations: ${JSON.stringify(annotations)}
    spec:
      containers:
      - {name: app, image: ${options.image ?? 'nginx:1.26'}}
`;
}

/** A Job `name` whose single pod runs for 50 ms (plus any failure-mode annotations). */
function job(name: string, podAnnotations: Readonly<Record<string, string>> = {}, backoffLimit = 6): string {
  const annotations = { [COMPLETE_AFTER_MS]: '50', ...podAnnotations };
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
  backoffLimit: ${backoffLimit}
  template:
    metadata:
      annotations: ${JSON.stringify(annotations)}
    spec:
      restartPolicy: Never
      containers:
      - {name: run, image: busybox:1.36, command: ["true"]}
`;
}

/** Applies a Deployment and waits, with kubectl, until it has rolled out. */
async function rolledOut(ns: string, manifest: string, name: string): Promise<void> {
  expect(await suite.kubectl.ok(['apply', '-n', ns, '-f', '-'], manifest)).toBe(`deployment.apps/${name} created\n`);
  expect(await suite.kubectl.ok(['rollout', 'status', `deployment/${name}`, '-n', ns, '--timeout=60s'])).toContain(`deployment "${name}" successfully rolled out`);
}

/** `image=replicas` of every ReplicaSet of app `name`, sorted. */
async function replicaSets(ns: string, name: string): Promise<string[]> {
  return sortedLines(await jsonpath(['get', 'rs', '-n', ns, '-l', `app=${name}`], '{range .items[*]}{.spec.template.spec.containers[0].image}={.spec.replicas}{"\\n"}{end}'));
}

describe('Deployment rollouts', () => {
  it('rolls out a new Deployment: rollout status succeeds and condition Available is met', async () => {
    const ns = await namespace();
    await rolledOut(ns, deployment('web'), 'web');
    expect(await suite.kubectl.ok(['wait', '--for=condition=Available', 'deployment/web', '-n', ns, '--timeout=60s'])).toBe('deployment.apps/web condition met\n');
    const status = '{.status.replicas} {.status.readyReplicas} {.status.availableReplicas} {.status.updatedReplicas}';
    expect(await jsonpath(['get', 'deploy', 'web', '-n', ns], `${status} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}`)).toBe('2 2 2 2 1');
  });

  it('scales up: three ready pods and a ReplicaSet of three', async () => {
    const ns = await namespace();
    await rolledOut(ns, deployment('web'), 'web');
    expect(await suite.kubectl.ok(['scale', 'deployment/web', '-n', ns, '--replicas=3'])).toBe('deployment.apps/web scaled\n');
    await suite.kubectl.ok(['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=60s']);
    const pods = await jsonpath(['get', 'pods', '-n', ns, '-l', 'app=web'], '{range .items[*]}{.status.phase} {.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}');
    expect(sortedLines(pods)).toEqual(['Running True', 'Running True', 'Running True']);
    expect(await replicaSets(ns, 'web')).toEqual(['nginx:1.26=3']);
    expect(await jsonpath(['get', 'rs', '-n', ns, '-l', 'app=web'], '{.items[0].status.readyReplicas}')).toBe('3');
  });

  it('rolls out a new image: revision 2, the old ReplicaSet scaled to 0, both revisions in the history', async () => {
    const ns = await namespace();
    await rolledOut(ns, deployment('web'), 'web');
    expect(await suite.kubectl.ok(['set', 'image', 'deployment/web', '-n', ns, 'app=nginx:1.27'])).toBe('deployment.apps/web image updated\n');
    expect(await suite.kubectl.ok(['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=60s'])).toContain('deployment "web" successfully rolled out');
    expect(await jsonpath(['get', 'deploy', 'web', '-n', ns], '{.metadata.annotations.deployment\\.kubernetes\\.io/revision}')).toBe('2');
    expect(await replicaSets(ns, 'web')).toEqual(['nginx:1.26=0', 'nginx:1.27=2']);
    const history = await suite.kubectl.ok(['rollout', 'history', 'deployment/web', '-n', ns]);
    expect(history).toMatch(/^REVISION\s+CHANGE-CAUSE$/m);
    expect(history).toMatch(/^1\s+<none>$/m);
    expect(history).toMatch(/^2\s+<none>$/m);
    const images = sortedLines(await jsonpath(['get', 'pods', '-n', ns, '-l', 'app=web'], '{range .items[*]}{.spec.containers[0].image}{"\\n"}{end}'));
    expect(images).toEqual(['nginx:1.27', 'nginx:1.27']);
  });

  it('undoes a rollout: the first image returns as revision 3', async () => {
    const ns = await namespace();
    await rolledOut(ns, deployment('web'), 'web');
    await suite.kubectl.ok(['set', 'image', 'deployment/web', '-n', ns, 'app=nginx:1.27']);
    await suite.kubectl.ok(['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=60s']);
    expect(await suite.kubectl.ok(['rollout', 'undo', 'deployment/web', '-n', ns])).toBe('deployment.apps/web rolled back\n');
    expect(await suite.kubectl.ok(['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=60s'])).toContain('deployment "web" successfully rolled out');
    expect(await jsonpath(['get', 'deploy', 'web', '-n', ns], '{.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}')).toBe('nginx:1.26 3');
    expect(await replicaSets(ns, 'web')).toEqual(['nginx:1.26=2', 'nginx:1.27=0']);
    const history = await suite.kubectl.ok(['rollout', 'history', 'deployment/web', '-n', ns]);
    expect(history).toMatch(/^2\s+<none>$/m);
    expect(history).toMatch(/^3\s+<none>$/m);
    expect(history).not.toMatch(/^1\s/m);
  });

  it('never completes a rollout whose pods never become ready; a progress deadline makes it fail', async () => {
    const ns = await namespace();
    const neverReady = { [FAIL]: 'never-ready' };
    await suite.kubectl.ok(['apply', '-n', ns, '-f', '-'], deployment('stuck', { podAnnotations: neverReady }));
    await suite.kubectl.ok(['apply', '-n', ns, '-f', '-'], deployment('late', { podAnnotations: neverReady, progressDeadlineSeconds: 1 }));
    // Both replicas exist before kubectl looks, so its one progress line is known in advance.
    await suite.kubectl.ok(['wait', '--for=jsonpath={.status.updatedReplicas}=2', 'deployment/stuck', '-n', ns, '--timeout=60s']);
    const waiting = await suite.kubectl.run(['rollout', 'status', 'deployment/stuck', '-n', ns, '--timeout=3s']);
    expect(waiting.exitCode).toBe(1);
    expect(waiting.stdout).toContain('Waiting for deployment "stuck" rollout to finish: 0 of 2 updated replicas are available...');
    expect(waiting.stderr).toContain('error: timed out waiting for the condition');
    await suite.kubectl.ok(['wait', '--for=jsonpath={.status.conditions[?(@.type=="Progressing")].reason}=ProgressDeadlineExceeded', 'deployment/late', '-n', ns, '--timeout=60s']);
    expect(await jsonpath(['get', 'deploy', 'late', '-n', ns], '{.status.conditions[?(@.type=="Progressing")].status}')).toBe('False');
    const exceeded = await suite.kubectl.run(['rollout', 'status', 'deployment/late', '-n', ns, '--timeout=60s']);
    expect(exceeded.exitCode).toBe(1);
    expect(exceeded.stderr).toContain('error: deployment "late" exceeded its progress deadline');
  });
});

describe('watch', () => {
  it('streams ADDED then DELETED with --output-watch-events', async () => {
    const ns = await namespace();
    // The namespace's own ConfigMap makes the initial list non-empty, so its printed line marks the watch as started.
    await eventually(() => suite.kubectl.run(['get', 'configmap', 'kube-root-ca.crt', '-n', ns]), (r) => r.exitCode === 0);
    const watch = suite.kubectl.start(['get', 'cm', '-n', ns, '-w', '--output-watch-events']);
    try {
      await eventually(() => watch.stdout(), (out) => /^ADDED\s+kube-root-ca\.crt\s/m.test(out), { timeoutMs: 30000 });
      await suite.kubectl.ok(['create', '-n', ns, '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: streamed\ndata: {a: "1"}\n');
      await eventually(() => watch.stdout(), (out) => /^ADDED\s+streamed\s+1\s/m.test(out), { timeoutMs: 30000 });
      await suite.kubectl.ok(['delete', 'cm', 'streamed', '-n', ns]);
      await eventually(() => watch.stdout(), (out) => /^DELETED\s+streamed\s+1\s/m.test(out), { timeoutMs: 30000 });
    } finally {
      await watch.stop();
    }
    const lines = watch.stdout().split('\n');
    expect(lines[0]).toMatch(/^EVENT\s+NAME\s+DATA\s+AGE$/);
    expect(lines.filter((line) => /^\S+\s+streamed\s/.test(line)).map((line) => line.split(/\s+/)[0])).toEqual(['ADDED', 'DELETED']);
  });
});

describe('Jobs', () => {
  it('meets condition Complete for a Job that succeeds and Failed for one past its backoff limit', async () => {
    const ns = await namespace();
    await suite.kubectl.ok(['apply', '-n', ns, '-f', '-'], job('ok'));
    await suite.kubectl.ok(['apply', '-n', ns, '-f', '-'], job('bad', { [FAIL]: 'job-failure' }, 1));
    expect(await suite.kubectl.ok(['wait', '--for=condition=Complete', 'job/ok', '-n', ns, '--timeout=60s'])).toBe('job.batch/ok condition met\n');
    expect(await jsonpath(['get', 'job', 'ok', '-n', ns], '{.status.succeeded}')).toBe('1');
    expect(await suite.kubectl.ok(['wait', '--for=condition=Failed', 'job/bad', '-n', ns, '--timeout=60s'])).toBe('job.batch/bad condition met\n');
    expect(await jsonpath(['get', 'job', 'bad', '-n', ns], '{.status.failed} {.status.conditions[?(@.type=="Failed")].reason}')).toBe('2 BackoffLimitExceeded');
  });
});
