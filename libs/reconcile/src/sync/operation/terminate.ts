// Terminating an operation (gitops-engine `Terminate`): no further task runs; hooks this operation
// started that are still running are deleted; the operation ends Failed "Operation terminated".
import type { OperationState } from '@driftless/api';
import { errorMessage, isNotFound } from './api-error.js';
import { hookPhaseOf } from './observe.js';
import type { ClusterPorts } from './operation-types.js';
import type { PrunePropagationPolicy } from '../sync-options.js';
import { progressOf, resultKey } from './task-results.js';

/** gitops-engine's messages for a finished termination. */
export const TERMINATED = 'Operation terminated';
export const TERMINATION_ERRORS = 'Operation termination had errors';

/**
 * Terminates `state` (a copy is returned): every recorded hook still running is read; one still running
 * live is deleted (result Succeeded "Deleted", as gitops-engine records it), one that finished meanwhile
 * gets its phase. Phase Failed "Operation terminated", or Error "Operation termination had errors" when a
 * delete failed. `call` wraps each API call (transient retries).
 */
export async function terminate(
  state: OperationState,
  ports: ClusterPorts,
  propagationPolicy: PrunePropagationPolicy,
  call: <T>(fn: () => Promise<T>) => Promise<T>,
): Promise<OperationState> {
  const next: OperationState = JSON.parse(JSON.stringify(state)) as OperationState;
  let ok = true;
  for (const result of next.syncResult?.resources ?? []) {
    if (result.hookType === undefined || progressOf(result) !== 'running') continue;
    const key = resultKey(result);
    try {
      const live = await call(() => ports.get(key));
      const observed = live === undefined ? undefined : hookPhaseOf(live);
      if (observed !== undefined && observed.phase !== 'Running') {
        result.hookPhase = observed.phase;
        result.message = observed.message;
        continue;
      }
      if (live !== undefined) await call(() => ports.delete(key, { propagationPolicy }));
      result.hookPhase = 'Succeeded';
      result.message = 'Deleted';
    } catch (error) {
      if (isNotFound(error)) {
        result.hookPhase = 'Succeeded';
        result.message = 'Deleted';
        continue;
      }
      result.hookPhase = 'Failed';
      result.message = `Failed to delete: ${errorMessage(error)}`;
      ok = false;
    }
  }
  next.phase = ok ? 'Failed' : 'Error';
  next.message = ok ? TERMINATED : TERMINATION_ERRORS;
  return next;
}
