// Health of core Pod, as gitops-engine's health_pod.go.
import { conditions, field, findCondition, health, list, num, str } from '../fields.js';
import type { HealthCheck, HealthStatus, PlainObject } from '../types.js';

/** Annotation that makes a running Never/OnFailure pod count as Healthy when Ready, like Always. */
const IGNORE_RESTART_POLICY = 'argocd.argoproj.io/ignore-restart-policy';

/** Waiting reasons that mean a container cannot start (ErrImagePull, CrashLoopBackOff, …). */
function isFailingWaitReason(reason: string): boolean {
  return reason.startsWith('Err') || reason.endsWith('Error') || reason.endsWith('BackOff');
}

/** Why a terminated container failed, or '' when it did not fail. */
function failMessage(container: PlainObject): string {
  const terminated = field(container, 'state', 'terminated');
  if (terminated === undefined || terminated === null) return '';
  const message = str(terminated, ['message']);
  if (message) return message;
  const reason = str(terminated, ['reason']);
  if (reason === 'OOMKilled') return reason;
  const exitCode = num(terminated, ['exitCode']);
  if (exitCode !== 0) return `container "${str(container, ['name'])}" failed with exit code ${exitCode}`;
  return '';
}

/** Degraded when any container of an always-restarting pod waits for a failing reason. */
function waitingFailure(pod: PlainObject): HealthStatus | undefined {
  const messages = list(pod, ['status', 'containerStatuses'])
    .filter((c) => isFailingWaitReason(str(c, ['state', 'waiting', 'reason'])))
    .map((c) => str(c, ['state', 'waiting', 'message']));
  return messages.length > 0 ? health('Degraded', messages.join(', ')) : undefined;
}

/**
 * Pending → Progressing; Succeeded → Healthy; Failed → Degraded with the pod's or the first failing
 * container's message. Running with restartPolicy Always → Healthy when Ready, Degraded when a
 * container has terminated before, Progressing otherwise; Running with OnFailure/Never (hooks) →
 * Progressing — unless annotated `argocd.argoproj.io/ignore-restart-policy: "true"`, which judges them
 * like Always. Pods that always restart are Degraded first if a container waits on ErrImagePull,
 * CrashLoopBackOff and the like (not for hooks, which would fail the sync too early).
 */
export const podHealth: HealthCheck = (obj) => {
  const restartPolicy = str(obj, ['spec', 'restartPolicy']) || 'Always';
  const ignoreRestartPolicy = str(obj, ['metadata', 'annotations', IGNORE_RESTART_POLICY]) === 'true';
  const message = str(obj, ['status', 'message']);
  if (restartPolicy === 'Always') {
    const failure = waitingFailure(obj);
    if (failure) return failure;
  }
  switch (str(obj, ['status', 'phase'])) {
    case 'Pending':
      return health('Progressing', message);
    case 'Succeeded':
      return health('Healthy', message);
    case 'Failed': {
      if (message) return health('Degraded', message);
      const containers = [...list(obj, ['status', 'initContainerStatuses']), ...list(obj, ['status', 'containerStatuses'])];
      const firstFailure = containers.map(failMessage).find((m) => m !== '');
      return health('Degraded', firstFailure);
    }
    case 'Running':
      return runningHealth(obj, ignoreRestartPolicy ? 'Always' : restartPolicy, message);
    default:
      return health('Unknown', message);
  }
};

/** A running pod: Ready means Healthy only for long-running pods (restartPolicy Always). */
function runningHealth(pod: PlainObject, restartPolicy: string, message: string): HealthStatus {
  if (restartPolicy !== 'Always') return health('Progressing', message);
  if (findCondition(conditions(pod), 'Ready')?.status === 'True') return health('Healthy', message);
  const restarted = list(pod, ['status', 'containerStatuses']).some((c) => {
    const terminated = field(c, 'lastState', 'terminated');
    return terminated !== undefined && terminated !== null;
  });
  return health(restarted ? 'Degraded' : 'Progressing', message);
}
